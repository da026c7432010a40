//! Arbitrary records through the public validating constructors into every tally.
//!
//! Timestamps are raw milliseconds, answers and scores raw `i64`, money raw `u64`/`i64`: the
//! constructors may refuse them (a typed error), and what they accept is pushed. What must hold:
//! - a push that fails leaves the tally as it was;
//! - a report is `Ok` or a typed `Err`, and an `Ok` report has every score finite and in range;
//! - the tally of the first records merged with the tally of the rest gives the report of the
//!   whole: counts exactly, floating values within 1e-9 relative (sums in another order).

#![no_main]

use arbitrary::Arbitrary;
use layanan::{
    Calendar, CesTally, Complaint, ComplaintTally, Completion, CostTally, CsatTally, Date,
    EmpathyTally, Instrument, Interaction, Money, NpsTally, RatingScale, Scorecard,
    ServiceStandard, SkmAnswers, SkmTally, SpeedTally, Standards, TimeSpan, Timestamp,
};
use layanan_fuzz::{
    assert_close, check_complaints, check_cost, check_empathy, check_interval, check_nps,
    check_scorecard, check_share, check_skm, check_speed,
};
use libfuzzer_sys::fuzz_target;
use serde::Serialize;

/// Few names, so that visits meet their standards; the blank one must be refused.
const NAMES: [&str; 5] = ["ktp", "izin", "pbg", " ", "kk"];

fn name(i: u8) -> &'static str {
    NAMES[usize::from(i) % NAMES.len()]
}

#[derive(Arbitrary, Debug)]
enum RawCompletion {
    Millis(u64),
    WorkingDays(u32),
}

