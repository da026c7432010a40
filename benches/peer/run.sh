#!/usr/bin/env bash
# Times the peers of BENCHMARKS.md on one CSV: pandas, polars (lazy) and DuckDB computing the
# crate's visit report, and optionally the Rust side, each run 3 times under
# `/usr/bin/time -f '%e %M'`. Prints the best wall-clock seconds, the peak RSS (MB, the largest
# of the runs), the best in-process time the tool printed ("end-to-end S s": from the start of
# reading the CSV to every report computed), and the two unit lines each tool printed.
#
# Setup, from the crate's root:
#
#   python3 -m venv benches/peer/.venv
#   benches/peer/.venv/bin/pip install -r benches/peer/requirements.txt
#   cargo run --release --example bench_report -- generate target/bench-data/interactions_1m.csv 1000000
#
# Check that the three peers agree (counts exactly, floats within 1e-9 relative):
#
#   benches/peer/.venv/bin/python benches/peer/compare.py target/bench-data/interactions_1m.csv
#   benches/peer/.venv/bin/python benches/peer/compare.py --edge-cases
#
# Time them:
#
#   benches/peer/run.sh target/bench-data/interactions_1m.csv
#   benches/peer/run.sh target/bench-data/interactions_1m.csv \
#       './target/release/examples/report --interactions target/bench-data/interactions_1m.csv --standards benches/peer/standards.csv'
#
# The optional second argument is one command line for the Rust side (run with `bash -c`),
# timed the same way. RUNS=N changes the number of runs; PYTHON the interpreter (default: the
# venv beside this script).
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
    echo "usage: $0 INTERACTIONS.csv ['RUST COMMAND']" >&2
    exit 2
fi
csv=$1
rust=${2:-}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
python=${PYTHON:-$here/.venv/bin/python}
runs=${RUNS:-3}
[[ -r $csv ]] || { echo "$0: cannot read $csv" >&2; exit 1; }
[[ -x $python ]] || { echo "$0: no $python: create the venv first (see the header)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "$0: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rows=()
lines=()
# time_tool NAME COMMAND...: runs COMMAND $runs times, appends a table row.
time_tool() {
    local name=$1
    shift
    local best_wall="" peak_kb=0 best_inproc="" i wall kb inproc
    for ((i = 1; i <= runs; i++)); do
        if ! /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err"; then
            echo "$name failed:" >&2
            cat "$tmp/err" >&2
            exit 1
        fi
        read -r wall kb <"$tmp/time"
        inproc=$(sed -n 's/.*end-to-end \([0-9.]*\) s.*/\1/p' "$tmp/out" | tail -n 1)
        if [[ -z $best_wall ]] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
            best_wall=$wall
        fi
        ((kb > peak_kb)) && peak_kb=$kb
        if [[ -n $inproc ]] && { [[ -z $best_inproc ]] || awk -v a="$inproc" -v b="$best_inproc" 'BEGIN { exit !(a < b) }'; }; then
            best_inproc=$inproc
        fi
        echo "  $name run $i: wall ${wall} s, peak RSS $((kb / 1024)) MB${inproc:+, in-process $inproc s}" >&2
    done
    rows+=("$(printf '%-8s %10s %13s %17s' "$name" "$best_wall" "$((peak_kb / 1024))" "${best_inproc:--}")")
    while IFS= read -r l; do lines+=("$(printf '%-6s | %s' "$name" "$l")"); done < <(grep -E '^unit-' "$tmp/out" || true)
}

for tool in pandas polars duckdb; do
    time_tool "$tool" "$python" "$here/${tool}_report.py" "$csv"
done
if [[ -n $rust ]]; then
    time_tool rust bash -c "$rust"
fi

echo
echo "$(wc -l <"$csv") lines in $csv; best of $runs runs on $(nproc) cores"
printf '%-8s %10s %13s %17s\n' tool "wall s" "peak RSS MB" "in-process s"
printf '%s\n' "${rows[@]}"
echo
printf '%s\n' "${lines[@]}"
