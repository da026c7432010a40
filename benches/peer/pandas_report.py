"""Peer comparison for BENCHMARKS.md: the visit report of the crate, with pandas, numpy and
statsmodels, on the CSV of `bench_report generate` (times in Unix seconds, blanks for missing).

    python3 -m venv benches/peer/.venv
    benches/peer/.venv/bin/pip install -r benches/peer/requirements.txt
    cargo run --release --example bench_report -- generate target/bench-data/interactions_1m.csv 1000000
    benches/peer/.venv/bin/python benches/peer/pandas_report.py target/bench-data/interactions_1m.csv [--dump out.json]

Overall, per unit and per service, against benches/peer/standards.csv:
* speed: AS_OF is the latest time anywhere in the file. A visit of a service with a standard is
  on time when finished by arrival + completion, late when finished after it, late too when
  unfinished and AS_OF is past that deadline, pending otherwise. On-time share of the judged
  (on time + late) with a Wilson 95 % interval. The waiting target the same way on the start.
* wait, service and turnaround minutes of every started / finished visit: n, mean, sd (n-1),
  median, p90, p95 (linear interpolation, type 7), max;
* cost: paid against the fixed tariff: correct, overcharged, waived, free-service violations,
  excess total, mean and median (the middle two averaged, rounded half up);
* empathy (1-5: mean and share 4-5 with a Wilson interval), NPS, SKM (NRR per element, IKM).
"""

import time

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

import peer_common as common


def wilson(count, of):
    """(share, low, high) as arrays; NaN where nothing was judged."""
    count = np.asarray(count, dtype=float)
    of = np.asarray(of, dtype=float)
    safe = np.where(of > 0, of, 1)
    lo, hi = proportion_confint(count, safe, alpha=0.05, method="wilson")
    empty = of == 0
    share = np.where(empty, np.nan, count / safe)
    return share, np.where(empty, np.nan, lo), np.where(empty, np.nan, hi)


def prepare(df, standards):
    std = pd.DataFrame.from_dict(standards, orient="index", columns=["max_wait", "completion", "tariff"])
    service = df["service"].astype(str)
    max_wait = service.map(std["max_wait"]).astype(float) * 60
    completion = service.map(std["completion"]).astype(float) * 60
    tariff = service.map(std["tariff"]).astype(float)
    arrived, started, finished = df["arrived_at"], df["started_at"], df["finished_at"]
    as_of = df[["arrived_at", "started_at", "finished_at"]].max().max()

    has_std = completion.notna()
    is_finished = finished.notna()
    is_started = started.notna()
    due = arrived + completion
    open_ = has_std & ~is_finished
    past_due = as_of > due
    has_wait = max_wait.notna()
    waited = started - arrived
    open_wait = has_wait & ~is_started & ~is_finished
    wait_past_due = as_of > arrived + max_wait
    judged_wait = has_wait & is_started
    cost_judged = has_std & df["paid"].notna()
    paid = df["paid"]
    overcharged = cost_judged & (paid > tariff)
    free = cost_judged & (tariff == 0)
    skm = df[common.SKM]
    has_skm = skm.notna().any(axis=1)

    flags = pd.DataFrame({
        "unit": df["unit"],
        "service": df["service"],
        "on_time": has_std & is_finished & (finished <= due),
        "late_finished": has_std & is_finished & (finished > due),
        "late_unfinished": open_ & past_due,
        "pending": open_ & ~past_due,
        "no_standard": ~has_std,
        "wait_within": judged_wait & (waited <= max_wait),
        "wait_late_started": judged_wait & (waited > max_wait),
        "wait_late_open": open_wait & wait_past_due,
        "wait_pending": open_wait & ~wait_past_due,
        "cost_judged": cost_judged,
        "cost_no_standard": ~has_std,
        "no_payment": has_std & paid.isna(),
        "correct": cost_judged & (paid == tariff),
        "overcharged": overcharged,
        "waived": cost_judged & (paid < tariff),
        "free_judged": free,
        "free_violations": free & (paid > 0),
        "excess": (paid - tariff).where(overcharged),
        "wait": waited / 60,
        "service_min": (finished - started) / 60,
        "turnaround": (finished - arrived) / 60,
        "empathy": df["empathy"],
        "empathy_good": df["empathy"] >= 4,
        "recommend": df["recommend"],
        "promoters": df["recommend"] >= 9,
        "detractors": df["recommend"] <= 6,
        "skm_n": has_skm,
    })
    for u in common.SKM:
        flags[u] = skm[u]
    return flags


