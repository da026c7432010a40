//! The bootstrap, driven by a seeded, portable generator.

use super::dist;
use super::error::{Error, Result};
use super::interval::{Interval, IntervalMethod, Level};
use super::quantile::{QuantileType, Sorted};

/// Blackman & Vigna's xoshiro256++ generator: fast, 256 bits of state, and the same sequence on
/// every platform and every release of this crate, so a seeded bootstrap is reproducible.
///
/// ```
/// use layanan::stats::Xoshiro256PlusPlus;
///
/// let mut a = Xoshiro256PlusPlus::seed_from_u64(2025);
/// let mut b = Xoshiro256PlusPlus::seed_from_u64(2025);
/// assert_eq!(a.next_u64(), b.next_u64());
/// assert!(a.below(6) < 6);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(from = "[u64; 4]", into = "[u64; 4]"))]
pub struct Xoshiro256PlusPlus {
    s: [u64; 4],
}

/// Through [`Xoshiro256PlusPlus::from_state`], so a state read back is never all zero.
impl From<[u64; 4]> for Xoshiro256PlusPlus {
    fn from(state: [u64; 4]) -> Self {
        Self::from_state(state)
    }
}

/// The state, as [`from_state`](Xoshiro256PlusPlus::from_state) takes it.
impl From<Xoshiro256PlusPlus> for [u64; 4] {
    fn from(rng: Xoshiro256PlusPlus) -> Self {
        rng.s
    }
}

impl Xoshiro256PlusPlus {
    /// A generator with this exact state (not all zero: an all-zero state is replaced by the
    /// state of seed 0, since xoshiro would emit zeros forever).
    pub fn from_state(state: [u64; 4]) -> Self {
        if state == [0; 4] {
            return Self::seed_from_u64(0);
        }
        Self { s: state }
    }

    /// A generator whose state is four outputs of SplitMix64 from `seed` (the seeding the
    /// authors recommend).
    pub fn seed_from_u64(seed: u64) -> Self {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Self {
            s: [next(), next(), next(), next()],
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let [s0, s1, s2, s3] = self.s;
        let result = s0.wrapping_add(s3).rotate_left(23).wrapping_add(s0);
        let t = s1 << 17;
        let mut s = [s0, s1, s2 ^ s0, s3 ^ s1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        self.s = s;
        result
    }

    /// A uniform integer in `0..n` (`n > 0`), without modulo bias (Lemire's multiply-and-reject).
    #[allow(clippy::arithmetic_side_effects)] // n > 0 is checked first; a product of two u64 fits u128
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let threshold = n.wrapping_neg() % n;
        loop {
            let product = u128::from(self.next_u64()) * u128::from(n);
            if (product as u64) >= threshold {
                return (product >> 64) as u64;
            }
        }
    }
}

/// A statistic's bootstrap replicates, with what the BCa interval also needs: the estimate on
/// the full sample and the acceleration from its jackknife (leave-one-out) values.
///
/// ```
/// use layanan::{Level, stats::{Replicates, mean_of}};
///
/// let minutes = [12.0, 7.5, 30.0, 18.0, 9.0, 45.0, 14.0, 11.0, 22.0, 16.0];
/// let reps = Replicates::resample(&minutes, mean_of, 2_000, 42)?;
/// let percentile = reps.percentile_interval(Level::default())?;
/// let bca = reps.bca_interval(Level::default())?;
/// assert!(percentile.lower() < 18.45 && 18.45 < percentile.upper());
/// assert!(bca.lower() < bca.upper());
/// // The same seed gives the same interval, on any machine.
/// assert_eq!(bca, Replicates::resample(&minutes, mean_of, 2_000, 42)?.bca_interval(Level::default())?);
/// # Ok::<(), layanan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Replicates {
    estimate: f64,
    replicates: Sorted,
    acceleration: f64,
}

