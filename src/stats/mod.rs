//! Statistics on plain numbers, knowing nothing of public services.
//!
//! Every function here validates its input and returns this module's own [`Error`] rather than
//! NaN or a panic. The module imports nothing else from the crate (a test keeps it so); the
//! crate's error wraps this one, so `?` converts. Distribution functions come from `statrs`,
//! reached only through a private wrapper that checks probabilities first and refines quantiles
//! so upper tails stay accurate. Each function names the formula it implements and the
//! reference (scipy, statsmodels, pingouin) its tests are checked against in `tests/fixtures/`.
//!
//! | need | use |
//! |---|---|
//! | mean, sd, skewness, merged across threads | [`Moments`] |
//! | median, p90, any of the nine quantile definitions | [`Sorted`], [`QuantileType`] |
//! | interval for a mean / a proportion / differences | [`Moments::mean_interval`], [`proportion_interval`], [`welch_interval`], [`newcombe_interval`], [`welch_from_moments`] |
//! | interval for a median or a p90 | [`quantile_interval`], [`quantile_interval_ranks`] |
//! | interval for anything else | [`Replicates`] (bootstrap, percentile and BCa) |
//! | how large is the difference? | [`hedges_g`], [`cohens_d`], [`rank_biserial_interval`], [`cramers_v`], [`risk_difference`], [`risk_ratio`], [`odds_ratio`], [`fisher_odds_ratio`] |
//! | the same units measured twice | [`paired_t_test`], [`wilcoxon_signed_rank`], [`mcnemar`] |
//! | a share against a fixed rate | [`binomial_test`], [`proportion_interval`] (Jeffreys, Clopper–Pearson) |
//! | is the difference real? | [`welch_t_test`], [`two_proportion_z_test`], [`mann_whitney_u`], [`kruskal_wallis`], [`chi_square_independence`], [`fisher_exact`] |
//! | do several groups differ, and which? | [`one_way_anova`], [`welch_anova`], [`games_howell`] ([`studentized_range_sf`]); [`kruskal_wallis`], [`dunn`] |
//! | do two things move together? | [`pearson`], [`spearman`] ([`spearman_exact_p`] for a few pairs), [`kendall_tau_b`] |
//! | many comparisons at once | [`holm`], [`hochberg`], [`bonferroni`], [`benjamini_hochberg`], [`benjamini_yekutieli`] |
//! | is there a trend over periods? | [`mann_kendall`] ([`mann_kendall_exact_p`] for short series, [`mann_kendall_hamed_rao`] for autocorrelated ones, [`seasonal_mann_kendall`] for monthly data with seasons), [`sens_slope`] |
//! | rank groups without rewarding tiny samples | [`beta_binomial_shrinkage`], [`normal_shrinkage`] |
//! | is the questionnaire reliable? | [`cronbach_alpha`], [`mcdonald_omega`], [`item_analysis`] |
//! | what to fix first | [`importance_performance`], [`customer_satisfaction_index`] |
//! | how many to ask | [`krejcie_morgan`], [`slovin`], [`cochran`] |
//! | could the survey see a difference? | [`power_two_proportions`], [`power_two_means`], [`sample_size_two_proportions`], [`sample_size_two_means`], [`minimum_detectable_difference_from_se`] |
//! | how many counters to open | [`ErlangC`]; [`ErlangA`] when citizens give up and leave |

mod adjust;
mod anova;
mod beta;
mod binomial;
mod bootstrap;
mod contingency;
mod correlation;
mod dist;
mod effect;
mod erlang_a;
mod error;
mod exact;
mod hypothesis;
mod interval;
mod ipa;
mod kendall;
mod matrix;
mod moments;
mod noncentral;
mod omega;
mod open_interval;
mod paired;
mod posthoc;
mod power;
mod proportion;
mod quantile;
mod quantile_interval;
mod queue;
mod rank;
mod ratio;
mod read_check;
mod reliability;
mod root;
mod sample_size;
mod shrinkage;
mod spearman_exact;
mod studentized_range;
mod trend;

pub use adjust::{benjamini_hochberg, benjamini_yekutieli, bonferroni, hochberg, holm};
pub use anova::{Anova, AnovaMethod, one_way_anova, welch_anova};
pub use binomial::binomial_test;
pub use bootstrap::{Replicates, Xoshiro256PlusPlus, mean_of};
pub use contingency::chi_square_independence;
pub use correlation::{pearson, spearman};
pub(crate) use dist::normal_upper_quantile;
pub use effect::{
    RiskDifferenceMethod, cohens_d, cohens_d_from_moments, cramers_v, hedges_g,
    hedges_g_from_moments, odds_ratio, rank_biserial, rank_biserial_interval, risk_difference,
    risk_ratio,
};
pub use erlang_a::ErlangA;
pub use error::{Error, Result};
pub use exact::{fisher_exact, fisher_mid_p, fisher_odds_ratio};
pub use hypothesis::{
    Alternative, Estimate, TestMethod, TestResult, one_sample_t_test, student_t_test,
    two_proportion_z_test, welch_from_estimates, welch_from_moments, welch_interval, welch_t_test,
};
pub use interval::{Interval, IntervalMethod, Level};
pub use ipa::{Crosshair, Quadrant, customer_satisfaction_index, importance_performance};
pub use kendall::{KendallTau, MAX_EXACT_KENDALL, kendall_tau_b, mann_kendall_exact_p};
pub(crate) use matrix::{covariance, positive_semidefinite};
pub use moments::Moments;
pub(crate) use omega::omega_of_covariance;
pub use omega::{MAX_OMEGA_ITEMS, Omega, mcdonald_omega};
pub use open_interval::OpenInterval;
pub use paired::{
    McNemarMethod, WilcoxonMethod, ZeroMethod, mcnemar, paired_t_interval, paired_t_test,
    wilcoxon_signed_rank,
};
pub use posthoc::{PairwiseComparison, PosthocMethod, dunn, games_howell};
pub use power::{
    SampleSize, minimum_detectable_difference, minimum_detectable_difference_from_se,
    power_two_means, power_two_proportions, sample_size_two_means, sample_size_two_proportions,
};
pub use proportion::{ProportionMethod, newcombe_interval, proportion_interval};
pub(crate) use quantile::OrderStatistics;
pub use quantile::{QuantileType, Sorted, order_statistic_quantile, select_quantiles};
pub use quantile_interval::{quantile_interval, quantile_interval_ranks};
pub use queue::ErlangC;
pub use rank::{MannWhitneyMethod, kruskal_wallis, mann_whitney_u};
pub(crate) use ratio::{Ratio, gcd};
pub(crate) use read_check::checked_on_read;
pub use reliability::{
    CronbachAlpha, Deletion, ItemAnalysis, MAX_ITEMS, cronbach_alpha, item_analysis,
};
pub use sample_size::{cochran, krejcie_morgan, slovin};
pub use shrinkage::{
    BetaBinomialShrinkage, NormalShrinkage, Shrunken, beta_binomial_shrinkage, normal_shrinkage,
};
pub use spearman_exact::{MAX_EXACT_SPEARMAN, spearman_exact_p};
pub use studentized_range::{studentized_range_cdf, studentized_range_sf};
pub use trend::{
    MAX_TREND_LENGTH, MannKendall, SenSlope, mann_kendall, mann_kendall_hamed_rao,
    seasonal_mann_kendall, sens_slope,
};
