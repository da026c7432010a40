//! States: a tally as bytes, to keep in a table and merge later.
//!
//! A state is a short header followed by the tally's own serialised form (the one
//! `layanan`'s `serde` feature defines, versioned and validated on read) written as
//! [MessagePack](https://msgpack.org) with structs as arrays:
//!
//! | bytes | what |
//! |---|---|
//! | 0–2 | `LYN`, so a column of other bytes is refused at once |
//! | 3 | the kind of tally: 1 SKM, 2 NPS, 3 visits (scorecard) |
//! | 4 | the version of this header and encoding: 1 |
//! | 5… | the tally, as `layanan` serialises it (with its own format version) |
//!
//! Reading a state checks the header, decodes the tally through `layanan`'s own validation (a
//! tally whose counts contradict each other, or of another format version, is refused with
//! the library's reason) and refuses trailing bytes. A tampered state is an error, never a
//! panic and never a wrong number.
//!
//! ```
//! use layanan::{Instrument, SkmTally};
//! use layanan_datafusion::state;
//!
//! let skm = Instrument::permenpanrb_14_2017();
//! let mut tally = SkmTally::new(skm.clone());
//! tally.push_answers(&skm.answers_from_row(&[4, 3, 3, 4, 3, 4, 4, 3, 3])?)?;
//! let bytes = state::encode(&tally)?;
//! assert_eq!(state::kind_of(&bytes)?, state::StateKind::Skm);
//! assert_eq!(state::decode::<SkmTally>(&bytes)?, tally);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use layanan::{NpsTally, Scorecard, SkmTally};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The first bytes of every state.
pub const MAGIC: [u8; 3] = *b"LYN";

/// The version of the header and encoding this build writes and reads.
pub const ENCODING_VERSION: u8 = 1;

/// The length of the header before the tally.
const HEADER: usize = MAGIC.len() + 2;

/// What tally a state holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StateKind {
    /// An [`SkmTally`]: questionnaires of an SKM instrument.
    Skm,
    /// An [`NpsTally`]: would-you-recommend answers.
    Nps,
    /// A [`Scorecard`]: visits judged against service standards.
    Visits,
}

impl StateKind {
    /// The byte that names the kind in a state's header.
    pub const fn tag(self) -> u8 {
        match self {
            StateKind::Skm => 1,
            StateKind::Nps => 2,
            StateKind::Visits => 3,
        }
    }

    /// The kind a header byte names.
    pub const fn from_tag(tag: u8) -> Option<Self> {
        match tag {
            1 => Some(StateKind::Skm),
            2 => Some(StateKind::Nps),
            3 => Some(StateKind::Visits),
            _ => None,
        }
    }

    /// How messages name it.
    pub const fn name(self) -> &'static str {
        match self {
            StateKind::Skm => "SKM",
            StateKind::Nps => "NPS",
            StateKind::Visits => "visits",
        }
    }
}

impl fmt::Display for StateKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why bytes are not a state, or a tally could not be written as one.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StateError {
    /// The bytes do not start with [`MAGIC`]: not a state at all.
    NotAState {
        /// How many bytes there were.
        len: usize,
    },
    /// A header byte naming no kind this build knows.
    UnknownKind {
        /// The byte.
        tag: u8,
    },
    /// A state of one kind where another was expected (an NPS state given to `skm_merge`).
    WrongKind {
        /// The kind expected.
        expected: StateKind,
        /// The kind found.
        found: StateKind,
    },
    /// A header of another version.
    Version {
        /// The version found.
        found: u8,
    },
    /// The tally was refused: its encoding is broken, or `layanan` found its parts
    /// inconsistent or of another format version (the reason is the library's).
    Refused {
        /// The kind of tally.
        kind: StateKind,
        /// Why.
        reason: String,
    },
    /// Bytes left over after the tally.
    TrailingBytes {
        /// The kind of tally.
        kind: StateKind,
        /// How many.
        count: usize,
    },
    /// The tally could not be written.
    Encode {
        /// The kind of tally.
        kind: StateKind,
        /// Why.
        reason: String,
    },
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StateError::NotAState { len } => write!(
                f,
                "not a layanan state: {len} bytes that do not start with `LYN`"
            ),
            StateError::UnknownKind { tag } => {
                write!(f, "a layanan state of unknown kind {tag}")
            }
            StateError::WrongKind { expected, found } => {
                write!(
                    f,
                    "expected a state of kind {expected}, got one of kind {found}"
                )
            }
            StateError::Version { found } => write!(
                f,
                "a layanan state of encoding version {found} (this build reads {ENCODING_VERSION})"
            ),
            StateError::Refused { kind, reason } => {
                write!(f, "refused {kind} state: {reason}")
            }
            StateError::TrailingBytes { kind, count } => {
                write!(f, "refused {kind} state: {count} bytes after the tally")
            }
            StateError::Encode { kind, reason } => {
                write!(f, "cannot write {kind} state: {reason}")
            }
        }
    }
}

