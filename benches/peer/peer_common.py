"""What the three peers share outside the timed work: the command line, the standards, the
names of the report's fields, the two printed unit lines and the `--dump` JSON file.

Every peer builds, for each group ("all", "unit/<name>", "service/<name>"), a dict holding
exactly the fields below; `compare.py` checks that the three agree field by field.
"""

import argparse
import csv
import json
import math
from pathlib import Path

HERE = Path(__file__).resolve().parent
STANDARDS_CSV = HERE / "standards.csv"

Z95 = 1.959963984540054  # the normal quantile of 0.975: 95 % Wilson intervals
QUANTILES = (0.5, 0.9, 0.95)
SKM = [f"u{i}" for i in range(1, 10)]
DURATIONS = ("wait", "service", "turnaround")
STATS = ("n", "mean", "sd", "median", "p90", "p95", "max")

# Counts: compared exactly. Everything else is a float (or None where undefined).
COUNTS = [
    "visits",
    # Speed: completion standard.
    "on_time", "late", "late_unfinished", "pending", "no_standard", "judged",
    # Speed: waiting target.
    "wait_within", "wait_judged", "wait_pending",
    # Durations: how many values each summary is over.
    *(f"{d}_n" for d in DURATIONS),
    # Cost.
    "cost_judged", "cost_no_standard", "no_payment", "correct", "overcharged", "waived",
    "not_overcharged", "free_judged", "free_violations", "excess_total", "excess_median",
    # Empathy, NPS, SKM.
    "empathy_n", "empathy_good", "nps_n", "promoters", "detractors", "skm_n",
]
FLOATS = [
    "on_time_share", "on_time_low", "on_time_high",
    "wait_share", "wait_low", "wait_high",
    *(f"{d}_{s}" for d in DURATIONS for s in STATS if s != "n"),
    "overcharged_share", "overcharged_low", "overcharged_high", "excess_mean",
    "empathy_mean", "empathy_share", "empathy_low", "empathy_high",
    "nps",
    *(f"nrr_{u}" for u in SKM), "ikm",
]
FIELDS = COUNTS + FLOATS


def load_standards(path=STANDARDS_CSV):
    """`{service: (max_wait_minutes or None, completion_minutes, tariff)}` from the crate's
    standards CSV (`service,max_wait_minutes,completion,tariff`, completion like `60m`)."""
    out = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            completion = row["completion"].strip()
            if not completion.endswith("m"):
                raise ValueError(f"{row['service']}: only completion in minutes is supported, got {completion!r}")
            wait = row["max_wait_minutes"].strip()
            out[row["service"]] = (int(wait) if wait else None, int(completion[:-1]), int(row["tariff"]))
    return out


def args(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("csv", help="interactions CSV written by `bench_report generate`")
    p.add_argument("--dump", metavar="PATH", help="write every group's results to this JSON file")
    p.add_argument("--standards", default=str(STANDARDS_CSV), help="standards CSV (default: %(default)s)")
    return p.parse_args()


def _clean(field, value):
    if value is None:
        return None
    value = float(value) if not isinstance(value, (int, float)) else value
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if field in COUNTS:
        if value != int(value):
            raise ValueError(f"{field}: count {value!r} is not whole")
        return int(value)
    return float(value)


def finish(groups, seconds, dump):
    """Prints the two unit lines and the timing; writes `groups` to `dump` when asked.

    `groups` maps "all", "unit/<name>" and "service/<name>" to dicts with every field.
    """
    clean = {}
    for key in sorted(groups):
        g = groups[key]
        missing = set(FIELDS) - set(g)
        if missing:
            raise KeyError(f"{key}: missing {sorted(missing)}")
        clean[key] = {f: _clean(f, g[f]) for f in FIELDS}
    units = sorted(k for k in clean if k.startswith("unit/"))
    for key in units[:2]:
        print(unit_line(key.removeprefix("unit/"), clean[key]))
    print(f"units {len(units)} end-to-end {seconds:.3f} s")
    if dump:
        with open(dump, "w") as f:
            json.dump(clean, f, indent=1, sort_keys=False)


def unit_line(name, g):
    """The line the Rust side prints for a unit."""
    return (
        f"{name}: visits {g['visits']} within ({g['on_time']}, {g['judged']}) "
        f"median {rust_float(g['turnaround_median'])} p90 {rust_float(g['turnaround_p90'])} "
        f"p95 {rust_float(g['turnaround_p95'])} overcharged ({g['overcharged']}, {g['cost_judged']})"
    )


def rust_float(x):
    """A float as Rust's `{}` prints an f64: the shortest string that reads back the same,
    without a trailing `.0` and without an exponent."""
    if x is None:
        return "None"
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    r = repr(float(x))
    if "e" in r:
        from decimal import Decimal

        r = format(Decimal(r), "f")
    if r.endswith(".0"):
        r = r[:-2]
    return r
