"""How the Rust side's cost grows with the row count, for BENCHMARKS.md: for each size, the
best of three wall-clock times and the peak RSS of

* `report` — the report example on the file (every score overall, per unit, per service and
  month, comparisons, trends), visits on the columnar path with reading threads;
* `bench_report` — the visit report alone (overall, per unit, per service), same path;
* `scan` — the `csv` crate reading every field as bytes, nothing parsed: the floor.

    cargo build --release --example report --example bench_report
    for n in 10000 100000 1000000 10000000; do \\
        ./target/release/examples/bench_report generate target/bench-data/interactions_$n.csv $n; done
    python3 benches/peer/scale.py target/bench-data/interactions_{10000,100000,1000000,10000000}.csv

Only the standard library: no venv needed.
"""

import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BIN = os.path.join(ROOT, "target", "release", "examples")
STANDARDS = os.path.join(HERE, "standards.csv")


def measure(command, runs=3):
    """Best wall-clock seconds and largest peak RSS (MB) of `runs` runs of `command`."""
    best, peak = float("inf"), 0
    for _ in range(runs):
        with tempfile.NamedTemporaryFile("r") as out:
            subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", out.name, *command],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            seconds, kb = out.read().split()[-2:]
        best, peak = min(best, float(seconds)), max(peak, int(kb) // 1024)
    return best, peak


def main(paths):
    rows = []
    for path in paths:
        with open(path, "rb") as f:
            n = sum(1 for _ in f) - 1
        report = measure([os.path.join(BIN, "report"), "--interactions", path,
                          "--standards", STANDARDS])
        visits = measure([os.path.join(BIN, "bench_report"), path])
        scan = measure([os.path.join(BIN, "bench_report"), "scan", path])
        rows.append((n, os.path.getsize(path), report, visits, scan))
        print(f"{n} rows done", file=sys.stderr)
    print("| visits | CSV | `report` s | `report` MB | `bench_report` s | `bench_report` MB "
          "| scan s | µs per visit (`report`) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, size, (rs, rm), (vs, vm), (ss, _) in rows:
        print(f"| {n:,} | {size / 1e6:.0f} MB | {rs:.2f} | {rm} | {vs:.2f} | {vm} | {ss:.2f} "
              f"| {rs / n * 1e6:.2f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