impl std::error::Error for StateError {}

mod sealed {
    pub trait Sealed {}
    impl Sealed for layanan::SkmTally {}
    impl Sealed for layanan::NpsTally {}
    impl Sealed for layanan::Scorecard {}
}

/// A tally that can be kept as a state: [`SkmTally`], [`NpsTally`], [`Scorecard`].
pub trait State: Serialize + DeserializeOwned + sealed::Sealed {
    /// The kind the header names.
    const KIND: StateKind;
}

impl State for SkmTally {
    const KIND: StateKind = StateKind::Skm;
}

impl State for NpsTally {
    const KIND: StateKind = StateKind::Nps;
}

impl State for Scorecard {
    const KIND: StateKind = StateKind::Visits;
}

/// The state of `tally`.
///
/// # Errors
/// [`StateError::Encode`] when the tally cannot be serialised (not expected of a tally built
/// by pushing and merging).
pub fn encode<T: State>(tally: &T) -> Result<Vec<u8>, StateError> {
    let mut bytes = Vec::with_capacity(256);
    bytes.extend_from_slice(&MAGIC);
    bytes.push(T::KIND.tag());
    bytes.push(ENCODING_VERSION);
    rmp_serde::encode::write(&mut bytes, tally).map_err(|e| StateError::Encode {
        kind: T::KIND,
        reason: e.to_string(),
    })?;
    Ok(bytes)
}

/// The kind of tally a state holds, from its header alone.
///
/// # Errors
/// [`StateError::NotAState`], [`StateError::UnknownKind`], [`StateError::Version`].
pub fn kind_of(bytes: &[u8]) -> Result<StateKind, StateError> {
    let (magic, rest) = bytes
        .split_first_chunk::<3>()
        .ok_or(StateError::NotAState { len: bytes.len() })?;
    if *magic != MAGIC {
        return Err(StateError::NotAState { len: bytes.len() });
    }
    let [tag, version, ..] = *rest else {
        return Err(StateError::NotAState { len: bytes.len() });
    };
    let kind = StateKind::from_tag(tag).ok_or(StateError::UnknownKind { tag })?;
    if version != ENCODING_VERSION {
        return Err(StateError::Version { found: version });
    }
    Ok(kind)
}

/// The tally a state holds, validated as `layanan` validates its serialised form.
///
/// # Errors
/// As [`kind_of`]; [`StateError::WrongKind`] for a state of another tally;
/// [`StateError::Refused`] for a tally the library refuses (with its reason);
/// [`StateError::TrailingBytes`].
pub fn decode<T: State>(bytes: &[u8]) -> Result<T, StateError> {
    let found = kind_of(bytes)?;
    if found != T::KIND {
        return Err(StateError::WrongKind {
            expected: T::KIND,
            found,
        });
    }
    let mut rest = bytes.get(HEADER..).unwrap_or_default();
    let mut deserializer = rmp_serde::Deserializer::new(&mut rest);
    let tally = T::deserialize(&mut deserializer).map_err(|e| StateError::Refused {
        kind: T::KIND,
        reason: e.to_string(),
    })?;
    if !rest.is_empty() {
        return Err(StateError::TrailingBytes {
            kind: T::KIND,
            count: rest.len(),
        });
    }
    Ok(tally)
}
