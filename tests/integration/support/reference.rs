//! The reference fixtures (`tests/fixtures/*_reference.json`): reading them, their groups of
//! cases and their fields, and the relative-tolerance comparison every fixture test uses.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

use layanan::Level;
use layanan::stats::{Alternative, Error};
use serde_json::Value;

/// The relative tolerance of the comparisons with a fixture.
pub(crate) const REL: f64 = 1e-10;

/// The floor of a relative comparison that a zero reference must meet exactly.
pub(crate) const TINY: f64 = f64::MIN_POSITIVE;

/// The fixtures' names of the three alternatives.
pub(crate) const ALTERNATIVES: [(&str, Alternative); 3] = [
    ("two-sided", Alternative::TwoSided),
    ("less", Alternative::Less),
    ("greater", Alternative::Greater),
];

/// The JSON of `tests/fixtures/{file}`, read once per test run.
pub(crate) fn fixture(file: &str) -> &'static Value {
    static READ: OnceLock<Mutex<HashMap<String, &'static Value>>> = OnceLock::new();
    let mut read = READ
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if let Some(json) = read.get(file) {
        return json;
    }
    let path = format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {file}: {e}"));
    let json: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file} is not JSON: {e}"));
    let json: &'static Value = Box::leak(Box::new(json));
    read.insert(file.to_owned(), json);
    json
}

/// The cases of group `name` of fixture `file` (an array; panics if there is none).
#[track_caller]
pub(crate) fn group(file: &str, name: &str) -> &'static [Value] {
    fixture(file)
        .get(name)
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("{file} has no group `{name}`"))
}

/// The number `key` of a case (panics if it is missing or not a number).
#[track_caller]
pub(crate) fn num(case: &Value, key: &str) -> f64 {
    case.get(key)
        .and_then(Value::as_f64)
        .unwrap_or_else(|| panic!("{case}: no number `{key}`"))
}

/// The array of numbers `key` of a case (panics if it is missing or holds a non-number).
#[track_caller]
pub(crate) fn nums(case: &Value, key: &str) -> Vec<f64> {
    case.get(key)
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("no array `{key}`"))
        .iter()
        .map(|v| v.as_f64().expect("a number"))
        .collect()
}

/// The array of counts `key` of a case (panics if it is missing or holds a non-count).
#[track_caller]
pub(crate) fn counts(case: &Value, key: &str) -> Vec<u64> {
    case.get(key)
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("no array `{key}`"))
        .iter()
        .map(|v| v.as_u64().expect("a count"))
        .collect()
}

/// Asserts `|got − want| ≤ rel·|want| + floor`, naming `what` when it fails (a NaN fails).
#[track_caller]
pub(crate) fn assert_rel(what: &str, got: f64, want: f64, rel: f64, floor: f64) {
    let tol = rel * want.abs() + floor;
    assert!(
        (got - want).abs() <= tol,
        "{what}: got {got:e}, want {want:e} (diff {:e} > {tol:e})",
        (got - want).abs()
    );
}

/// One case (or one sub-object of a case) of a group, named in every failure.
#[derive(Clone)]
pub(crate) struct Case {
    pub(crate) group: &'static str,
    pub(crate) name: String,
    pub(crate) json: &'static Value,
}

/// The named cases of `group` in fixture `file`, at least `at_least` of them.
#[track_caller]
pub(crate) fn cases(file: &str, group_name: &'static str, at_least: usize) -> Vec<Case> {
    let list = group(file, group_name);
    assert!(
        list.len() >= at_least,
        "{group_name}: {} cases, fewer than {at_least}",
        list.len()
    );
    list.iter()
        .map(|json| Case {
            group: group_name,
            name: json
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_else(|| panic!("{group_name}: a case without a name"))
                .to_owned(),
            json,
        })
        .collect()
}

/// Counts what a group test looked at, and checks at the end that it looked at everything.
pub(crate) struct Tally {
    group: &'static str,
    total: usize,
    at_least: usize,
    pub(crate) values: usize,
    pub(crate) errors: usize,
}

impl Tally {
    /// A tally of `cases` of `group`, of which at least `at_least` must be value cases.
    pub(crate) fn new(group: &'static str, cases: &[Case], at_least: usize) -> Self {
        Self {
            group,
            total: cases.len(),
            at_least,
            values: 0,
            errors: 0,
        }
    }

    /// Asserts that every case was checked, either for its values or as an expected error.
    #[track_caller]
    pub(crate) fn done(self) {
        assert_eq!(
            self.values + self.errors,
            self.total,
            "{}: {} value cases + {} error cases checked, but the group has {}",
            self.group,
            self.values,
            self.errors,
            self.total
        );
        assert!(
            self.values >= self.at_least,
            "{}: {} value cases checked, fewer than {}",
            self.group,
            self.values,
            self.at_least
        );
    }

    /// `got` unwrapped for a value case; for an `expected_error` case, asserts that `got` is
    /// an error and gives `None`. Counts the case either way.
    #[track_caller]
    pub(crate) fn outcome<T: std::fmt::Debug>(
        &mut self,
        case: &Case,
        field: &str,
        got: Result<T, Error>,
    ) -> Option<T> {
        if case.is_error() {
            case.err(field, got);
            self.errors += 1;
            None
        } else {
            self.values += 1;
            Some(case.ok(field, got))
        }
    }
}

