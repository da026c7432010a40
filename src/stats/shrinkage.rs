//! Empirical-Bayes shrinkage: estimates of small groups pulled toward the mean of all groups,
//! so a ranking does not reward a unit for a lucky handful of visits.

use super::dist;
use super::error::{Error, Result};
use super::interval::{Interval, IntervalMethod, Level, finite};

/// One group's shrunken estimate.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Shrunken {
    /// The group's own (raw) estimate.
    pub raw: f64,
    /// Weight of the group's own estimate, in [0, 1]: `estimate = prior + weight·(raw − prior)`.
    pub weight: f64,
    /// The shrunken estimate with its posterior interval (hyperparameters taken as known).
    pub estimate: Interval,
}

/// Beta-binomial shrinkage of rates (see [`beta_binomial_shrinkage`]).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct BetaBinomialShrinkage {
    /// The prior mean: the pooled rate `μ = Σxᵢ / Σnᵢ`.
    pub prior_mean: f64,
    /// The intraclass correlation `ρ = 1/(α + β + 1)` of the prior, in [0, ½] (see
    /// [`beta_binomial_shrinkage`] for the cap).
    pub rho: f64,
    /// Prior strength `α + β = 1/ρ − 1` in pseudo-trials, at least 1; `None` when `ρ = 0` (all
    /// rates the same up to binomial noise: every group is pulled fully to the pooled rate).
    pub prior_strength: Option<f64>,
    /// Per group, in input order.
    pub groups: Vec<Shrunken>,
}

/// The largest `ρ`: a prior strength `1/ρ − 1` of at least one pseudo-trial.
const MAX_RHO: f64 = 0.5;

