"""Peer comparison for BENCHMARKS.md: the visit report of the crate as one DuckDB query
(read_csv straight from the file, GROUPING SETS for overall, per unit and per service), on the
CSV of `bench_report generate`.

    benches/peer/.venv/bin/python benches/peer/duckdb_report.py target/bench-data/interactions_1m.csv [--dump out.json]

The same report as pandas_report.py (see there for the rules). DuckDB uses every core by
default. The Wilson intervals are the textbook formula; quantile_cont is the linear (type 7)
quantile.
"""

import time

import duckdb

import peer_common as common

COUNTS = ["on_time", "late_finished", "late_unfinished", "pending", "no_standard", "wait_within",
          "wait_late_started", "wait_late_open", "wait_pending", "cost_judged", "no_payment",
          "correct", "overcharged", "waived", "free_judged", "free_violations", "empathy_good",
          "promoters", "detractors", "has_skm"]
DURATIONS = {"wait": "wait", "service": "service_min", "turnaround": "turnaround"}


def wilson(count, of, name):
    z = repr(common.Z95)
    n = f"{of}::DOUBLE"
    p = f"({count} / {n})"
    denom = f"(1 + {z}^2 / {n})"
    center = f"(({p} + {z}^2 / (2 * {n})) / {denom})"
    half = f"({z} * sqrt({p} * (1 - {p}) / {n} + {z}^2 / (4 * {n}^2)) / {denom})"
    return (f"CASE WHEN {of} > 0 THEN {p} END AS {name}_share, "
            f"CASE WHEN {of} > 0 THEN {center} - {half} END AS {name}_low, "
            f"CASE WHEN {of} > 0 THEN {center} + {half} END AS {name}_high")


def query(standards):
    values = ", ".join(
        f"('{s}', {'NULL' if w is None else 60 * w}, {60 * c}, {t})" for s, (w, c, t) in standards.items()
    )
    types = ", ".join(
        f"'{c}': 'BIGINT'" for c in ("id", "arrived_at", "started_at", "finished_at", "official_fee", "paid",
                                      *common.SKM, "empathy", "recommend")
    )
    durations = ",\n        ".join(
        f"count({col}) AS {name}_n, avg({col}) AS {name}_mean, stddev_samp({col}) AS {name}_sd, "
        f"quantile_cont({col}, [0.5, 0.9, 0.95]) AS {name}_q, max({col})::DOUBLE AS {name}_max"
        for name, col in DURATIONS.items()
    )
    quantiles = ", ".join(
        f"{name}_q[1] AS {name}_median, {name}_q[2] AS {name}_p90, {name}_q[3] AS {name}_p95"
        for name in DURATIONS
    )
    counts = ", ".join(f"count(*) FILTER (WHERE {c}) AS {c}" for c in COUNTS)
    nrr = ", ".join(f"avg({u}) AS nrr_{u}" for u in common.SKM)
    ikm = " + ".join(f"nrr_{u}" for u in common.SKM)
    return f"""
WITH standards(service, max_wait, completion, tariff) AS (VALUES {values}),
visits AS MATERIALIZED (
    SELECT v.*, s.max_wait, s.completion, s.tariff
    FROM read_csv(?, header = true, types = {{{types}}}) v
    LEFT JOIN standards s USING (service)
),
as_of AS (SELECT max(greatest(arrived_at, started_at, finished_at)) AS t FROM visits),
judged AS (
    SELECT unit, service, empathy, recommend, {", ".join(common.SKM)},
        completion IS NOT NULL AND finished_at <= arrived_at + completion AS on_time,
        completion IS NOT NULL AND finished_at > arrived_at + completion AS late_finished,
        completion IS NOT NULL AND finished_at IS NULL AND t > arrived_at + completion AS late_unfinished,
        completion IS NOT NULL AND finished_at IS NULL AND t <= arrived_at + completion AS pending,
        completion IS NULL AS no_standard,
        max_wait IS NOT NULL AND started_at - arrived_at <= max_wait AS wait_within,
        max_wait IS NOT NULL AND started_at - arrived_at > max_wait AS wait_late_started,
        max_wait IS NOT NULL AND started_at IS NULL AND finished_at IS NULL AND t > arrived_at + max_wait AS wait_late_open,
        max_wait IS NOT NULL AND started_at IS NULL AND finished_at IS NULL AND t <= arrived_at + max_wait AS wait_pending,
        completion IS NOT NULL AND paid IS NOT NULL AS cost_judged,
        completion IS NOT NULL AND paid IS NULL AS no_payment,
        completion IS NOT NULL AND paid = tariff AS correct,
        completion IS NOT NULL AND paid > tariff AS overcharged,
        completion IS NOT NULL AND paid < tariff AS waived,
        completion IS NOT NULL AND paid IS NOT NULL AND tariff = 0 AS free_judged,
        completion IS NOT NULL AND tariff = 0 AND paid > 0 AS free_violations,
        CASE WHEN completion IS NOT NULL AND paid > tariff THEN paid - tariff END AS excess,
        (started_at - arrived_at) / 60 AS wait,
        (finished_at - started_at) / 60 AS service_min,
        (finished_at - arrived_at) / 60 AS turnaround,
        empathy >= 4 AS empathy_good,
        recommend >= 9 AS promoters,
        recommend <= 6 AS detractors,
        coalesce({", ".join(common.SKM)}) IS NOT NULL AS has_skm
    FROM visits, as_of
),
grouped AS (
    SELECT
        CASE WHEN grouping(unit) = 0 THEN 'unit' WHEN grouping(service) = 0 THEN 'service' ELSE 'all' END AS grp,
        coalesce(unit, service, 'all') AS key,
        count(*) AS visits, {counts},
        {durations},
        coalesce(sum(excess), 0) AS excess_total, avg(excess) AS excess_mean,
        floor(median(excess::DOUBLE) + 0.5) AS excess_median,
        count(empathy) AS empathy_n, avg(empathy) AS empathy_mean,
        count(recommend) AS nps_n, {nrr}
    FROM judged
    GROUP BY GROUPING SETS ((unit), (service), ())
),
totals AS (
    SELECT *,
        late_finished + late_unfinished AS late,
        on_time + late_finished + late_unfinished AS judged,
        wait_within + wait_late_started + wait_late_open AS wait_judged,
        cost_judged - overcharged AS not_overcharged,
        no_standard AS cost_no_standard,
        has_skm AS skm_n
    FROM grouped
)
SELECT *, {quantiles},
    CASE WHEN nps_n > 0 THEN 100 * (promoters - detractors) / nps_n END AS nps,
    25 * ({ikm}) / 9 AS ikm,
    {wilson("on_time", "judged", "on_time")},
    {wilson("wait_within", "wait_judged", "wait")},
    {wilson("overcharged", "cost_judged", "overcharged")},
    {wilson("empathy_good", "empathy_n", "empathy")}
FROM totals
"""


def main():
    a = common.args("The crate's visit report as one DuckDB query.")
    sql = query(common.load_standards(a.standards))
    start = time.perf_counter()
    con = duckdb.connect()
    cur = con.execute(sql, [a.csv])
    names = [d[0] for d in cur.description]
    rows = cur.fetchall()
    seconds = time.perf_counter() - start

    groups = {}
    for values in rows:
        row = dict(zip(names, values))
        by, key = row.pop("grp"), row.pop("key")
        groups["all" if by == "all" else f"{by}/{key}"] = row
    common.finish(groups, seconds, a.dump)


if __name__ == "__main__":
    main()
