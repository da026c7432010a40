"""Peer comparison for BENCHMARKS.md: the visit report of the crate with polars' lazy API
(multi-threaded, as polars is by default), on the CSV of `bench_report generate`.

    benches/peer/.venv/bin/python benches/peer/polars_report.py target/bench-data/interactions_1m.csv [--dump out.json]

The same report as pandas_report.py (see there for the rules), in one lazy query: the CSV is
scanned once, judged row by row, aggregated per unit, per service and overall, and the three
are concatenated so that polars shares the scan (common subplan elimination). The Wilson
intervals are the textbook formula.
"""

import time

import polars as pl

import peer_common as common

Z = common.Z95


def wilson(count, of, name):
    """Share, low and high of `count / of` (expressions), null where `of` is 0."""
    n = pl.col(of).cast(pl.Float64)
    p = pl.col(count) / n
    denom = 1 + Z**2 / n
    center = (p + Z**2 / (2 * n)) / denom
    half = Z * (p * (1 - p) / n + Z**2 / (4 * n**2)).sqrt() / denom
    ok = pl.col(of) > 0
    return [
        pl.when(ok).then(p).alias(f"{name}_share"),
        pl.when(ok).then(center - half).alias(f"{name}_low"),
        pl.when(ok).then(center + half).alias(f"{name}_high"),
    ]


def judged(lf, standards):
    std = pl.LazyFrame(
        {
            "service": list(standards),
            "max_wait": [None if w is None else 60 * w for w, _, _ in standards.values()],
            "completion": [60 * c for _, c, _ in standards.values()],
            "tariff": [t for _, _, t in standards.values()],
        },
        schema={"service": pl.String, "max_wait": pl.Int64, "completion": pl.Int64, "tariff": pl.Int64},
    )
    arrived, started, finished = pl.col("arrived_at"), pl.col("started_at"), pl.col("finished_at")
    paid, tariff = pl.col("paid"), pl.col("tariff")
    as_of = pl.max_horizontal("arrived_at", "started_at", "finished_at").max()
    has_std = pl.col("completion").is_not_null()
    due = arrived + pl.col("completion")
    open_ = has_std & finished.is_null()
    has_wait = pl.col("max_wait").is_not_null()
    waited = started - arrived
    judged_wait = has_wait & started.is_not_null()
    open_wait = has_wait & started.is_null() & finished.is_null()
    wait_past_due = as_of > arrived + pl.col("max_wait")
    cost_judged = has_std & paid.is_not_null()
    free = cost_judged & (tariff == 0)
    return (
        lf.join(std, on="service", how="left")
        .with_columns(
            on_time=has_std & (finished <= due),
            late_finished=has_std & (finished > due),
            late_unfinished=open_ & (as_of > due),
            pending=open_ & (as_of <= due),
            no_standard=~has_std,
            wait_within=judged_wait & (waited <= pl.col("max_wait")),
            wait_late_started=judged_wait & (waited > pl.col("max_wait")),
            wait_late_open=open_wait & wait_past_due,
            wait_pending=open_wait & ~wait_past_due,
            cost_judged=cost_judged,
            no_payment=has_std & paid.is_null(),
            correct=cost_judged & (paid == tariff),
            overcharged=cost_judged & (paid > tariff),
            waived=cost_judged & (paid < tariff),
            free_judged=free,
            free_violations=free & (paid > 0),
            excess=pl.when(cost_judged & (paid > tariff)).then(paid - tariff),
            wait=waited / 60,
            service_min=(finished - started) / 60,
            turnaround=(finished - arrived) / 60,
            empathy_good=pl.col("empathy") >= 4,
            promoters=pl.col("recommend") >= 9,
            detractors=pl.col("recommend") <= 6,
            has_skm=pl.any_horizontal(pl.col(common.SKM).is_not_null()),
        )
    )