/// Empirical-Bayes shrinkage of the rates `xᵢ/nᵢ` of `k ≥ 2` groups, with a Beta prior fitted
/// by the method of moments across groups.
///
/// With `μ = Σxᵢ/N`, `N = Σnᵢ`, `pᵢ = xᵢ/nᵢ` and `S = Σ nᵢ(pᵢ − μ)²`, the beta-binomial model
/// (`Var pᵢ = μ(1−μ)[1/nᵢ + ρ(1 − 1/nᵢ)]`) gives
/// `E[S] = μ(1−μ)[(k − 1) + ρ(N − Σnᵢ²/N − (k − 1))]`, hence the moment estimator
///
/// `ρ = [S/(μ(1−μ)) − (k − 1)] / [N − Σnᵢ²/N − (k − 1)]`, truncated to `[0, ½]`,
///
/// and the prior `Beta(α, β)` with `α + β = 1/ρ − 1`, `α = μ(α + β)`. Each group's posterior
/// mean is `(xᵢ + α)/(nᵢ + α + β) = μ + wᵢ(pᵢ − μ)` with `wᵢ = nᵢρ/(nᵢρ + 1 − ρ)`, and its
/// interval the equal-tailed interval of `Beta(α + xᵢ, β + nᵢ − xᵢ)`. When `ρ = 0` (or
/// `μ ∈ {0, 1}`) every estimate is `μ` and its interval collapses to that point.
///
/// **The cap at ½** is a floor on the prior: it never counts for less than one pseudo-trial,
/// `Beta(μ, 1 − μ)` (Jeffreys' prior when `μ = ½`). The moment estimate reaches 1 and beyond
/// when rates differ by more than binomial noise allows — every office at 0 % or 100 %, say
/// 0 of 100 and 100 of 100 — where an untruncated prior of no strength would leave each group
/// its raw rate with a posterior interval collapsed onto it ([0, 0] for 0 of 100). With the
/// floor each still gets a proper interval, and the groups their ranks.
///
/// Checked against an independent numpy/scipy implementation (`tests/fixtures/`).
///
/// ```
/// use layanan::{Level, stats::beta_binomial_shrinkage};
///
/// // Visits served within standard: (within, visits) per office.
/// let offices = [(45, 50), (3, 3), (160, 200), (70, 100)];
/// let eb = beta_binomial_shrinkage(&offices, Level::default())?;
/// // 3 of 3 is not a perfect office: its estimate is pulled toward the pooled rate.
/// let tiny = &eb.groups[1];
/// assert_eq!(tiny.raw, 1.0);
/// assert!(tiny.estimate.estimate() < 0.9 && tiny.estimate.estimate() > eb.prior_mean);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for fewer than 2 groups, a group with no trials, or when every
/// group has a single trial (ρ cannot be estimated); [`Error::OutOfRange`] for more successes
/// than trials.
pub fn beta_binomial_shrinkage(
    groups: &[(u64, u64)],
    level: Level,
) -> Result<BetaBinomialShrinkage> {
    if groups.len() < 2 {
        return Err(Error::InsufficientData {
            what: "beta-binomial shrinkage (groups)".into(),
            needed: 2,
            got: groups.len() as u64,
        });
    }
    let (mut total_x, mut total_n, mut sum_n2) = (0.0, 0.0, 0.0);
    for &(x, n) in groups {
        if n == 0 {
            return Err(Error::InsufficientData {
                what: "beta-binomial shrinkage (a group's trials)".into(),
                needed: 1,
                got: 0,
            });
        }
        if x > n {
            return Err(Error::OutOfRange {
                field: "successes".into(),
                value: i64::try_from(x).unwrap_or(i64::MAX),
                min: 0,
                max: i64::try_from(n).unwrap_or(i64::MAX),
            });
        }
        total_x += x as f64;
        total_n += n as f64;
        sum_n2 += (n as f64) * (n as f64);
    }
    let k = groups.len() as f64;
    let denominator = total_n - sum_n2 / total_n - (k - 1.0);
    if denominator <= 0.0 {
        return Err(Error::InsufficientData {
            what: "beta-binomial shrinkage (trials per group: every group has one)".into(),
            needed: 2,
            got: 1,
        });
    }
    let mu = total_x / total_n;
    let binomial = mu * (1.0 - mu);
    let rho = if binomial > 0.0 {
        let s: f64 = groups
            .iter()
            .map(|&(x, n)| {
                let n = n as f64;
                n * (x as f64 / n - mu).powi(2)
            })
            .sum();
        ((s / binomial - (k - 1.0)) / denominator).clamp(0.0, MAX_RHO)
    } else {
        0.0
    };
    let strength = (rho > 0.0).then(|| 1.0 / rho - 1.0);
    let mut out = Vec::with_capacity(groups.len());
    for &(x, n) in groups {
        let (xf, nf) = (x as f64, n as f64);
        let raw = xf / nf;
        let shrunken = match strength {
            Some(ab) => {
                // The failures counted exactly first: (1 − μ)·ab + n − x would round a small
                // prior share away against n and leave x = n a shape of 0.
                let (a, b) = (mu * ab + xf, (1.0 - mu) * ab + n.saturating_sub(x) as f64);
                let weight = nf / (nf + ab);
                let estimate = a / (a + b);
                let tail = level.tail();
                let lower = dist::beta_quantile(tail, 1.0 - tail, a, b)?;
                let upper = dist::beta_quantile(1.0 - tail, tail, a, b)?;
                Shrunken {
                    raw,
                    weight,
                    estimate: Interval::from_bounds(
                        estimate,
                        lower,
                        upper,
                        level,
                        IntervalMethod::Posterior,
                    )?,
                }
            }
            None => Shrunken {
                raw,
                weight: 0.0,
                estimate: Interval::from_bounds(mu, mu, mu, level, IntervalMethod::Posterior)?,
            },
        };
        out.push(shrunken);
    }
    Ok(BetaBinomialShrinkage {
        prior_mean: mu,
        rho,
        prior_strength: strength,
        groups: out,
    })
}

/// Normal–normal shrinkage of means (see [`normal_shrinkage`]).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct NormalShrinkage {
    /// The prior mean `μ = Σ yᵢ/(vᵢ + τ²) / Σ 1/(vᵢ + τ²)`.
    pub prior_mean: f64,
    /// The between-group variance `τ²` (DerSimonian–Laird), zero or positive.
    pub tau2: f64,
    /// Cochran's `Q = Σ (yᵢ − ȳ_w)²/vᵢ` with `ȳ_w` the inverse-variance weighted mean.
    pub q: f64,
    /// Per group, in input order.
    pub groups: Vec<Shrunken>,
}

