//! Any tally, grouped by any key: unit, service, channel, period, respondent profile, or a tuple
//! of them for combinations.

use std::collections::BTreeMap;

use crate::cost::CostTally;
use crate::cx::{CesTally, CsatTally, NpsTally};
use crate::empathy::{ComplaintTally, EmpathyTally};
use crate::error::Result;
use crate::scorecard::Scorecard;
use crate::skm::SkmTally;
use crate::speed::SpeedTally;
use crate::stats::Moments;

/// A tally that can absorb another of its kind: merging the tallies of two parts gives the
/// tally of the whole.
pub trait Merge {
    /// Adds everything `other` counted.
    ///
    /// # Errors
    /// As the tally's own `merge` (mismatched settings, overflow).
    fn merge_from(&mut self, other: &Self) -> Result<()>;
}

macro_rules! merge_via_inherent {
    ($($ty:ty),+) => {
        $(impl Merge for $ty {
            fn merge_from(&mut self, other: &Self) -> Result<()> {
                <$ty>::merge(self, other)
            }
        })+
    };
}

merge_via_inherent!(
    SkmTally,
    SpeedTally,
    CostTally,
    EmpathyTally,
    ComplaintTally,
    NpsTally,
    CsatTally,
    CesTally,
    Scorecard
);

impl Merge for Moments {
    fn merge_from(&mut self, other: &Self) -> Result<()> {
        Ok(self.merge(other)?)
    }
}

/// Tallies of one kind, one per key, filled in one pass and mergeable as a whole.
///
/// The key is whatever the caller groups by; a tuple groups by a combination.
///
/// ```
/// use layanan::{Calendar, Granularity, Grouped, Interaction, NpsTally, Timestamp};
///
/// let visits = [
///     ("kel-a", "2025-03-31T10:00:00+07:00", 10),
///     ("kel-a", "2025-04-01T10:00:00+07:00", 3),
///     ("kel-b", "2025-03-15T10:00:00+07:00", 9),
/// ];
/// let calendar = Calendar::wib();
/// // NPS per (unit, triwulan).
/// let mut nps = Grouped::new(NpsTally::default());
/// for (unit, at, score) in visits {
///     let at: Timestamp = at.parse()?;
///     let quarter = calendar.period(at, Granularity::Triwulan)?;
///     nps.group_mut((unit.to_string(), quarter)).push_score(score)?;
/// }
/// assert_eq!(nps.len(), 3);
/// let q1 = calendar.period("2025-03-31T10:00:00+07:00".parse()?, Granularity::Triwulan)?;
/// assert_eq!(nps.get(&("kel-a".to_string(), q1)).map(|t| t.counts()[10]), Some(1));
/// # Ok::<(), layanan::Error>(())
/// ```
///
/// With `serde`, the groups are written as a list of `[key, tally]` pairs, so any key works
/// in JSON too (a map's keys would have to be strings), and a key given twice is refused.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(bound(
        serialize = "K: serde::Serialize, T: serde::Serialize",
        deserialize = "K: serde::Deserialize<'de>, T: serde::Deserialize<'de>"
    ))
)]
pub struct Grouped<K: Ord, T> {
    empty: T,
    #[cfg_attr(feature = "serde", serde(with = "pairs"))]
    groups: BTreeMap<K, T>,
}

/// A map written as a list of `[key, value]` pairs.
#[cfg(feature = "serde")]
mod pairs {
    use std::collections::BTreeMap;

    use serde::de::{Deserialize, Deserializer, Error};
    use serde::ser::{Serialize, Serializer};

    pub(super) fn serialize<K, T, S>(map: &BTreeMap<K, T>, serializer: S) -> Result<S::Ok, S::Error>
    where
        K: Serialize,
        T: Serialize,
        S: Serializer,
    {
        serializer.collect_seq(map.iter())
    }

    pub(super) fn deserialize<'de, K, T, D>(deserializer: D) -> Result<BTreeMap<K, T>, D::Error>
    where
        K: Deserialize<'de> + Ord,
        T: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        let pairs = Vec::<(K, T)>::deserialize(deserializer)?;
        let count = pairs.len();
        let map: BTreeMap<K, T> = pairs.into_iter().collect();
        if map.len() == count {
            Ok(map)
        } else {
            Err(D::Error::custom(
                "inconsistent grouped tally: a key is given more than once",
            ))
        }
    }
}

impl<K: Ord, T: Clone> Grouped<K, T> {
    /// No groups yet; each new group starts as a copy of `empty`.
    pub fn new(empty: T) -> Self {
        Self {
            empty,
            groups: BTreeMap::new(),
        }
    }

    /// The tally of `key`, created empty on first use.
    pub fn group_mut(&mut self, key: K) -> &mut T {
        let empty = &self.empty;
        self.groups.entry(key).or_insert_with(|| empty.clone())
    }

    /// The tally of `key`, if any record had it.
    pub fn get(&self, key: &K) -> Option<&T> {
        self.groups.get(key)
    }

    /// Groups in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &T)> {
        self.groups.iter()
    }

    /// The number of groups.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether no record was grouped yet.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The groups, consumed.
    pub fn into_map(self) -> BTreeMap<K, T> {
        self.groups
    }
}

impl<K: Ord + Clone, T: Clone + Merge> Grouped<K, T> {
    /// Merges `other` group by group (groups only `other` has are copied).
    ///
    /// # Errors
    /// The first error of a group's merge, or of merging the empty tallies (different
    /// settings, such as another instrument). `self` is then unchanged.
    pub fn merge(&mut self, other: &Grouped<K, T>) -> Result<()> {
        // Merging the empty tallies fails exactly when their settings differ, even when the
        // groups share no key.
        self.empty.clone().merge_from(&other.empty)?;
        // Merge into copies first, so that an error leaves `self` as it was.
        let mut merged = Vec::with_capacity(other.groups.len());
        for (key, theirs) in &other.groups {
            let mut group = self.groups.get(key).unwrap_or(&self.empty).clone();
            group.merge_from(theirs)?;
            merged.push((key.clone(), group));
        }
        self.groups.extend(merged);
        Ok(())
    }

    /// All groups merged into one tally.
    ///
    /// # Errors
    /// The first error of a merge.
    pub fn total(&self) -> Result<T> {
        let mut total = self.empty.clone();
        for tally in self.groups.values() {
            total.merge_from(tally)?;
        }
        Ok(total)
    }
}
