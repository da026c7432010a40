//! The statistics module's own error: what can go wrong computing on plain numbers.

/// Everything a statistic can refuse: always a value, never NaN or a panic.
///
/// Every variant names the parameter (or the computation) and the offending value. Messages are
/// lowercase without a trailing period. The crate's `layanan::Error` wraps this one unchanged
/// in `Error::Stats`, so `?` converts and the message stays the same.
///
/// ```
/// use layanan::stats::{self, Level};
///
/// let err = Level::new(1.5).unwrap_err();
/// assert_eq!(
///     err,
///     stats::Error::InvalidProbability { field: "confidence level".into(), value: 1.5 }
/// );
/// assert_eq!(err.to_string(), "confidence level must be strictly between 0 and 1, got 1.5");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Too few observations (or groups, items, replicates …) for the statistic asked for.
    #[error(
        "{what} needs at least {needed} observation{}, got {got}",
        if *.needed == 1 { "" } else { "s" }
    )]
    InsufficientData {
        /// What was being computed.
        what: String,
        /// How many observations it needs.
        needed: u64,
        /// How many it had.
        got: u64,
    },
    /// Data without any spread (every value equal, or every trial a success), for a statistic
    /// that divides by it.
    #[error("{what} is undefined: zero variance")]
    ZeroVariance {
        /// What was being computed, and which data are constant.
        what: String,
    },
    /// A NaN or infinite value where a finite number is required.
    #[error("{field} must be finite, got {value}")]
    NotFinite {
        /// The parameter or observation.
        field: String,
        /// The value given.
        value: f64,
    },
    /// A finite number outside what a parameter accepts (a negative standard error, zero degrees
    /// of freedom …).
    #[error("{field} must be {expected}, got {value}")]
    InvalidValue {
        /// The parameter.
        field: String,
        /// The value given.
        value: f64,
        /// What is accepted, e.g. "positive".
        expected: String,
    },
    /// A probability or confidence level outside the open interval (0, 1).
    #[error("{field} must be strictly between 0 and 1, got {value}")]
    InvalidProbability {
        /// The parameter.
        field: String,
        /// The value given.
        value: f64,
    },
    /// A count outside the closed range a parameter accepts (more successes than trials, a
    /// quantile type outside 1–9, more counters than [`ErlangC::MAX_SERVERS`](super::ErlangC::MAX_SERVERS) …).
    #[error("{field} must be between {min} and {max}, got {value}")]
    OutOfRange {
        /// The parameter.
        field: String,
        /// The value given.
        value: i64,
        /// Smallest accepted value.
        min: i64,
        /// Largest accepted value.
        max: i64,
    },
    /// Rows or vectors that should have the same length and do not (paired samples, the rows of
    /// a table, one variance per estimate).
    #[error("{what}: expected {expected} values, got {got}")]
    LengthMismatch {
        /// The row or vector, and what its length should match.
        what: String,
        /// The length it should have.
        expected: usize,
        /// The length it has.
        got: usize,
    },
    /// A count past its integer type, or a statistic of finite values past `f64`.
    #[error("{field} overflows")]
    Overflow {
        /// What overflowed.
        field: String,
    },
    /// A method that cannot be applied to these data (an exact test with ties, samples too large
    /// to enumerate …).
    #[error("{method} does not apply: {reason}")]
    NotApplicable {
        /// The method.
        method: String,
        /// Why not.
        reason: String,
    },
    /// A queue whose offered load needs more servers than it has: it grows without bound.
    #[error("offered load of {traffic} erlangs needs more than {servers} servers")]
    UnstableQueue {
        /// The offered load `A = λ·s`.
        traffic: f64,
        /// The servers available.
        servers: u32,
    },
    /// A value whose parts contradict each other (moments or an interval read back from a file,
    /// bounds out of order).
    #[error("inconsistent {what}: {reason}")]
    Inconsistent {
        /// The kind of value.
        what: String,
        /// What contradicts what.
        reason: String,
    },
}

/// `Result` with the statistics [`Error`](enum@Error) as the error type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