/// Empirical-Bayes shrinkage of `k ≥ 2` group means `yᵢ` with known sampling variances `vᵢ`
/// (for a sample mean, `sᵢ²/nᵢ`), under `yᵢ ~ N(θᵢ, vᵢ)`, `θᵢ ~ N(μ, τ²)`.
///
/// * `τ²` by DerSimonian–Laird's method of moments: with `wᵢ = 1/vᵢ`, `ȳ_w = Σwᵢyᵢ/Σwᵢ`,
///   `Q = Σwᵢ(yᵢ − ȳ_w)²`, `τ² = max(0, (Q − (k − 1)) / (Σwᵢ − Σwᵢ²/Σwᵢ))`;
/// * `μ = Σ yᵢ/(vᵢ + τ²) / Σ 1/(vᵢ + τ²)`;
/// * each group: weight `Bᵢ = τ²/(τ² + vᵢ)`, estimate `μ + Bᵢ(yᵢ − μ)`, and the normal
///   posterior interval `estimate ± z(1−α/2)·√(Bᵢvᵢ)` (hyperparameters taken as known, so
///   slightly narrow when `k` is small). When `τ² = 0` every estimate is `μ`.
///
/// Checked against an independent numpy implementation (`tests/fixtures/`).
///
/// ```
/// use layanan::{Level, stats::normal_shrinkage};
///
/// // Mean empathy rating (0–100) per office and its squared standard error.
/// let means = [82.0, 95.0, 70.0, 78.0];
/// let variances = [4.0, 60.0, 5.0, 3.0]; // the 95 comes from very few ratings
/// let eb = normal_shrinkage(&means, &variances, Level::default())?;
/// assert!(eb.tau2 > 0.0);
/// let noisy = &eb.groups[1];
/// assert!(noisy.weight < eb.groups[0].weight); // pulled harder
/// assert!(noisy.estimate.estimate() < 95.0);
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for fewer than 2 groups; [`Error::LengthMismatch`] for lengths
/// that differ; [`Error::InvalidValue`] for a variance that is not positive;
/// [`Error::NotFinite`] for NaN or ±∞;
/// [`Error::Overflow`] when a shrunken interval overflows `f64`.
pub fn normal_shrinkage(
    estimates: &[f64],
    variances: &[f64],
    level: Level,
) -> Result<NormalShrinkage> {
    if estimates.len() != variances.len() {
        return Err(Error::LengthMismatch {
            what: "variances (one per estimate)".into(),
            expected: estimates.len(),
            got: variances.len(),
        });
    }
    if estimates.len() < 2 {
        return Err(Error::InsufficientData {
            what: "normal shrinkage (groups)".into(),
            needed: 2,
            got: estimates.len() as u64,
        });
    }
    for (&y, &v) in estimates.iter().zip(variances) {
        finite("estimate", y)?;
        finite("variance", v)?;
        if v <= 0.0 {
            return Err(Error::InvalidValue {
                field: "variance".into(),
                value: v,
                expected: "positive".into(),
            });
        }
    }
    let k = estimates.len() as f64;
    let (mut sw, mut sw2, mut swy) = (0.0, 0.0, 0.0);
    for (&y, &v) in estimates.iter().zip(variances) {
        let w = 1.0 / v;
        sw += w;
        sw2 += w * w;
        swy += w * y;
    }
    let fixed = swy / sw;
    let q: f64 = estimates
        .iter()
        .zip(variances)
        .map(|(&y, &v)| (y - fixed).powi(2) / v)
        .sum();
    let tau2 = ((q - (k - 1.0)) / (sw - sw2 / sw)).max(0.0);
    let (mut num, mut den) = (0.0, 0.0);
    for (&y, &v) in estimates.iter().zip(variances) {
        num += y / (v + tau2);
        den += 1.0 / (v + tau2);
    }
    let mu = num / den;
    let z = dist::normal_upper_quantile(level.tail())?;
    let groups = estimates
        .iter()
        .zip(variances)
        .map(|(&y, &v)| {
            let weight = tau2 / (tau2 + v);
            let estimate = mu + weight * (y - mu);
            let half = z * (weight * v).sqrt();
            Ok(Shrunken {
                raw: y,
                weight,
                estimate: Interval::from_bounds(
                    estimate,
                    estimate - half,
                    estimate + half,
                    level,
                    IntervalMethod::Posterior,
                )?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(NormalShrinkage {
        prior_mean: mu,
        tau2,
        q,
        groups,
    })
}