/// The mean of a slice (0 when empty): a ready-made statistic for [`Replicates::resample`].
/// Finite for any finite data: where the sum overflows (values near `±f64::MAX`), the mean is
/// the sum of `x/n`, held within the data's range.
pub fn mean_of(data: &[f64]) -> f64 {
    if data.is_empty() {
        return 0.0;
    }
    let n = data.len() as f64;
    let sum = data.iter().sum::<f64>();
    if sum.is_finite() {
        return sum / n;
    }
    let (lo, hi) = data
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| {
            (lo.min(x), hi.max(x))
        });
    data.iter().map(|x| x / n).sum::<f64>().max(lo).min(hi)
}

/// The jackknife acceleration `a = Σdᵢ³ / (6·(Σdᵢ²)^{3/2})`, `dᵢ = θ̄ − θᵢ`: scale-free, so the
/// deviations are halved (their difference cannot overflow) and divided by the largest before
/// they are cubed, and finite jackknife values give a finite `a`.
fn acceleration_of(jackknife: &[f64]) -> f64 {
    let centre = mean_of(jackknife) / 2.0;
    let largest = jackknife
        .iter()
        .map(|t| (centre - t / 2.0).abs())
        .fold(0.0, f64::max);
    if !(largest > 0.0 && largest.is_finite()) {
        return 0.0;
    }
    let (mut num, mut den) = (0.0, 0.0);
    for t in jackknife {
        let d = (centre - t / 2.0) / largest;
        num += d * d * d;
        den += d * d;
    }
    num / (6.0 * den.powf(1.5))
}

/// What both bootstraps refuse: non-finite data, fewer than 2 values, too many resamples.
fn check_sample(data: &[f64], resamples: usize) -> Result<()> {
    if let Some(bad) = data.iter().find(|x| !x.is_finite()) {
        return Err(Error::NotFinite {
            field: "observation".into(),
            value: *bad,
        });
    }
    if data.len() < 2 {
        return Err(Error::InsufficientData {
            what: "bootstrap".into(),
            needed: 2,
            got: data.len() as u64,
        });
    }
    if resamples > Replicates::MAX_RESAMPLES {
        return Err(Error::OutOfRange {
            field: "bootstrap resamples".into(),
            value: i64::try_from(resamples).unwrap_or(i64::MAX),
            min: 100,
            max: Replicates::MAX_RESAMPLES as i64,
        });
    }
    Ok(())
}

/// `resamples` seeded resamples of `data` with replacement, `statistic` applied to each.
fn draw(data: &[f64], statistic: &dyn Fn(&[f64]) -> f64, resamples: usize, seed: u64) -> Vec<f64> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let n = data.len() as u64;
    let mut sample = vec![0.0; data.len()];
    let mut replicates = Vec::with_capacity(resamples);
    for _ in 0..resamples {
        for slot in sample.iter_mut() {
            *slot = data.get(rng.below(n) as usize).copied().unwrap_or(f64::NAN);
        }
        replicates.push(statistic(&sample));
    }
    replicates
}

impl Replicates {
    /// The most resamples [`resample`](Self::resample) draws: it keeps every replicate, and
    /// intervals settle long before (10,000 is plenty for BCa).
    pub const MAX_RESAMPLES: usize = 1_000_000;

    /// The most observations [`resample`](Self::resample) takes: its jackknife applies the
    /// statistic to each of the `n` leave-one-out samples, `n²` steps in all (10⁸ here).
    /// [`resample_mean`](Self::resample_mean) has no such bound: its jackknife is `O(n)`.
    pub const MAX_JACKKNIFE: usize = 10_000;

