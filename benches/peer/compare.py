"""Checks that the three peers compute the same report: runs pandas_report.py, polars_report.py
and duckdb_report.py with `--dump` on one CSV and compares every field of every group.

    benches/peer/.venv/bin/python benches/peer/compare.py target/bench-data/interactions_100k.csv

    benches/peer/.venv/bin/python benches/peer/compare.py --edge-cases

`--edge-cases` runs them instead on a small CSV written here with the cases the generated data
never has (unstarted and pending visits, a finish without a start, deadlines met to the second,
a waiver, an even count of excesses whose median needs rounding) and also checks the overall
counts against values worked out by hand.

Counts must be equal; floats equal within 1e-9 relative (values within 1e-12 of zero are
taken as equal, for interval ends that cancel to about zero); an undefined value (None: nothing
to measure) must be undefined in all three. Exits non-zero on any disagreement.
"""

import argparse
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import peer_common as common

HERE = Path(__file__).resolve().parent
PEERS = ("pandas", "polars", "duckdb")
REL, ABS = 1e-9, 1e-12


def run(peer, csv, out, standards):
    cmd = [sys.executable, str(HERE / f"{peer}_report.py"), csv, "--dump", str(out), "--standards", standards]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return done.stdout


def same(field, a, b):
    if a is None or b is None:
        return a is None and b is None
    if field in common.COUNTS:
        return isinstance(a, int) and isinstance(b, int) and a == b
    return math.isclose(a, b, rel_tol=REL, abs_tol=ABS)


T0 = 1_735_779_600
HEADER = "id,service,unit,arrived_at,started_at,finished_at,official_fee,paid,u1,u2,u3,u4,u5,u6,u7,u8,u9,empathy,recommend"
# (service, unit, arrived, started, finished, paid, skm answer or None, empathy, recommend),
# times in seconds after T0. The latest time in the file (AS_OF) is T0 + 9000.
EDGE = [
    ("ktp-el", "unit-00", 0, 600, 3600, 0, 4, 5, 10),           # finished at the deadline: on time
    ("ktp-el", "unit-00", 0, 1800, 3660, 5000, 3, 4, 9),        # waited exactly 30 min: within; late; overcharged
    ("ktp-el", "unit-00", 0, 300, 2000, 2501, None, 1, 6),      # on time; overcharged 2501: median (2501+5000)/2 -> 3751
    ("ktp-el", "unit-01", 7000, None, None, 0, None, None, 0),  # open: pending (due 10600); wait late (due 8800)
    ("ktp-el", "unit-01", 8000, None, None, None, None, None, None),  # open: pending; wait pending (due 9800)
    ("ktp-el", "unit-01", 0, 60, None, 0, 2, 3, 7),             # unfinished past due: late; within
    ("surat-keterangan", "unit-00", 0, None, 1000, 0, 1, 2, 8), # finished, never started: on time; wait not judged
    ("pemeriksaan-umum", "unit-01", 0, 100, 9000, 5000, None, None, None),  # late; waived
    ("pemeriksaan-umum", "unit-00", 0, 2700, 3000, 10000, None, 4, None),   # waited 45 min: within; on time; correct
    ("pemeriksaan-umum", "unit-00", 0, 2760, 3300, None, None, None, None), # waited 46 min: wait late; on time; no payment
    ("legalisir", "unit-01", 0, 120, None, 7000, 4, 5, 3),      # no standard, never judged
]
EXPECTED_ALL = dict(
    visits=11, on_time=5, late=3, late_unfinished=1, pending=2, no_standard=1, judged=8,
    wait_within=6, wait_judged=8, wait_pending=1, wait_n=8, service_n=6, turnaround_n=7,
    cost_judged=8, no_payment=2, correct=5, overcharged=2, waived=1, not_overcharged=6,
    free_judged=6, free_violations=2, excess_total=7501, excess_median=3751,
    empathy_n=7, empathy_good=4, nps_n=7, promoters=2, detractors=3, skm_n=5,
)


def write_edge(path):
    def f(v):
        return "" if v is None else str(v)

    with open(path, "w") as out:
        out.write(HEADER + "\n")
        for i, (service, unit, arrived, started, finished, paid, skm, empathy, rec) in enumerate(EDGE, 1):
            times = [T0 + arrived, None if started is None else T0 + started, None if finished is None else T0 + finished]
            tariff = 10_000 if service == "pemeriksaan-umum" else 0
            fields = [i, service, unit, *times, tariff, paid, *([skm] * 9), empathy, rec]
            out.write(",".join(f(v) for v in fields) + "\n")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("csv", nargs="?")
    p.add_argument("--edge-cases", action="store_true", help="compare on hand-made edge cases instead")
    p.add_argument("--standards", default=str(common.STANDARDS_CSV))
    a = p.parse_args()
    if bool(a.csv) == a.edge_cases:
        p.error("give a CSV or --edge-cases")

    dumps, lines = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        csv = a.csv
        if a.edge_cases:
            csv = str(Path(tmp) / "edge.csv")
            write_edge(csv)
        for peer in PEERS:
            out = Path(tmp) / f"{peer}.json"
            printed = run(peer, csv, out, a.standards)
            lines[peer] = [l for l in printed.splitlines() if l.startswith("unit-")]
            print(f"{peer:>7}: {printed.splitlines()[-1]}")
            dumps[peer] = json.loads(out.read_text())

    base = dumps[PEERS[0]]
    failures = []
    for peer in PEERS[1:]:
        other = dumps[peer]
        if set(other) != set(base):
            failures.append(f"{peer}: groups differ: {sorted(set(other) ^ set(base))}")
            continue
        for group in base:
            for field in common.FIELDS:
                x, y = base[group][field], other[group][field]
                if not same(field, x, y):
                    failures.append(f"{PEERS[0]} vs {peer}: {group} {field}: {x!r} != {y!r}")
        if lines[peer] != lines[PEERS[0]]:
            failures.append(f"{peer}: printed unit lines differ: {lines[peer]} vs {lines[PEERS[0]]}")

    if a.edge_cases:
        for field, want in EXPECTED_ALL.items():
            if base["all"][field] != want:
                failures.append(f"edge cases: all {field}: {base['all'][field]!r}, worked out by hand {want!r}")

    groups = len(base)
    counts = sum(1 for g in base.values() for f in common.COUNTS if g[f] is not None)
    floats = sum(1 for g in base.values() for f in common.FLOATS if g[f] is not None)
    nones = sum(1 for g in base.values() for f in common.FIELDS if g[f] is None)
    for line in lines[PEERS[0]]:
        print(line)
    if failures:
        print(f"DISAGREE: {len(failures)} field(s)")
        for f in failures[:50]:
            print("  " + f)
        sys.exit(1)
    print(f"agree: {' = '.join(PEERS)} on {groups} groups ({base['all']['visits']} visits): "
          f"{counts} counts exactly, {floats} floats within {REL:g} relative, {nones} undefined alike")


if __name__ == "__main__":
    main()
