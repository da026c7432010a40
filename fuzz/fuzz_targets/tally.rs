//! Arbitrary records through the public validating constructors into every tally.
//!
//! Timestamps are raw milliseconds (durations raw seconds after them), answers, ratings and
//! scores raw integers, money raw `u64`/`i64`, scales raw `u8`s, report options raw numbers: the
//! constructors may refuse them (a typed error), and what they accept is pushed into
//! `SkmTally`, a `Grouped` SKM tally by unit and month, `SpeedTally`, `CostTally`,
//! `EmpathyTally`, `PromiseTally`, `NpsTally`, `Scorecard`, `Breakdown<Scorecard>`,
//! `ComplaintTally`, `CsatTally` and `CesTally`. What must hold:
//! - a push that fails leaves the tally as it was;
//! - a report is `Ok` or a typed `Err`, and an `Ok` report is in range (`layanan_fuzz`);
//! - the tally of the first records merged with the tally of the rest is the tally of the
//!   whole (exactly, except for floating moments) and gives the same report as of the same
//!   instant: counts exactly, floating values within 1e-9 relative (sums in another order);
//! - comparisons of the units and of the months are `Ok` or a typed `Err`, and in range.

#![no_main]

use std::fmt::Debug;

use arbitrary::Arbitrary;
use layanan::prelude::*;
use layanan::{
    Breakdown, ByPeriod, ByUnit, CesTally, CompareOptions, Compatibility, Complaint,
    ComplaintOptions, ComplaintTally, ComplaintTargets, Completion, CostOptions, CostTally,
    CsatTally, Date, Element, EmpathyOptions, EmpathyTally, Gender, GradeBands, Granularity,
    GroupTally, Grouped, Instrument, Interaction, Level, LevelOptions, Money, NpsTally,
    NrrRounding, Promise, PromiseOptions, PromiseTally, PromiseTargets, RatingScale, Respondent,
    Scorecard, ScorecardOptions, ServiceStandard, SkmAnswers, SkmOptions, SkmResponse, SkmTally,
    SpeedOptions, SpeedTally, Standards, Tariff, TimeSpan, Timestamp, Weekday, Weight,
    compare_groups, compare_periods, stats::QuantileType,
};
use layanan_fuzz::{
    assert_close, check_breakdown, check_ces, check_comparison, check_complaints, check_cost,
    check_csat, check_empathy, check_grouped, check_nps, check_periods, check_promises,
    check_scorecard, check_scorecard_agree, check_skm, check_speed,
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
enum RawTariff {
    Fixed(u64),
    Assessed(Option<u64>),
}

#[derive(Arbitrary, Debug)]
struct RawStandard {
    service: u8,
    tariff: RawTariff,
    completion: Option<RawCompletion>,
    max_wait_ms: Option<u64>,
}

/// A rating on the tally's scale (`None`), or on a scale of its own.
#[derive(Arbitrary, Debug)]
struct RawRating {
    scale: Option<(u8, u8)>,
    value: i16,
}

#[derive(Arbitrary, Debug)]
struct RawAnswers {
    /// Answers to another instrument than the tallies'.
    other_instrument: bool,
    values: Vec<Option<i8>>,
}

#[derive(Arbitrary, Debug)]
struct RawVisit {
    service: u8,
    unit: u8,
    channel: Option<u8>,
    arrived: i64,
    /// Seconds after arrival (before it is refused).
    started: Option<i32>,
    /// Seconds after the start, or the arrival.
    finished: Option<i32>,
    fee: Option<u64>,
    /// Signed, through `Money::try_from_i64`.
    paid: Option<i64>,
    answers: Option<RawAnswers>,
    empathy: Option<RawRating>,
    recommend: Option<i8>,
}

#[derive(Arbitrary, Debug)]
struct RawComplaint {
    unit: u8,
    service: Option<u8>,
    category: Option<u8>,
    filed: i64,
    /// Seconds after filing.
    response: Option<i32>,
    resolved: Option<i32>,
}

#[derive(Arbitrary, Debug)]
struct RawResponse {
    answers: Vec<Option<i8>>,
    unit: Option<u8>,
    service: Option<u8>,
    submitted: Option<i64>,
    female: Option<bool>,
    age: Option<i16>,
}

/// How an agency's printout computes its index.
#[derive(Arbitrary, Debug)]
struct RawPrinted {
    weight: Option<(u32, u32)>,
    nrr: (u8, u8),
    index: (u8, u8),
    grade_on_index: Option<u8>,
}

#[derive(Arbitrary, Debug)]
struct RawOptions {
    /// The confidence level in 65536ths.
    level: u16,
    /// Hyndman–Fan type 1–9.
    quantile: u8,
    /// Open cases judged this many milliseconds after the latest time in the data.
    later_ms: Option<u32>,
    apdex_ms: Option<u64>,
    /// Promise targets in 255ths.
    targets: [u8; 3],
    population: Option<u64>,
    printed: Option<RawPrinted>,
    reweight: bool,
    min_n: u8,
}

#[derive(Arbitrary, Debug)]
struct Input {
    /// 2017's nine elements, 2004's fourteen, or three of them with raw weights.
    instrument: u8,
    weights: [u8; 3],
    bands_2004: bool,
    empathy_scale: (u8, u8),
    /// Calendar offset in minutes (validated), weekend days as bits, holidays as days since the
    /// epoch, and one unit on a calendar of its own.
    offset_minutes: i32,
    weekend: u8,
    holidays: Vec<i32>,
    unit_offset: Option<(u8, i32)>,
    standards: Vec<RawStandard>,
    visits: Vec<RawVisit>,
    servqual: Vec<(RawRating, RawRating)>,
    nps: Vec<i8>,
    responses: Vec<RawResponse>,
    targets: (RawCompletion, RawCompletion, Vec<(u8, RawCompletion)>),
    complaints: Vec<RawComplaint>,
    csat_scale: (u8, u8),
    csat: Vec<RawRating>,
    ces_scale: (u8, u8),
    ces: Vec<RawRating>,
    options: RawOptions,
    /// Where the records are split for the merge law (taken modulo their number + 1).
    split: u16,
}

/// A tally under test: pushed the same records whole and in two halves.
struct Law<T> {
    whole: T,
    first: T,
    second: T,
    /// Whether the merged halves equal the whole exactly (no floating moments).
    exact: bool,
}

impl<T> Law<T>
where
    T: Tally + Clone + PartialEq + Debug,
    T::Report: Serialize + Debug,
{
    fn new(empty: T, exact: bool) -> Self {
        Self {
            whole: empty.clone(),
            first: empty.clone(),
            second: empty,
            exact,
        }
    }

    /// Pushes one record into the whole and into its half; a failed push must leave the tally
    /// unchanged, and must fail in both (the records are few, so no count can overflow).
    fn push_with(&mut self, in_first: bool, mut push: impl FnMut(&mut T) -> layanan::Result<()>) {
        let half = if in_first {
            &mut self.first
        } else {
            &mut self.second
        };
        let whole = apply(&mut self.whole, &mut push);
        let part = apply(half, &mut push);
        assert_eq!(whole.is_ok(), part.is_ok(), "{whole:?} vs {part:?}");
    }

    fn push(&mut self, in_first: bool, record: &T::Record) {
        self.push_with(in_first, |t| t.push(record));
    }

    /// Merges the halves and reports them and the whole as of the same instant (the latest
    /// time in the whole's data, or `later_ms` after it): the whole's report is checked, and the
    /// merged report must be the same.
    fn check(&self, base: &T::Options, later_ms: Option<u32>, check: impl Fn(&T::Report)) {
        let options = match (self.whole.latest(), later_ms) {
            (Some(latest), Some(ms)) => T::options_as_of(
                base,
                Timestamp::from_unix_millis(latest.unix_millis().saturating_add(ms.into())),
            ),
            _ => self.whole.settled_options(base),
        };
        let whole = self.whole.report_with(&options);
        if let Ok(r) = &whole {
            check(r);
        }
        let mut merged = self.first.clone();
        merged
            .merge(&self.second)
            .expect("halves of one tally merge");
        if self.exact {
            assert_eq!(merged, self.whole, "merged halves differ from the whole");
        }
        let merged = merged.report_with(&options);
        match (&whole, &merged) {
            (Ok(a), Ok(b)) => assert_close("report", a, b, 1e-9),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            _ => panic!("whole {whole:?} but merged {merged:?}"),
        }
    }
}

fn apply<T: Clone + PartialEq + Debug>(
    tally: &mut T,
    push: &mut impl FnMut(&mut T) -> layanan::Result<()>,
) -> layanan::Result<()> {
    let before = tally.clone();
    let result = push(tally);
    if result.is_err() {
        assert_eq!(*tally, before, "a failed push changed the tally");
    }
    result
}

/// Which half record `i` of `n` goes to.
fn first_half(split: u16, i: usize, n: usize) -> bool {
    i < usize::from(split) % (n + 1)
}

/// `ms`, then `seconds` later.
fn after(ms: i64, seconds: i32) -> Option<Timestamp> {
    ms.checked_add(i64::from(seconds) * 1000)
        .map(Timestamp::from_unix_millis)
}

fn instrument(input: &Input) -> Instrument {
    match input.instrument % 3 {
        0 => Instrument::permenpanrb_14_2017(),
        1 => Instrument::kepmenpan_25_2004(),
        _ => {
            let element = |key: &str| Element::new(key, key, key).expect("a valid element");
            let mini = Instrument::new(
                "mini",
                vec![element("waktu"), element("perilaku"), element("pengaduan")],
            )
            .expect("a valid instrument");
            let [a, b, c] = input.weights.map(u32::from);
            let total = a + b + c;
            let weights = |w: u32| Weight::new(w, total);
            let mini = match (weights(a), weights(b), weights(c)) {
                (Ok(a), Ok(b), Ok(c)) => mini
                    .clone()
                    .with_weights(&[("waktu", a), ("perilaku", b), ("pengaduan", c)])
                    .unwrap_or(mini),
                _ => mini,
            };
            if input.bands_2004 {
                mini.clone()
                    .with_bands(GradeBands::KEPMENPAN_25_2004)
                    .unwrap_or(mini)
            } else {
                mini
            }
        }
    }
}

/// Another instrument than `ours`, for answers the tallies must refuse.
fn other(ours: &Instrument) -> Instrument {
    if ours.len() == 14 {
        Instrument::permenpanrb_14_2017()
    } else {
        Instrument::kepmenpan_25_2004()
    }
}

fn answers(instrument: &Instrument, raw: &[Option<i8>]) -> Option<SkmAnswers> {
    let values: Vec<Option<i64>> = raw.iter().map(|v| v.map(i64::from)).collect();
    SkmAnswers::from_values(instrument, &values).ok()
}

fn rating(raw: &RawRating, scale: RatingScale) -> Option<layanan::Rating> {
    let scale = match raw.scale {
        Some((min, max)) => RatingScale::new(min, max).ok()?,
        None => scale,
    };
    scale.rating(raw.value.into()).ok()
}

fn visit(raw: &RawVisit, instrument: &Instrument, scale: RatingScale) -> Option<Interaction> {
    let mut b = Interaction::builder(
        name(raw.service),
        name(raw.unit),
        Timestamp::from_unix_millis(raw.arrived),
    );
    if let Some(c) = raw.channel {
        b = b.channel(name(c));
    }
    let mut start = raw.arrived;
    if let Some(s) = raw.started {
        let at = after(raw.arrived, s)?;
        start = at.unix_millis();
        b = b.started_at(at);
    }
    if let Some(f) = raw.finished {
        b = b.finished_at(after(start, f)?);
    }
    if let Some(fee) = raw.fee {
        b = b.official_fee(Money::new(fee));
    }
    if let Some(paid) = raw.paid {
        b = b.paid(Money::try_from_i64("paid", paid).ok()?);
    }
    if let Some(a) = &raw.answers {
        let answers = if a.other_instrument {
            answers(&other(instrument), &a.values)
        } else {
            answers(instrument, &a.values)
        };
        b = b.skm(answers?);
    }
    if let Some(r) = &raw.empathy {
        b = b.empathy(rating(r, scale)?);
    }
    if let Some(score) = raw.recommend {
        b = b.recommend(score.into());
    }
    b.build().ok()
}

fn complaint(raw: &RawComplaint) -> Option<Complaint> {
    let mut c = Complaint::filed(name(raw.unit), Timestamp::from_unix_millis(raw.filed)).ok()?;
    if let Some(s) = raw.service {
        c = c.about_service(name(s)).ok()?;
    }
    if let Some(k) = raw.category {
        c = c.in_category(name(k)).ok()?;
    }
    if let Some(s) = raw.response {
        c = c.first_response_at(after(raw.filed, s)?).ok()?;
    }
    if let Some(s) = raw.resolved {
        c = c.resolved_at(after(raw.filed, s)?).ok()?;
    }
    Some(c)
}

fn response(raw: &RawResponse, instrument: &Instrument) -> Option<SkmResponse> {
    let mut respondent = Respondent::default();
    if let Some(female) = raw.female {
        respondent = respondent.with_gender(if female {
            Gender::Perempuan
        } else {
            Gender::LakiLaki
        });
    }
    if let Some(age) = raw.age {
        respondent = respondent.with_age(age.into()).ok()?;
    }
    let mut r = SkmResponse::new(answers(instrument, &raw.answers)?).with_respondent(respondent);
    if let Some(u) = raw.unit {
        r = r.with_unit(name(u)).ok()?;
    }
    if let Some(s) = raw.service {
        r = r.with_service(name(s)).ok()?;
    }
    if let Some(at) = raw.submitted {
        r = r.with_submitted_at(Timestamp::from_unix_millis(at));
    }
    Some(r)
}

fn rounding((kind, decimals): (u8, u8)) -> NrrRounding {
    match kind % 3 {
        0 => NrrRounding::Exact,
        1 => NrrRounding::Round(decimals),
        _ => NrrRounding::Truncate(decimals),
    }
}

/// Every report's options, from the raw ones.
struct Options {
    level: Level,
    later_ms: Option<u32>,
    skm: SkmOptions,
    speed: SpeedOptions,
    promises: PromiseOptions,
    card: ScorecardOptions,
    compare: CompareOptions,
}

fn options(raw: &RawOptions) -> Options {
    let level = Level::new(f64::from(raw.level) / 65536.0).unwrap_or_default();
    let quantile = QuantileType::from_number(raw.quantile).unwrap_or_default();
    let mut targets = PromiseTargets::default();
    for (promise, t) in Promise::ALL.into_iter().zip(raw.targets) {
        targets = targets
            .with(promise, f64::from(t) / 255.0)
            .expect("0–1 is a target");
    }
    let mut skm = SkmOptions::default().with_level(level);
    if let Some(population) = raw.population {
        skm = skm.with_population(population);
    }
    if let Some(p) = &raw.printed {
        let mut c = match p.weight.map(|(n, d)| Weight::new(n, d)) {
            Some(Ok(w)) => Compatibility::printed_weight(w),
            _ => Compatibility::default(),
        };
        c = c.with_nrr(rounding(p.nrr)).with_index(rounding(p.index));
        if let Some(decimals) = p.grade_on_index {
            c = c.grade_on_index(decimals);
        }
        skm = skm.with_printed(c);
    }
    if raw.reweight {
        skm = skm.with_reweighting();
    }
    let mut speed = SpeedOptions::default().level(level).quantile_type(quantile);
    let mut card = ScorecardOptions::default()
        .level(level)
        .quantile_type(quantile)
        .targets(targets);
    if let Some(ms) = raw.apdex_ms {
        speed = speed.apdex_threshold(TimeSpan::from_millis(ms));
        card = card.apdex_threshold(TimeSpan::from_millis(ms));
    }
    Options {
        level,
        later_ms: raw.later_ms,
        skm,
        speed,
        promises: PromiseOptions::default().level(level).targets(targets),
        card,
        compare: CompareOptions::default()
            .with_level(level)
            .with_min_n(raw.min_n.into()),
    }
}

fn standards(input: &Input) -> Standards {
    let calendar = layanan::Calendar::new(input.offset_minutes)
        .unwrap_or_default()
        .with_holidays(
            input
                .holidays
                .iter()
                .filter_map(|&d| Date::from_days_since_epoch(d.into())),
        );
    let weekend = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ]
    .into_iter()
    .enumerate()
    .filter(|(i, _)| input.weekend & (1 << i) != 0)
    .map(|(_, day)| day);
    let calendar = calendar.clone().with_weekend(weekend).unwrap_or(calendar);
    let mut standards = Standards::new().with_calendar(calendar);
    if let Some((unit, offset)) = input.unit_offset
        && let Ok(own) = layanan::Calendar::new(offset)
    {
        standards = standards.with_unit_calendar(name(unit), own);
    }
    for s in &input.standards {
        let tariff = match s.tariff {
            RawTariff::Fixed(units) => Tariff::Fixed(Money::new(units)),
            RawTariff::Assessed(ceiling) => Tariff::Assessed {
                ceiling: ceiling.map(Money::new),
            },
        };
        if let Ok(mut standard) = ServiceStandard::new(name(s.service), tariff) {
            if let Some(c) = &s.completion {
                standard = standard.with_completion(c.get());
            }
            if let Some(w) = s.max_wait_ms {
                standard = standard.with_max_wait(TimeSpan::from_millis(w));
            }
            standards.insert(standard);
        }
    }
    standards
}