    /// Draws `resamples` samples with replacement from `data` (seeded), and applies `statistic`
    /// to each, to the whole sample, and to each leave-one-out sample.
    ///
    /// The work is `statistic` applied `resamples + n + 1` times to samples of `n` values, so
    /// about `(resamples + n)·n` steps for a statistic linear in its sample. For the mean, use
    /// [`resample_mean`](Self::resample_mean).
    ///
    /// # Errors
    /// [`Error::InsufficientData`] for fewer than 2 observations or fewer than 100 resamples;
    /// [`Error::OutOfRange`] above [`MAX_RESAMPLES`](Self::MAX_RESAMPLES) resamples or
    /// [`MAX_JACKKNIFE`](Self::MAX_JACKKNIFE) observations;
    /// [`Error::NotFinite`] for non-finite data or a statistic that returns NaN or ±∞.
    pub fn resample(
        data: &[f64],
        statistic: impl Fn(&[f64]) -> f64,
        resamples: usize,
        seed: u64,
    ) -> Result<Self> {
        check_sample(data, resamples)?;
        if data.len() > Self::MAX_JACKKNIFE {
            return Err(Error::OutOfRange {
                field: "bootstrap observations (the jackknife is quadratic; resample_mean is not)"
                    .into(),
                value: i64::try_from(data.len()).unwrap_or(i64::MAX),
                min: 2,
                max: Self::MAX_JACKKNIFE as i64,
            });
        }
        let replicates = draw(data, &statistic, resamples, seed);
        let mut jackknife = Vec::with_capacity(data.len());
        let mut left_out = Vec::with_capacity(data.len().saturating_sub(1));
        for i in 0..data.len() {
            left_out.clear();
            left_out.extend(
                data.iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, x)| *x),
            );
            jackknife.push(statistic(&left_out));
        }
        Self::from_parts(statistic(data), replicates, jackknife)
    }

    /// The bootstrap of the mean: the same replicates as
    /// `resample(data, mean_of, resamples, seed)`, with the jackknife in `O(n)` instead of
    /// `O(n²)`. The leave-one-out means are `x̄ + (x̄ − xᵢ)/(n − 1)`, so `θ̄ − θᵢ` is
    /// `(xᵢ − x̄)/(n − 1)` and the acceleration is `Σ(xᵢ − x̄)³/(6·(Σ(xᵢ − x̄)²)^{3/2})`, taken
    /// from the data's [`Moments`](super::Moments) (a sample of 1e9 plus noise keeps its digits).
    ///
    /// # Errors
    /// As [`resample`](Self::resample), without the bound on observations.
    pub fn resample_mean(data: &[f64], resamples: usize, seed: u64) -> Result<Self> {
        check_sample(data, resamples)?;
        let moments = super::Moments::from_slice(data)?;
        let replicates = draw(data, &mean_of, resamples, seed);
        // Σd³/(Σd²)^{3/2} = g₁/√n, g₁ the biased skewness; 0 for constant data.
        let acceleration = match moments.biased_skewness() {
            Some(g1) => g1 / (6.0 * (data.len() as f64).sqrt()),
            None => 0.0,
        };
        let reps = Self::from_parts(mean_of(data), replicates, vec![0.0, 0.0])?;
        Ok(Self {
            acceleration,
            ..reps
        })
    }

    /// Replicates computed elsewhere (for instance by a resampling scheme of your own).
    ///
    /// # Errors
    /// [`Error::InsufficientData`] for fewer than 100 replicates or 2 jackknife values;
    /// [`Error::NotFinite`] for a non-finite value.
    pub fn from_parts(estimate: f64, replicates: Vec<f64>, jackknife: Vec<f64>) -> Result<Self> {
        super::interval::finite("bootstrap estimate", estimate)?;
        if replicates.len() < 100 {
            return Err(Error::InsufficientData {
                what: "bootstrap replicates".into(),
                needed: 100,
                got: replicates.len() as u64,
            });
        }
        if jackknife.len() < 2 {
            return Err(Error::InsufficientData {
                what: "jackknife values".into(),
                needed: 2,
                got: jackknife.len() as u64,
            });
        }
        if let Some(bad) = jackknife.iter().find(|x| !x.is_finite()) {
            return Err(Error::NotFinite {
                field: "jackknife value".into(),
                value: *bad,
            });
        }
        Ok(Self {
            estimate,
            replicates: Sorted::from_vec(replicates)?,
            acceleration: acceleration_of(&jackknife),
        })
    }

    /// The statistic on the full sample.
    pub fn estimate(&self) -> f64 {
        self.estimate
    }

    /// The replicates, sorted.
    pub fn replicates(&self) -> &[f64] {
        self.replicates.as_slice()
    }

    /// The percentile interval: the `α/2` and `1 − α/2` quantiles (type 7) of the replicates.
    ///
    /// # Errors
    /// None in practice: the level is valid and the replicates finite by construction.
    pub fn percentile_interval(&self, level: Level) -> Result<Interval> {
        let lower = self
            .replicates
            .quantile(level.tail(), QuantileType::Linear)?;
        let upper = self
            .replicates
            .quantile(1.0 - level.tail(), QuantileType::Linear)?;
        Interval::from_bounds(
            self.estimate,
            lower,
            upper,
            level,
            IntervalMethod::BootstrapPercentile,
        )
    }

    /// The jackknife acceleration `a = Σ(θ̄ − θᵢ)³ / (6·(Σ(θ̄ − θᵢ)²)^{3/2})` (0 when the
    /// jackknife values are all equal); finite for finite jackknife values.
    pub fn acceleration(&self) -> f64 {
        self.acceleration
    }

    /// The bias correction `z₀ = Φ⁻¹(#{θ*_b < θ̂}/B)`: the share of replicates strictly below
    /// the estimate, as Efron & Tibshirani define it (1993, eq. 14.14) and R's `boot::bca.ci`
    /// computes it.
    ///
    /// scipy's `bootstrap(method="BCa")` counts replicates *equal* to the estimate as half
    /// below (`percentileofscore(kind="mean")`). The two agree unless replicates tie the
    /// estimate, which is common for discrete data: a mean of ratings 1–4 recurs among its own
    /// resamples. There the textbook definition is kept, so the intervals differ from scipy's;
    /// the tests check both conventions on the same replicates (`tests/fixtures`,
    /// `bootstrap_reference`: the `*_strict_z0` endpoints are this one, scipy's differ only in
    /// the case with ties).
    ///
    /// # Errors
    /// [`Error::InsufficientData`] when every replicate lies on one side of the estimate (the
    /// bias cannot be estimated).
    pub fn bias_correction(&self) -> Result<f64> {
        let below = self
            .replicates
            .as_slice()
            .partition_point(|r| *r < self.estimate);
        let share = below as f64 / self.replicates.len() as f64;
        if share <= 0.0 || share >= 1.0 {
            return Err(Error::InsufficientData {
                what: "BCa bias correction (replicates on both sides of the estimate)".into(),
                needed: 1,
                got: 0,
            });
        }
        Ok(-dist::normal_upper_quantile(share)?)
    }

    /// The bias-corrected and accelerated interval (Efron 1987): the replicate quantiles at
    /// `Φ(z₀ + (z₀ + z)/(1 − a(z₀ + z)))` for `z = z(α/2)` and `z(1 − α/2)`.
    ///
    /// # Errors
    /// As [`bias_correction`](Self::bias_correction).
    pub fn bca_interval(&self, level: Level) -> Result<Interval> {
        let z0 = self.bias_correction()?;
        let a = self.acceleration();
        let z = dist::normal_upper_quantile(level.tail())?;
        let adjusted = |zq: f64| {
            let s = z0 + zq;
            dist::normal_cdf(z0 + s / (1.0 - a * s))
        };
        let lower = self
            .replicates
            .quantile(adjusted(-z), QuantileType::Linear)?;
        let upper = self
            .replicates
            .quantile(adjusted(z), QuantileType::Linear)?;
        Interval::from_bounds(
            self.estimate,
            lower,
            upper,
            level,
            IntervalMethod::BootstrapBca,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first outputs of xoshiro256++ from state (0, 0, 0, 1), as the reference C code gives.
    #[test]
    fn reference_sequence() {
        let mut rng = Xoshiro256PlusPlus::from_state([0, 0, 0, 1]);
        let expected = [
            0x0000_0000_0080_0000,
            0x0000_0000_0080_0011,
            0x0002_2000_0080_0011,
            0x0002_2000_4400_0020,
            0x0002_2000_4480_08A1,
            0x0110_2100_8022_08A0,
            0x0114_0022_8420_0880,
            0x0402_8966_44A6_4095,
            0x8A14_A0A2_44AC_C891,
            0x8C88_BA46_80B2_0495,
        ];
        for want in expected {
            assert_eq!(rng.next_u64(), want);
        }
    }

    #[test]
    fn below_is_in_range_and_covers_it() {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
        let mut seen = [false; 6];
        for _ in 0..600 {
            let v = rng.below(6) as usize;
            seen[v] = true;
        }
        assert!(seen.iter().all(|s| *s));
    }
}