impl Case {
    /// `group/name: field`, for failure messages.
    pub(crate) fn id(&self, field: &str) -> String {
        format!("{}/{}: {field}", self.group, self.name)
    }

    /// A sub-object (an interval entry, a zero method) as a case of its own.
    pub(crate) fn sub(&self, label: &str, json: &'static Value) -> Case {
        Case {
            group: self.group,
            name: format!("{} [{label}]", self.name),
            json,
        }
    }

    /// The value of `field` (panics if it is missing).
    #[track_caller]
    pub(crate) fn get(&self, field: &str) -> &'static Value {
        self.json
            .get(field)
            .unwrap_or_else(|| panic!("{}: missing", self.id(field)))
    }

    /// Whether the case is marked `expected_error`.
    pub(crate) fn is_error(&self) -> bool {
        self.json.get("expected_error").and_then(Value::as_bool) == Some(true)
    }

    /// A number, or `None` for `null`.
    #[track_caller]
    pub(crate) fn opt(&self, field: &str) -> Option<f64> {
        value_opt(&self.id(field), self.get(field))
    }

    /// A number that must not be `null`.
    #[track_caller]
    pub(crate) fn num(&self, field: &str) -> f64 {
        self.opt(field)
            .unwrap_or_else(|| panic!("{}: null", self.id(field)))
    }

    /// A non-negative integer.
    #[track_caller]
    pub(crate) fn count(&self, field: &str) -> u64 {
        let v = self.get(field);
        v.as_u64()
            .unwrap_or_else(|| panic!("{}: not a count: {v}", self.id(field)))
    }

    /// The counts `(x1, n1, x2, n2)` of a two-proportion case: successes and trials of each.
    #[track_caller]
    pub(crate) fn two_proportions(&self) -> (u64, u64, u64, u64) {
        (
            self.count("x1"),
            self.count("n1"),
            self.count("x2"),
            self.count("n2"),
        )
    }

    /// An array of numbers.
    #[track_caller]
    pub(crate) fn nums(&self, field: &str) -> Vec<f64> {
        numbers(&self.id(field), self.get(field))
    }

    /// A string.
    #[track_caller]
    pub(crate) fn str(&self, field: &str) -> &'static str {
        let v = self.get(field);
        v.as_str()
            .unwrap_or_else(|| panic!("{}: not a string: {v}", self.id(field)))
    }

    /// A confidence level.
    #[track_caller]
    pub(crate) fn level(&self, field: &str) -> Level {
        let p = self.num(field);
        Level::new(p).unwrap_or_else(|e| panic!("{}: {e}", self.id(field)))
    }

    /// The alternative named by the field `alternative`.
    #[track_caller]
    pub(crate) fn alternative(&self) -> Alternative {
        let key = self.str("alternative");
        ALTERNATIVES
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, a)| *a)
            .unwrap_or_else(|| panic!("{}: unknown alternative {key}", self.id("alternative")))
    }

    /// Unwraps a crate result that must succeed.
    #[track_caller]
    pub(crate) fn ok<T>(&self, field: &str, result: Result<T, Error>) -> T {
        result.unwrap_or_else(|e| panic!("{}: unexpected error: {e}", self.id(field)))
    }

    /// Asserts that a crate result is an error.
    #[track_caller]
    pub(crate) fn err<T: std::fmt::Debug>(&self, field: &str, result: Result<T, Error>) {
        if let Ok(v) = result {
            panic!("{}: expected an error, got {v:?}", self.id(field));
        }
    }

    /// `|got − want| ≤ 1e-10 · max(|want|, tiny)`.
    #[track_caller]
    pub(crate) fn close(&self, field: &str, got: f64, want: f64) {
        self.close_within(field, got, want, REL, TINY);
    }

    /// `|got − want| ≤ rel · max(|want|, floor)`, `got` finite.
    #[track_caller]
    pub(crate) fn close_within(&self, field: &str, got: f64, want: f64, rel: f64, floor: f64) {
        let bound = rel * want.abs().max(floor);
        assert!(
            got.is_finite() && (got - want).abs() <= bound,
            "{}: got {got:e}, want {want:e} (|diff| = {:e} > {bound:e})",
            self.id(field),
            (got - want).abs()
        );
    }

    /// Both `None`/`null`, or both present and [`close`](Self::close).
    #[track_caller]
    pub(crate) fn close_opt(&self, field: &str, got: Option<f64>, want: Option<f64>) {
        match (got, want) {
            (None, None) => {}
            (Some(a), Some(b)) => self.close(field, a, b),
            (got, want) => panic!("{}: got {got:?}, want {want:?}", self.id(field)),
        }
    }
}

/// A JSON number, or `None` for `null` (panics on anything else, naming `id`).
#[track_caller]
pub(crate) fn value_opt(id: &str, v: &Value) -> Option<f64> {
    match v {
        Value::Null => None,
        other => Some(
            other
                .as_f64()
                .unwrap_or_else(|| panic!("{id}: not a number: {other}")),
        ),
    }
}

/// A JSON array of numbers (panics on anything else, `null` included, naming `id`).
#[track_caller]
pub(crate) fn numbers(id: &str, v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap_or_else(|| panic!("{id}: not an array: {v}"))
        .iter()
        .map(|x| value_opt(id, x).unwrap_or_else(|| panic!("{id}: null in a numeric array")))
        .collect()
}
