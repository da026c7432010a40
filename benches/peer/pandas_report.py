"""Peer comparison for BENCHMARKS.md: the report of `examples/bench_report.rs`, with pandas,
numpy and statsmodels, on the same CSV (times in unix seconds, standards in minutes).

    python3 -m venv benches/peer/.venv
    benches/peer/.venv/bin/pip install -r benches/peer/requirements.txt
    cargo run --release --example bench_report -- generate target/bench-data/interactions_1m.csv 1000000
    benches/peer/.venv/bin/python benches/peer/pandas_report.py target/bench-data/interactions_1m.csv

Per unit, per service and overall: speed (share of finished visits within the completion
standard with its Wilson interval, share started within the waiting target, Apdex,
mean/sd/median/p90/p95/max of wait, service and turnaround minutes), cost (compliant,
overcharged, free-service violations and waivers with Wilson intervals, excess total, mean and
median), empathy (ratings 1-5: mean and share 4-5 with a Wilson interval), NPS (promoters
minus detractors) and the SKM index (element means x 25, averaged).
"""

import sys
import time

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

# (max wait minutes, completion minutes, tariff); benches/data.rs SERVICES.
STANDARDS = {
    "ktp-el": (30, 60, 0),
    "kartu-keluarga": (30, 60, 0),
    "surat-pindah": (30, 60, 0),
    "surat-keterangan": (15, 30, 0),
    "pemeriksaan-umum": (45, 60, 10_000),
}
SKM = [f"u{i}" for i in range(1, 10)]


def wilson(count, of):
    of = np.asarray(of)
    lo, hi = proportion_confint(count, np.where(of > 0, of, 1), alpha=0.05, method="wilson")
    return pd.DataFrame({"rate": count / np.where(of > 0, of, np.nan), "low": lo, "high": hi})


def report(df, by):
    g = df.groupby(by, sort=True)
    out = {"visits": g.size()}
    # Speed.
    for m in ("wait", "service_min", "turnaround"):
        q = g[m].quantile([0.5, 0.9, 0.95]).unstack()
        out.update({f"{m}_mean": g[m].mean(), f"{m}_sd": g[m].std(), f"{m}_max": g[m].max(),
                    f"{m}_median": q[0.5], f"{m}_p90": q[0.9], f"{m}_p95": q[0.95]})
    judged = g["judged"].sum()
    within = g["within"].sum()
    out["speed_judged"], out["speed_within"] = judged, within
    out["speed_tolerating"] = g["tolerating"].sum()
    out["apdex"] = (within + out["speed_tolerating"] / 2) / judged
    w = wilson(within.to_numpy(), judged.to_numpy())
    out["speed_low"], out["speed_high"] = w["low"].to_numpy() * 100, w["high"].to_numpy() * 100
    out["wait_within"] = g["wait_within"].sum()
    out["wait_judged"] = g["wait_judged"].sum()
    # Cost.
    paid_judged = g["cost_judged"].sum()
    out["cost_judged"] = paid_judged
    for name in ("exact", "overcharged", "free_violation", "underpaid"):
        count = g[name].sum()
        w = wilson(count.to_numpy(), paid_judged.to_numpy())
        out[name], out[f"{name}_low"], out[f"{name}_high"] = count, w["low"].to_numpy(), w["high"].to_numpy()
    excess = df["excess"].where(df["overcharged"])
    out["excess_total"] = g["excess"].sum()
    out["excess_mean"] = excess.groupby([df[b] for b in by]).mean()
    out["excess_median"] = excess.groupby([df[b] for b in by]).median()
    # Empathy and NPS.
    out["empathy_n"] = g["empathy"].count()
    out["empathy_mean"] = g["empathy"].mean()
    good = g["empathy_good"].sum()
    w = wilson(good.to_numpy(), out["empathy_n"].to_numpy())
    out["empathy_good_low"], out["empathy_good_high"] = w["low"].to_numpy(), w["high"].to_numpy()
    n = g["recommend"].count()
    out["nps"] = (g["promoter"].sum() - g["detractor"].sum()) / n * 100
    # SKM: element means x 25, averaged with equal weights.
    out["ikm"] = g[SKM].mean().mean(axis=1) * 25
    return pd.DataFrame(out)


def main(path):
    start = time.perf_counter()
    df = pd.read_csv(path)
    std = pd.DataFrame.from_dict(STANDARDS, orient="index", columns=["max_wait", "completion", "tariff"])
    df = df.join(std, on="service")
    df["wait"] = (df["started_at"] - df["arrived_at"]) / 60
    df["service_min"] = (df["finished_at"] - df["started_at"]) / 60
    df["turnaround"] = (df["finished_at"] - df["arrived_at"]) / 60
    has_std = df["completion"].notna() & df["turnaround"].notna()
    df["judged"] = has_std
    df["within"] = has_std & (df["turnaround"] <= df["completion"])
    df["tolerating"] = has_std & ~df["within"] & (df["turnaround"] <= 4 * df["completion"])
    df["wait_judged"] = df["max_wait"].notna() & df["wait"].notna()
    df["wait_within"] = df["wait_judged"] & (df["wait"] <= df["max_wait"])
    tariff = df["tariff"].fillna(df["official_fee"])
    df["cost_judged"] = tariff.notna() & df["paid"].notna()
    df["exact"] = df["cost_judged"] & (df["paid"] == tariff)
    df["overcharged"] = df["cost_judged"] & (df["paid"] > tariff)
    df["underpaid"] = df["cost_judged"] & (df["paid"] < tariff)
    df["free_violation"] = df["cost_judged"] & (tariff == 0) & (df["paid"] > 0)
    df["excess"] = np.where(df["overcharged"], df["paid"] - tariff, 0)
    df["empathy_good"] = df["empathy"] >= 4
    df["promoter"] = df["recommend"] >= 9
    df["detractor"] = df["recommend"] <= 6
    df["all"] = "all"
    reports = {by: report(df, [by]) for by in ("unit", "service", "all")}
    seconds = time.perf_counter() - start
    units = reports["unit"]
    for unit in units.index[:2]:
        r = units.loc[unit]
        print(f"{unit}: visits {r.visits} within ({r.speed_within}, {r.speed_judged}) "
              f"median {r.turnaround_median} p90 {r.turnaround_p90} p95 {r.turnaround_p95} "
              f"overcharged ({r.overcharged}, {r.cost_judged})")
    print(f"units {len(units)} end-to-end {seconds:.3f} s")


if __name__ == "__main__":
    main(sys.argv[1])