BOOLS = ["on_time", "late_finished", "late_unfinished", "pending", "no_standard", "wait_within",
         "wait_late_started", "wait_late_open", "wait_pending", "cost_judged", "cost_no_standard",
         "no_payment", "correct", "overcharged", "waived", "free_judged", "free_violations",
         "empathy_good", "promoters", "detractors", "skm_n"]


def report(flags, by):
    """One row per group of `by` (a column name, or None for overall)."""
    key = flags[by] if by else pd.Series(np.zeros(len(flags), dtype=np.int8), index=flags.index)
    g = flags.groupby(key, sort=True, observed=True)
    out = g[BOOLS].sum()
    out.insert(0, "visits", g.size())
    out["late"] = out["late_finished"] + out["late_unfinished"]
    out["judged"] = out["on_time"] + out["late"]
    out["on_time_share"], out["on_time_low"], out["on_time_high"] = wilson(out["on_time"], out["judged"])
    out["wait_judged"] = out["wait_within"] + out["wait_late_started"] + out["wait_late_open"]
    out["wait_share"], out["wait_low"], out["wait_high"] = wilson(out["wait_within"], out["wait_judged"])

    durations = {"wait": "wait", "service": "service_min", "turnaround": "turnaround"}
    cols = list(durations.values())
    stats = g[cols].agg(["count", "mean", "std", "max"])
    q = g[cols].quantile(list(common.QUANTILES)).unstack()
    for name, col in durations.items():
        out[f"{name}_n"] = stats[(col, "count")]
        out[f"{name}_mean"] = stats[(col, "mean")]
        out[f"{name}_sd"] = stats[(col, "std")]
        out[f"{name}_max"] = stats[(col, "max")]
        out[f"{name}_median"] = q[(col, 0.5)]
        out[f"{name}_p90"] = q[(col, 0.9)]
        out[f"{name}_p95"] = q[(col, 0.95)]

    out["not_overcharged"] = out["cost_judged"] - out["overcharged"]
    out["overcharged_share"], out["overcharged_low"], out["overcharged_high"] = wilson(
        out["overcharged"], out["cost_judged"])
    excess = g["excess"].agg(["sum", "mean", "median"])
    out["excess_total"] = excess["sum"]
    out["excess_mean"] = excess["mean"]
    out["excess_median"] = np.floor(excess["median"] + 0.5)

    out["empathy_n"] = g["empathy"].count()
    out["empathy_mean"] = g["empathy"].mean()
    out["empathy_good"] = out.pop("empathy_good")
    out["empathy_share"], out["empathy_low"], out["empathy_high"] = wilson(out["empathy_good"], out["empathy_n"])
    out["nps_n"] = g["recommend"].count()
    out["nps"] = 100 * (out["promoters"] - out["detractors"]) / out["nps_n"].where(out["nps_n"] > 0)

    nrr = g[common.SKM].mean()
    for u in common.SKM:
        out[f"nrr_{u}"] = nrr[u]
    out["ikm"] = 25 * nrr.mean(axis=1, skipna=False)
    return out


def main():
    a = common.args("The crate's visit report with pandas.")
    standards = common.load_standards(a.standards)
    start = time.perf_counter()
    df = pd.read_csv(a.csv, dtype={"service": "category", "unit": "category"})
    flags = prepare(df, standards)
    reports = {"all": report(flags, None), "unit": report(flags, "unit"), "service": report(flags, "service")}
    seconds = time.perf_counter() - start

    groups = {}
    for by, frame in reports.items():
        for key, row in zip(frame.index, frame.to_dict("records")):
            groups["all" if by == "all" else f"{by}/{key}"] = row
    common.finish(groups, seconds, a.dump)


if __name__ == "__main__":
    main()