def aggregations():
    counts = ["on_time", "late_finished", "late_unfinished", "pending", "no_standard", "wait_within",
              "wait_late_started", "wait_late_open", "wait_pending", "cost_judged", "no_payment",
              "correct", "overcharged", "waived", "free_judged", "free_violations", "empathy_good",
              "promoters", "detractors"]
    aggs = [pl.len().alias("visits"), *(pl.col(c).sum() for c in counts)]
    aggs.append(pl.col("no_standard").sum().alias("cost_no_standard"))
    aggs.append(pl.col("has_skm").sum().alias("skm_n"))
    for name, col in (("wait", "wait"), ("service", "service_min"), ("turnaround", "turnaround")):
        c = pl.col(col)
        aggs += [
            c.count().alias(f"{name}_n"),
            c.mean().alias(f"{name}_mean"),
            c.std().alias(f"{name}_sd"),
            c.median().alias(f"{name}_median"),
            c.quantile(0.9, interpolation="linear").alias(f"{name}_p90"),
            c.quantile(0.95, interpolation="linear").alias(f"{name}_p95"),
            c.max().cast(pl.Float64).alias(f"{name}_max"),
        ]
    excess = pl.col("excess")
    aggs += [
        excess.sum().alias("excess_total"),
        excess.mean().alias("excess_mean"),
        (excess.median() + 0.5).floor().alias("excess_median"),
        pl.col("empathy").count().alias("empathy_n"),
        pl.col("empathy").mean().alias("empathy_mean"),
        pl.col("recommend").count().alias("nps_n"),
        *(pl.col(u).mean().alias(f"nrr_{u}") for u in common.SKM),
    ]
    return aggs


def derived(lf):
    late = pl.col("late_finished") + pl.col("late_unfinished")
    return (
        lf.with_columns(
            late=late,
            judged=pl.col("on_time") + late,
            wait_judged=pl.col("wait_within") + pl.col("wait_late_started") + pl.col("wait_late_open"),
            not_overcharged=pl.col("cost_judged") - pl.col("overcharged"),
            nps=pl.when(pl.col("nps_n") > 0).then(
                100 * (pl.col("promoters").cast(pl.Int64) - pl.col("detractors").cast(pl.Int64)) / pl.col("nps_n")),
            ikm=25 * pl.mean_horizontal(*(pl.col(f"nrr_{u}") for u in common.SKM), ignore_nulls=False),
        )
        .with_columns(
            *wilson("on_time", "judged", "on_time"),
            *wilson("wait_within", "wait_judged", "wait"),
            *wilson("overcharged", "cost_judged", "overcharged"),
            *wilson("empathy_good", "empathy_n", "empathy"),
        )
    )


def main():
    a = common.args("The crate's visit report with polars (lazy).")
    standards = common.load_standards(a.standards)
    start = time.perf_counter()
    schema = {c: pl.Int64 for c in ("id", "arrived_at", "started_at", "finished_at", "official_fee", "paid",
                                    *common.SKM, "empathy", "recommend")}
    schema |= {"service": pl.String, "unit": pl.String}
    rows = judged(pl.scan_csv(a.csv, schema_overrides=schema), standards)
    aggs = aggregations()
    parts = [
        rows.group_by("unit").agg(aggs).select(pl.lit("unit").alias("by"), pl.col("unit").alias("key"), pl.exclude("unit")),
        rows.group_by("service").agg(aggs).select(pl.lit("service").alias("by"), pl.col("service").alias("key"), pl.exclude("service")),
        rows.select(aggs).select(pl.lit("all").alias("by"), pl.lit("all").alias("key"), pl.all()),
    ]
    result = derived(pl.concat(parts, how="vertical")).collect()
    seconds = time.perf_counter() - start

    groups = {}
    for row in result.iter_rows(named=True):
        by, key = row.pop("by"), row.pop("key")
        groups["all" if by == "all" else f"{by}/{key}"] = row
    common.finish(groups, seconds, a.dump)


if __name__ == "__main__":
    main()