impl RawCompletion {
    fn get(&self) -> Completion {
        match *self {
            RawCompletion::Millis(ms) => Completion::Within(TimeSpan::from_millis(ms)),
            RawCompletion::WorkingDays(d) => Completion::WorkingDays(d),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct RawStandard {
    service: u8,
    tariff: u64,
    completion: Option<RawCompletion>,
    max_wait_ms: Option<u64>,
}

#[derive(Arbitrary, Debug)]
struct RawRating {
    min: u8,
    max: u8,
    value: i64,
}

#[derive(Arbitrary, Debug)]
struct RawVisit {
    service: u8,
    unit: u8,
    arrived: i64,
    started: Option<i64>,
    finished: Option<i64>,
    fee: Option<u64>,
    /// Signed, through `Money::try_from_i64`.
    paid: Option<i64>,
    answers: Option<Vec<Option<i64>>>,
    empathy: Option<RawRating>,
    recommend: Option<i64>,
}

#[derive(Arbitrary, Debug)]
struct RawComplaint {
    unit: u8,
    service: Option<u8>,
    filed: i64,
    response: Option<i64>,
    resolved: Option<i64>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    /// The 2004 instrument (14 elements) rather than 2017's (9).
    instrument_2004: bool,
    /// Calendar offset in minutes (validated), and holidays as days since the epoch.
    offset_minutes: i32,
    holidays: Vec<i64>,
    standards: Vec<RawStandard>,
    visits: Vec<RawVisit>,
    complaint_target: RawCompletion,
    complaints: Vec<RawComplaint>,
    servqual: Vec<(RawRating, RawRating)>,
    skm_rows: Vec<Vec<Option<i64>>>,
    nps: Vec<i64>,
    csat: Vec<i64>,
    ces_scale: (u8, u8),
    ces: Vec<i64>,
    /// Where the records are split for the merge law (taken modulo their number + 1).
    split: u16,
}

/// A tally under test: pushed the same records whole and in two halves.
struct Law<T> {
    whole: T,
    first: T,
    second: T,
}

impl<T: Clone + PartialEq + std::fmt::Debug> Law<T> {
    fn new(empty: T) -> Self {
        Self {
            whole: empty.clone(),
            first: empty.clone(),
            second: empty,
        }
    }

    /// Pushes one record into the whole and into its half; a failed push must leave the tally
    /// unchanged, and must fail in both (the records are few, so no count can overflow).
    fn push<E: std::fmt::Debug>(
        &mut self,
        in_first: bool,
        mut push: impl FnMut(&mut T) -> Result<(), E>,
    ) {
        let half = if in_first {
            &mut self.first
        } else {
            &mut self.second
        };
        let whole = apply(&mut self.whole, &mut push);
        let part = apply(half, &mut push);
        assert_eq!(whole.is_ok(), part.is_ok(), "{whole:?} vs {part:?}");
    }

    /// Merges the halves, finishes both reports, checks the ok one and compares them.
    fn check<R: Serialize + std::fmt::Debug>(
        self,
        exact: bool,
        merge: impl Fn(&mut T, &T) -> layanan::Result<()>,
        report: impl Fn(&T) -> layanan::Result<R>,
        check: impl Fn(&R),
    ) {
        let whole = report(&self.whole);
        if let Ok(r) = &whole {
            check(r);
        }
        let mut merged = self.first.clone();
        merge(&mut merged, &self.second).expect("halves of one tally merge");
        if exact {
            assert_eq!(merged, self.whole, "merged halves differ from the whole");
        }
        let merged = report(&merged);
        match (&whole, &merged) {
            (Ok(a), Ok(b)) => assert_close("report", a, b, 1e-9),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            _ => panic!("whole {whole:?} but merged {merged:?}"),
        }
    }
}

fn apply<T: Clone + PartialEq + std::fmt::Debug, E>(
    tally: &mut T,
    push: &mut impl FnMut(&mut T) -> Result<(), E>,
) -> Result<(), E> {
    let before = tally.clone();
    let result = push(tally);
    if result.is_err() {
        assert_eq!(*tally, before, "a failed push changed the tally");
    }
    result
}

fn answers(instrument: &Instrument, raw: &[Option<i64>]) -> Option<SkmAnswers> {
    SkmAnswers::from_values(instrument, raw).ok()
}

fn visit(raw: &RawVisit, instrument: &Instrument) -> Option<Interaction> {
    let t = Timestamp::from_unix_millis;
    let mut b = Interaction::builder(name(raw.service), name(raw.unit), t(raw.arrived));
    if let Some(s) = raw.started {
        b = b.started_at(t(s));
    }
    if let Some(f) = raw.finished {
        b = b.finished_at(t(f));
    }
    if let Some(fee) = raw.fee {
        b = b.official_fee(Money::new(fee));
    }
    if let Some(paid) = raw.paid {
        b = b.paid(Money::try_from_i64("paid", paid).ok()?);
    }
    if let Some(a) = &raw.answers {
        b = b.skm(answers(instrument, a)?);
    }
    if let Some(r) = &raw.empathy {
        b = b.empathy(RatingScale::new(r.min, r.max).ok()?.rating(r.value).ok()?);
    }
    if let Some(score) = raw.recommend {
        b = b.recommend(score);
    }
    b.build().ok()
}

fn complaint(raw: &RawComplaint) -> Option<Complaint> {
    let t = Timestamp::from_unix_millis;
    let mut c = Complaint::filed(name(raw.unit), t(raw.filed)).ok()?;
    if let Some(s) = raw.service {
        c = c.about_service(name(s)).ok()?;
    }
    if let Some(at) = raw.response {
        c = c.first_response_at(t(at)).ok()?;
    }
    if let Some(at) = raw.resolved {
        c = c.resolved_at(t(at)).ok()?;
    }
    Some(c)
}

/// Which half record `i` of `n` goes to.
fn first_half(split: u16, i: usize, n: usize) -> bool {
    i < usize::from(split) % (n + 1)
}

fuzz_target!(|input: Input| {
    let instrument = if input.instrument_2004 {
        Instrument::kepmenpan_25_2004()
    } else {
        Instrument::permenpanrb_14_2017()
    };
    let calendar = Calendar::new(input.offset_minutes)
        .unwrap_or_else(|_| Calendar::wib())
        .with_holidays(
            input
                .holidays
                .iter()
                .filter_map(|&d| Date::from_days_since_epoch(d)),
        );
    let mut standards = Standards::new().with_calendar(calendar.clone());
    for s in &input.standards {
        if let Ok(mut standard) = ServiceStandard::new(name(s.service), Money::new(s.tariff)) {
            if let Some(c) = &s.completion {
                standard = standard.with_completion(c.get());
            }
            if let Some(w) = s.max_wait_ms {
                standard = standard.with_max_wait(TimeSpan::from_millis(w));
            }
            standards.insert(standard);
        }
    }

    // Visits: speed, cost, empathy, NPS, the scorecard.
    let visits: Vec<Interaction> = input
        .visits
        .iter()
        .filter_map(|v| visit(v, &instrument))
        .collect();
    let n = visits.len();
    let mut speed = Law::new(SpeedTally::new());
    let mut cost = Law::new(CostTally::new());
    let mut empathy = Law::new(EmpathyTally::new());
    let mut nps = Law::new(NpsTally::default());
    let mut card = Law::new(Scorecard::with_instrument(
        standards.clone(),
        instrument.clone(),
    ));
    for (i, v) in visits.iter().enumerate() {
        let f = first_half(input.split, i, n);
        speed.push(f, |t| t.push(v, &standards));
        cost.push(f, |t| t.push(v, &standards));
        empathy.push(f, |t| t.push(v));
        nps.push(f, |t| t.push(v));
        card.push(f, |t| t.push(v));
    }
    let n = input.servqual.len();
    for (i, (p, e)) in input.servqual.iter().enumerate() {
        let rating = |r: &RawRating| RatingScale::new(r.min, r.max).and_then(|s| s.rating(r.value));
        if let (Ok(p), Ok(e)) = (rating(p), rating(e)) {
            empathy.push(first_half(input.split, i, n), |t| t.push_servqual(p, e));
        }
    }
    speed.check(true, SpeedTally::merge, SpeedTally::report, check_speed);
    cost.check(true, CostTally::merge, CostTally::report, check_cost);
    empathy.check(
        false,
        EmpathyTally::merge,
        EmpathyTally::report,
        check_empathy,
    );
    card.check(false, Scorecard::merge, Scorecard::report, check_scorecard);

    // SKM questionnaires alone.
    let mut skm = Law::new(SkmTally::new(instrument.clone()));
    let n = input.skm_rows.len();
    for (i, row) in input.skm_rows.iter().enumerate() {
        if let Some(a) = answers(&instrument, row) {
            skm.push(first_half(input.split, i, n), |t| t.push_answers(&a));
        }
    }
    skm.check(true, SkmTally::merge, SkmTally::report, check_skm);

    // Complaints against a target on the calendar.
    let mut complaints = Law::new(ComplaintTally::new(input.complaint_target.get(), calendar));
    let n = input.complaints.len();
    for (i, c) in input.complaints.iter().enumerate() {
        if let Some(c) = complaint(c) {
            complaints.push(first_half(input.split, i, n), |t| t.push(&c));
        }
    }
    complaints.check(
        true,
        ComplaintTally::merge,
        ComplaintTally::report,
        check_complaints,
    );

    // Raw scores: NPS 0–10, CSAT 1–5, CES on an arbitrary scale.
    let n = input.nps.len();
    for (i, &s) in input.nps.iter().enumerate() {
        nps.push(first_half(input.split, i, n), |t| t.push_score(s));
    }
    nps.check(true, NpsTally::merge, NpsTally::report, check_nps);
    let mut csat = Law::new(CsatTally::default());
    let n = input.csat.len();
    for (i, &s) in input.csat.iter().enumerate() {
        csat.push(first_half(input.split, i, n), |t| t.push_rating(s));
    }
    csat.check(true, CsatTally::merge, CsatTally::report, |r| {
        check_share("CSAT", r)
    });
    if let Ok(scale) = RatingScale::new(input.ces_scale.0, input.ces_scale.1) {
        let mut ces = Law::new(CesTally::new(scale));
        let n = input.ces.len();
        for (i, &s) in input.ces.iter().enumerate() {
            ces.push(first_half(input.split, i, n), |t| t.push_rating(s));
        }
        let (lo, hi) = (f64::from(scale.min()), f64::from(scale.max()));
        ces.check(false, CesTally::merge, CesTally::report, |r| {
            check_interval("CES", r, None);
            assert!(
                (lo..=hi).contains(&r.estimate()),
                "CES {} outside {lo}..={hi}",
                r.estimate()
            );
        });
    }
});