fuzz_target!(|input: Input| {
    let instrument = instrument(&input);
    let standards = standards(&input);
    let calendar = standards.calendar().clone();
    let scale = RatingScale::new(input.empathy_scale.0, input.empathy_scale.1)
        .unwrap_or(RatingScale::FIVE_POINT);
    let o = options(&input.options);
    let level = LevelOptions::default().level(o.level);
    let later = o.later_ms;
    let split = input.split;

    // Visits: speed, cost, empathy, promises, NPS, the scorecard and its breakdown.
    let visits: Vec<Interaction> = input
        .visits
        .iter()
        .filter_map(|v| visit(v, &instrument, scale))
        .collect();
    let n = visits.len();
    let mut speed = Law::new(SpeedTally::new(standards.clone()), true);
    let mut cost = Law::new(CostTally::new(standards.clone()), true);
    let mut empathy = Law::new(EmpathyTally::new(scale, instrument.clone()), false);
    let mut promises = Law::new(PromiseTally::new(standards.clone()), true);
    let mut nps = Law::new(NpsTally::default(), true);
    let card = Scorecard::with_settings(standards.clone(), instrument.clone(), scale);
    let mut breakdown = Law::new(Breakdown::new(card.clone()), true);
    let mut card = Law::new(card, true);
    for (i, v) in visits.iter().enumerate() {
        let f = first_half(split, i, n);
        speed.push(f, v);
        cost.push(f, v);
        empathy.push(f, v);
        promises.push(f, v);
        nps.push(f, v);
        card.push(f, v);
        breakdown.push(f, v);
    }
    let n = input.servqual.len();
    for (i, (p, e)) in input.servqual.iter().enumerate() {
        if let (Some(p), Some(e)) = (rating(p, scale), rating(e, scale)) {
            empathy.push_with(first_half(split, i, n), |t| t.push_servqual(p, e));
        }
    }
    let n = input.nps.len();
    for (i, &s) in input.nps.iter().enumerate() {
        nps.push_with(first_half(split, i, n), |t| t.push_score(s.into()));
    }
    speed.check(&o.speed, later, check_speed);
    cost.check(&CostOptions::default().level(o.level), later, check_cost);
    empathy.check(
        &EmpathyOptions::default().level(o.level),
        later,
        check_empathy,
    );
    promises.check(&o.promises, later, check_promises);
    nps.check(&level, later, check_nps);
    card.check(&o.card, later, |r| {
        check_scorecard(r);
        check_scorecard_agree(r);
    });
    breakdown.check(&o.card, later, |r| {
        check_breakdown(
            r,
            |r| {
                check_scorecard(r);
                check_scorecard_agree(r);
            },
            |r| r.visits,
        )
    });

    // The units compared on the share of visits on time.
    if let Ok(units) = breakdown.whole.by_unit() {
        let on_time = units.iter().filter_map(|(unit, card)| {
            let share = card.report().ok()?.speed?.on_time_share?;
            Some((unit.clone(), GroupTally::rate(share.count, share.of)))
        });
        if let Ok(c) = compare_groups(on_time, o.compare) {
            check_comparison(&c);
        }
    }

    // SKM questionnaires, alone and by unit and month.
    let mut skm = Law::new(SkmTally::new(instrument.clone()), true);
    let by = (ByUnit, ByPeriod::new(calendar.clone(), Granularity::Month));
    let mut grouped = Law::new(Grouped::new(by, SkmTally::new(instrument.clone())), true);
    let n = input.responses.len();
    for (i, raw) in input.responses.iter().enumerate() {
        if let Some(r) = response(raw, &instrument) {
            let f = first_half(split, i, n);
            skm.push(f, &r);
            grouped.push(f, &r);
        }
    }
    skm.check(&o.skm, later, check_skm);
    grouped.check(&o.skm, later, |r| check_grouped(r, check_skm));
    // The months compared on the IKM.
    if let Ok(months) = grouped.whole.roll_up(|(_, month)| *month) {
        let ikm = months
            .into_iter()
            .map(|(month, tally)| (month.to_string(), GroupTally::ikm(tally)));
        if let Ok(c) = compare_periods(ikm, o.level) {
            check_periods(&c);
        }
    }

    // Complaints against targets on the calendar, some per category.
    let (first_response, resolution, categories) = &input.targets;
    let mut targets = ComplaintTargets::default()
        .with_first_response(first_response.get())
        .with_resolution(resolution.get());
    for (category, target) in categories {
        if let Ok(t) = targets.clone().with_category(name(*category), target.get()) {
            targets = t;
        }
    }
    let mut complaints = Law::new(ComplaintTally::new(targets, calendar), true);
    let n = input.complaints.len();
    for (i, c) in input.complaints.iter().enumerate() {
        if let Some(c) = complaint(c) {
            complaints.push(first_half(split, i, n), &c);
        }
    }
    complaints.check(
        &ComplaintOptions::default().level(o.level),
        later,
        check_complaints,
    );

    // Bare ratings: CSAT and CES, each on a scale of its own.
    let scale_or_five = |(min, max)| RatingScale::new(min, max).unwrap_or(RatingScale::FIVE_POINT);
    let csat_scale = scale_or_five(input.csat_scale);
    let mut csat = Law::new(CsatTally::new(csat_scale), true);
    let n = input.csat.len();
    for (i, r) in input.csat.iter().enumerate() {
        if let Some(r) = rating(r, csat_scale) {
            csat.push(first_half(split, i, n), &r);
        }
    }
    csat.check(&level, later, check_csat);
    let ces_scale = scale_or_five(input.ces_scale);
    let mut ces = Law::new(CesTally::new(ces_scale), false);
    let n = input.ces.len();
    for (i, r) in input.ces.iter().enumerate() {
        if let Some(r) = rating(r, ces_scale) {
            ces.push(first_half(split, i, n), &r);
        }
    }
    ces.check(&level, later, check_ces);
});
