//! Speed: waiting, service and turnaround times against the services' published standards.
//!
//! Hand-worked cases (arithmetic in the comments): distribution summaries with type-7 and
//! type-5 quantiles, the share on time against a minute standard and a working-day standard
//! (weekend, holiday of the standards' calendar, month end, and the three Indonesian time
//! zones), open visits late or pending at `as_of`, Apdex at its own threshold, the
//! waiting-target share, visits without a standard; JSON forms. The tally laws are in `laws`.

use layanan::prelude::*;
use layanan::stats::{ProportionMethod, QuantileType, proportion_interval};
use layanan::{
    Calendar, Completion, Date, Error, Interaction, Level, Money, ServiceStandard, SpeedOptions,
    SpeedTally, Standards, Summary, TimeSpan, Timestamp,
};

use crate::support::{assert_close, assert_wilson_share, at, ktp_el_standards, plus_minutes};

/// A visit arriving at `arrived` (local WIB, `YYYY-MM-DDTHH:MM`), waiting `wait` minutes and
/// served `service` minutes (unfinished when `None`).
fn counter(service_name: &str, arrived: &str, wait: u32, service: Option<u32>) -> Interaction {
    let arrived = at(&format!("{arrived}:00+07:00"));
    let started = plus_minutes(arrived, f64::from(wait));
    let mut b = Interaction::builder(service_name, "kel-sukamaju", arrived).started_at(started);
    if let Some(s) = service {
        b = b.finished_at(plus_minutes(started, f64::from(s)));
    }
    b.build().unwrap()
}

/// Seven visits:
///
/// | # | service | wait | service | turnaround | judged against 60 min |
/// |---|---|---|---|---|---|
/// | 1 | ktp-el | 10 | 20 | 30 | on time |
/// | 2 | ktp-el | 20 | 25 | 45 | on time |
/// | 3 | ktp-el | 35 | 25 | 60 | on time (exactly the standard) |
/// | 4 | ktp-el | 40 | 50 | 90 | late |
/// | 5 | ktp-el | 5 | 295 | 300 | late |
/// | 6 | legalisir | 15 | 15 | 30 | no standard: not judged |
/// | 7 | ktp-el | 50 | — | — | open, due 09:30: late as of the data's end (13:20) |
fn seven_visits() -> Vec<Interaction> {
    vec![
        counter("ktp-el", "2025-03-04T08:00", 10, Some(20)),
        counter("ktp-el", "2025-03-04T08:05", 20, Some(25)),
        counter("ktp-el", "2025-03-04T08:10", 35, Some(25)),
        counter("ktp-el", "2025-03-04T08:15", 40, Some(50)),
        counter("ktp-el", "2025-03-04T08:20", 5, Some(295)),
        counter("legalisir", "2025-03-04T08:25", 15, Some(15)),
        counter("ktp-el", "2025-03-04T08:30", 50, None),
    ]
}

fn tally_of<'a>(
    visits: impl IntoIterator<Item = &'a Interaction>,
    standards: &Standards,
) -> SpeedTally {
    let mut tally = SpeedTally::new(standards.clone());
    for v in visits {
        tally.push(v).unwrap();
    }
    tally
}

#[track_caller]
fn assert_summary(s: Summary, n: u64, mean: f64, sd: f64, q: [f64; 4]) {
    assert_eq!(s.n, n);
    assert_close(s.mean, mean, 1e-14);
    assert_close(s.sd.expect("n ≥ 2"), sd, 1e-14);
    let [median, p90, p95, max] = q;
    assert_close(s.median, median, 1e-14);
    assert_close(s.p90, p90, 1e-14);
    assert_close(s.p95, p95, 1e-14);
    assert_eq!(s.max, max);
}

/// Type 7 (`h = (n − 1)p`, 0-based, interpolated):
///
/// * wait, all 7 visits with a start: sorted 5 10 15 20 35 40 50; mean 175/7 = 25; squared
///   deviations 400 + 225 + 100 + 25 + 100 + 225 + 625 = 1700, sd = √(1700/6) = 16.8325082;
///   median h = 3 → 20; p90 h = 5.4 → 40 + 0.4·10 = 44; p95 h = 5.7 → 40 + 0.7·10 = 47; max 50.
/// * service, the 6 finished: sorted 15 20 25 25 50 295; mean 430/6 = 71.6667; Σx² = 91 400,
///   SS = 91 400 − 430²/6 = 60 583.33, sd = √(60 583.33/5) = 110.0757315; median h = 2.5 → 25;
///   p90 h = 4.5 → 50 + 0.5·245 = 172.5; p95 h = 4.75 → 50 + 0.75·245 = 233.75; max 295.
/// * turnaround: sorted 30 30 45 60 90 300; mean 555/6 = 92.5; SS = 2·62.5² + 47.5² + 32.5² +
///   2.5² + 207.5² = 54 187.5, sd = √10 837.5 = 104.1033141; median h = 2.5 → 45 + 0.5·15 =
///   52.5; p90 h = 4.5 → 90 + 0.5·210 = 195; p95 h = 4.75 → 90 + 0.75·210 = 247.5; max 300.
#[test]
fn summaries_by_hand_type_7() {
    let report = tally_of(&seven_visits(), &ktp_el_standards())
        .report()
        .unwrap();
    let wait = report.wait.unwrap();
    assert_summary(
        wait,
        7,
        25.0,
        (1700.0f64 / 6.0).sqrt(),
        [20.0, 44.0, 47.0, 50.0],
    );
    assert_close(wait.sd.unwrap(), 16.8325082, 1e-8);
    assert_eq!(wait.quantile_type, QuantileType::Linear);
    let service = report.service.unwrap();
    let ss = 91_400.0 - 430.0 * 430.0 / 6.0;
    assert_summary(
        service,
        6,
        430.0 / 6.0,
        (ss / 5.0f64).sqrt(),
        [25.0, 172.5, 233.75, 295.0],
    );
    assert_close(service.sd.unwrap(), 110.0757315, 1e-8);
    let turnaround = report.turnaround.unwrap();
    assert_summary(
        turnaround,
        6,
        92.5,
        (54_187.5f64 / 5.0).sqrt(),
        [52.5, 195.0, 247.5, 300.0],
    );
    assert_close(turnaround.sd.unwrap(), 104.1033141, 1e-8);
    assert_eq!(report.working_days, None, "no working-day service");
}

/// Type 5 (Hazen, `h = np + 1/2`, 1-based, clamped to the ends):
///
/// * wait (n = 7): median h = 4 → 20; p90 h = 6.8 → 40 + 0.8·10 = 48; p95 h = 7.15 ≥ 7 → 50.
/// * service (n = 6): median h = 3.5 → 25; p90 h = 5.9 → 50 + 0.9·245 = 270.5; p95 h = 6.2 → 295.
/// * turnaround: median h = 3.5 → 45 + 0.5·15 = 52.5; p90 h = 5.9 → 90 + 0.9·210 = 279;
///   p95 → 300.
///
/// Means and standard deviations do not depend on the quantile type.
#[test]
fn summaries_by_hand_type_5() {
    let options = SpeedOptions::default().quantile_type(QuantileType::Hazen);
    let tally = tally_of(&seven_visits(), &ktp_el_standards());
    let report = tally.report_with(&options).unwrap();
    let default = tally.report().unwrap();
    let wait = report.wait.unwrap();
    assert_summary(
        wait,
        7,
        25.0,
        default.wait.unwrap().sd.unwrap(),
        [20.0, 48.0, 50.0, 50.0],
    );
    assert_eq!(wait.quantile_type, QuantileType::Hazen);
    let service = report.service.unwrap();
    assert_summary(
        service,
        6,
        430.0 / 6.0,
        default.service.unwrap().sd.unwrap(),
        [25.0, 270.5, 295.0, 295.0],
    );
    let turnaround = report.turnaround.unwrap();
    assert_summary(
        turnaround,
        6,
        92.5,
        default.turnaround.unwrap().sd.unwrap(),
        [52.5, 279.0, 300.0, 300.0],
    );
    // The quantile type changes nothing else.
    assert_eq!(report.on_time_share, default.on_time_share);
    assert_eq!(report.coverage, default.coverage);
}

/// Judged as of the data's end (visit 5 finished at 13:20): the five finished ktp-el visits
/// (30, 45, 60 on time; 90, 300 late) and the open one, due at 09:30 and late: 3 of 6 on
/// time, Wilson's [18.76, 81.24] %.
#[test]
fn share_on_time_with_open_visits() {
    let tally = tally_of(&seven_visits(), &ktp_el_standards());
    let report = tally.report().unwrap();
    assert_eq!(report.as_of, at("2025-03-04T13:20:00+07:00"));
    assert_eq!(
        (report.visits, report.finished, report.unfinished),
        (7, 6, 1)
    );
    assert_eq!(report.no_standard, 1);
    assert_eq!(
        (report.on_time, report.late, report.late_unfinished),
        (3, 3, 1)
    );
    assert_eq!(report.pending, 0);
    let on_time = report.on_time_share.unwrap();
    assert_eq!((on_time.count, on_time.of), (3, 6));
    let wilson = proportion_interval(3, 6, Level::default(), ProportionMethod::Wilson).unwrap();
    assert_eq!(on_time.interval, wilson);
    assert_close(wilson.lower(), 0.187_616_306, 1e-8);
    assert_close(wilson.upper(), 0.812_383_694, 1e-8);
    assert_eq!((report.coverage.judged, report.coverage.of), (6, 7));
    assert_eq!(report.apdex, None, "Apdex only with its own threshold");

    // At 90 %, the interval is Wilson's at 90 %.
    let level = Level::new(0.9).unwrap();
    let report = tally
        .report_with(&SpeedOptions::default().level(level))
        .unwrap();
    assert_eq!(
        report.on_time_share.unwrap().interval,
        proportion_interval(3, 6, level, ProportionMethod::Wilson).unwrap()
    );
}

/// An open visit is pending until its deadline and late from the next millisecond.
#[test]
fn open_visits_are_pending_then_late() {
    let open = counter("ktp-el", "2025-03-04T08:30", 50, None); // due 09:30, started 09:20
    let tally = tally_of([&open], &ktp_el_standards());
    let at_due = tally
        .report_with(&SpeedOptions::default().as_of(at("2025-03-04T09:30:00+07:00")))
        .unwrap();
    assert_eq!(
        (at_due.pending, at_due.late, at_due.on_time_share),
        (1, 0, None)
    );
    assert_eq!(at_due.coverage.judged, 0);
    assert!(at_due.coverage.is_low());
    let after = Timestamp::from_unix_millis(at("2025-03-04T09:30:00+07:00").unix_millis() + 1);
    let late = tally
        .report_with(&SpeedOptions::default().as_of(after))
        .unwrap();
    assert_eq!((late.pending, late.late, late.late_unfinished), (0, 1, 1));
    assert_eq!(late.on_time_share.map(|s| (s.count, s.of)), Some((0, 1)));
    // The default as-of is the latest time in the data: its start at 09:20, before the due.
    assert_eq!(tally.report().unwrap().pending, 1);
}

/// A report as of an instant before the data ends would judge visits finished later as open:
/// refused, naming both instants.
#[test]
fn as_of_before_the_data_is_refused() {
    let tally = tally_of(&seven_visits(), &ktp_el_standards());
    let err = tally
        .report_with(&SpeedOptions::default().as_of(at("2025-03-04T09:00:00+07:00")))
        .unwrap_err();
    assert_eq!(
        err,
        Error::AsOfBeforeData {
            as_of: at("2025-03-04T09:00:00+07:00"),
            latest: at("2025-03-04T13:20:00+07:00"),
        }
    );
    assert_eq!(
        err.to_string(),
        "as_of 2025-03-04T02:00:00Z is before the latest time in the data, 2025-03-04T06:20:00Z"
    );
}

/// Apdex at its own threshold T = 20 minutes, on every turnaround timed in minutes (the six
/// finished visits: 30, 45, 60, 90, 300 and legalisir's 30): satisfied none, tolerating ≤ 80:
/// 30, 45, 60, 30 = 4, frustrated 2: (0 + 4/2)/6 = 1/3.
#[test]
fn apdex_at_its_own_threshold() {
    let report = tally_of(&seven_visits(), &ktp_el_standards())
        .report_with(&SpeedOptions::default().apdex_threshold(TimeSpan::from_minutes(20)))
        .unwrap();
    let apdex = report.apdex.unwrap();
    assert_eq!((apdex.satisfied, apdex.tolerating, apdex.n), (0, 4, 6));
    assert_close(apdex.score, 1.0 / 3.0, 1e-15);
}

/// Apdex's edges with T = 60 min: exactly 60 min is satisfied, 60 min + 1 ms tolerating,
/// exactly 240 min tolerating, 240 min + 1 ms frustrated. S = 1, T = 2, F = 1:
/// (1 + 2/2)/4 = 0.5; on time against the 60-minute standard: 1/4.
#[test]
fn apdex_edges() {
    let arrived = at("2025-03-04T08:00:00+07:00");
    let visits: Vec<Interaction> = [60.0, 60.0 + 1.0 / 60_000.0, 240.0, 240.0 + 1.0 / 60_000.0]
        .into_iter()
        .map(|minutes| {
            Interaction::builder("ktp-el", "kel-a", arrived)
                .finished_at(plus_minutes(arrived, minutes))
                .build()
                .unwrap()
        })
        .collect();
    let report = tally_of(&visits, &ktp_el_standards())
        .report_with(&SpeedOptions::default().apdex_threshold(TimeSpan::from_minutes(60)))
        .unwrap();
    let on_time = report.on_time_share.unwrap();
    assert_eq!((on_time.count, on_time.of), (1, 4));
    assert_eq!(report.apdex.map(|a| a.score), Some(0.5));
}

/// Waiting target 30 minutes, judged on every ktp-el visit that started (finished or not):
/// waits 10, 20, 35, 40, 5, 50 → within: 10, 20, 5 = 3 of 6. Legalisir's wait (15) has no
/// target and is not judged, though it is in the wait summary.
#[test]
fn waiting_target_share() {
    let report = tally_of(&seven_visits(), &ktp_el_standards())
        .report()
        .unwrap();
    let wait = report.within_wait_target.unwrap();
    assert_wilson_share(&wait, 3, 6);
    // A wait of exactly the target is within it.
    let exact = counter("ktp-el", "2025-03-04T09:00", 30, Some(10));
    let report = tally_of([&exact], &ktp_el_standards()).report().unwrap();
    assert_eq!(report.within_wait_target.unwrap().count, 1);
    // A finished visit without a recorded start has no known wait: not judged on it.
    let arrived = at("2025-03-04T09:00:00+07:00");
    let unstarted = Interaction::builder("ktp-el", "kel-a", arrived)
        .finished_at(plus_minutes(arrived, 10.0))
        .build()
        .unwrap();
    let report = tally_of([&unstarted], &ktp_el_standards())
        .report()
        .unwrap();
    assert_eq!(report.within_wait_target, None);
    assert_eq!(report.wait_pending, 0);
    assert_eq!(report.wait, None);
    assert_eq!(report.service, None);
    let one = report.turnaround.unwrap();
    assert_eq!((one.n, one.max, one.median, one.p95), (1, 10.0, 10.0, 10.0));
    assert_eq!(one.sd, None, "no standard deviation of one value");
    // A visit neither started nor finished waits still: pending until the target passes,
    // then late on its wait.
    let waiting = Interaction::builder("ktp-el", "kel-a", arrived)
        .build()
        .unwrap();
    let tally = tally_of([&waiting], &ktp_el_standards());
    assert_eq!(tally.report().unwrap().wait_pending, 1);
    let later = tally
        .report_with(&SpeedOptions::default().as_of(at("2025-03-04T10:00:00+07:00")))
        .unwrap();
    assert_eq!(later.wait_pending, 0);
    assert_eq!(
        later.within_wait_target.map(|s| (s.count, s.of)),
        Some((0, 1))
    );
}

/// Visits of a service without a published standard, or whose standard has no completion
/// time, are counted in `no_standard` and never judged: no share.
#[test]
fn visits_without_a_standard_are_never_judged() {
    let mut standards = ktp_el_standards();
    // Tariff and waiting target only, no completion time.
    standards.insert(
        ServiceStandard::new("legalisir", Money::new(10_000))
            .unwrap()
            .with_max_wait(TimeSpan::from_minutes(10)),
    );
    let visits = [
        counter("paspor", "2025-03-04T08:00", 5, Some(600)),
        counter("paspor", "2025-03-04T08:00", 5, Some(10)),
        counter("legalisir", "2025-03-04T08:00", 20, Some(10)),
        counter("paspor", "2025-03-04T08:00", 5, None),
    ];
    let report = tally_of(&visits, &standards).report().unwrap();
    assert_eq!(report.visits, 4);
    assert_eq!(report.no_standard, 4);
    assert_eq!(report.unfinished, 1);
    assert_eq!((report.pending, report.late), (0, 0));
    assert_eq!(report.on_time_share, None);
    assert_eq!(report.coverage.judged, 0);
    assert_eq!(report.working_days, None);
    // Their times are still summarised; legalisir's wait is judged against its target
    // (20 > 10).
    assert_eq!(report.turnaround.unwrap().n, 3);
    let wait = report.within_wait_target.unwrap();
    assert_eq!((wait.count, wait.of), (0, 1));

    // Mixed with judged visits, they do not change the share.
    let mut all: Vec<Interaction> = visits.to_vec();
    all.push(counter("ktp-el", "2025-03-04T08:00", 5, Some(10)));
    let report = tally_of(&all, &standards).report().unwrap();
    let on_time = report.on_time_share.unwrap();
    assert_eq!((on_time.count, on_time.of), (1, 1));
    assert_eq!((report.coverage.judged, report.coverage.of), (1, 5));
    assert!(report.coverage.is_low());
}

/// Unfinished visits are counted and their waits summarised; they have no service or
/// turnaround time, and are judged once past due.
#[test]
fn unfinished_visits() {
    let visits = [
        counter("ktp-el", "2025-03-04T08:00", 12, None),
        counter("ktp-el", "2025-03-04T08:00", 18, None),
    ];
    let report = tally_of(&visits, &ktp_el_standards()).report().unwrap();
    assert_eq!((report.visits, report.unfinished), (2, 2));
    let wait = report.wait.unwrap();
    assert_eq!((wait.n, wait.mean, wait.max), (2, 15.0, 18.0));
    assert_eq!(report.service, None);
    assert_eq!(report.turnaround, None);
    // As of their last start (08:18) both are pending.
    assert_eq!((report.pending, report.on_time_share), (2, None));
    // Their waits are judged against the target (both ≤ 30).
    assert_eq!(report.within_wait_target.unwrap().count, 2);
    // An unfinished visit that did not even start has no times at all.
    let only_arrived = Interaction::builder("ktp-el", "kel-a", at("2025-03-04T08:00:00+07:00"))
        .build()
        .unwrap();
    let report = tally_of([&only_arrived], &ktp_el_standards())
        .report()
        .unwrap();
    assert_eq!((report.visits, report.unfinished), (1, 1));
    assert_eq!(report.wait, None);
    assert_eq!(report.within_wait_target, None);
    assert_eq!(report.wait_pending, 1);
}

/// A permit (`izin`, 2 working days) on a WIB calendar with Idul Fitri 2025 (Monday 31 March,
/// Tuesday 1 April) as holidays. Working days are counted after the arrival's local date up to
/// and including the finish's.
///
/// | arrived | finished | working days |
/// |---|---|---|
/// | Fri 7 Mar 10:00 | Mon 10 Mar 14:00 | weekend skipped: Mon = 1 → within |
/// | Fri 28 Mar 10:00 | Wed 2 Apr 10:00 | Mon, Tue holidays: Wed = 1 → within |
/// | Thu 30 Jan 09:00 | Tue 4 Feb 15:00 | month end: Fri 31, Mon 3, Tue 4 = 3 → late |
/// | Mon 3 Mar 09:00 | Mon 3 Mar 15:00 | same day = 0 → within |
/// | Mon 3 Mar 09:00 | Mon 17 Mar 09:00 | 4 + 5 + 1 = 10 → late |
///
/// On time 3/5. Working days 1 1 3 0 10: mean 3, squared deviations
/// 4 + 4 + 0 + 9 + 49 = 66, sd = √16.5; sorted 0 1 1 3 10: median 1, p90 h = 3.6 → 3 + 0.6·7 =
/// 7.2, p95 h = 3.8 → 3 + 0.8·7 = 8.6, max 10.
#[test]
fn working_day_standard_weekend_holiday_month_end() {
    let holidays = [
        Date::new(2025, 3, 31).unwrap(),
        Date::new(2025, 4, 1).unwrap(),
    ];
    let permit = ServiceStandard::new("izin", Money::ZERO)
        .unwrap()
        .with_completion(Completion::WorkingDays(2));
    let standards = Standards::from(vec![permit.clone()])
        .with_calendar(Calendar::wib().with_holidays(holidays));
    let visit = |from: &str, to: &str| {
        Interaction::builder("izin", "dpmptsp", at(&format!("{from}:00+07:00")))
            .finished_at(at(&format!("{to}:00+07:00")))
            .build()
            .unwrap()
    };
    let visits = [
        visit("2025-03-07T10:00", "2025-03-10T14:00"),
        visit("2025-03-28T10:00", "2025-04-02T10:00"),
        visit("2025-01-30T09:00", "2025-02-04T15:00"),
        visit("2025-03-03T09:00", "2025-03-03T15:00"),
        visit("2025-03-03T09:00", "2025-03-17T09:00"),
    ];
    let report = tally_of(&visits, &standards).report().unwrap();
    let on_time = report.on_time_share.unwrap();
    assert_eq!((on_time.count, on_time.of), (3, 5));
    assert_summary(
        report.working_days.unwrap(),
        5,
        3.0,
        16.5f64.sqrt(),
        [1.0, 7.2, 8.6, 10.0],
    );
    // Times of working-day services stay out of the minute summaries.
    assert_eq!(report.turnaround, None);
    assert_eq!(report.service, None);

    // Without the holidays, 28 March → 2 April is Mon, Tue, Wed = 3 working days: not within.
    let plain = Standards::from(vec![permit]);
    let report = tally_of(&visits, &plain).report().unwrap();
    assert_eq!(report.on_time_share.unwrap().count, 2);
    assert_close(report.working_days.unwrap().mean, 3.4, 1e-15); // (1 + 3 + 3 + 0 + 10)/5
}

/// The same two instants, counted in WIB (UTC+7), WITA (+8) and WIT (+9), against a standard of
/// 1 working day. Arrived Friday 7 March 03:00Z (10:00–12:00 local everywhere).
///
/// * finished 2025-03-10T16:30Z: Monday 23:30 WIB → 1; Tuesday 00:30 WITA → 2; Tuesday 01:30
///   WIT → 2.
/// * finished 2025-03-10T15:30Z: Monday 22:30 WIB → 1; Monday 23:30 WITA → 1; Tuesday 00:30
///   WIT → 2.
///
/// Within: WIB 2/2, WITA 1/2, WIT 0/2. At 17:00Z exactly it is already Tuesday 00:00 in WIB.
#[test]
fn working_days_depend_on_the_time_zone() {
    let arrived = at("2025-03-07T03:00:00Z");
    let visits: Vec<Interaction> = ["2025-03-10T16:30:00Z", "2025-03-10T15:30:00Z"]
        .into_iter()
        .map(|f| {
            Interaction::builder("izin", "kantor", arrived)
                .finished_at(at(f))
                .build()
                .unwrap()
        })
        .collect();
    let permit = ServiceStandard::new("izin", Money::ZERO)
        .unwrap()
        .with_completion(Completion::WorkingDays(1));
    for (calendar, days, within) in [
        (Calendar::wib(), [1.0f64, 1.0], 2),
        (Calendar::wita(), [2.0, 1.0], 1),
        (Calendar::wit(), [2.0, 2.0], 0),
    ] {
        let standards = Standards::from(vec![permit.clone()]).with_calendar(calendar.clone());
        let tally = tally_of(&visits, &standards);
        let report = tally.report().unwrap();
        let share = report.on_time_share.unwrap();
        assert_eq!(
            (share.count, share.of),
            (within, 2),
            "offset {}",
            calendar.offset_minutes()
        );
        let summary = report.working_days.unwrap();
        assert_eq!(summary.max, days[0].max(days[1]));
        assert_close(summary.mean, (days[0] + days[1]) / 2.0, 1e-15);
        for (v, d) in visits.iter().zip(days) {
            assert_eq!(
                f64::from(
                    calendar
                        .working_days_between(v.arrived_at(), v.finished_at().unwrap())
                        .unwrap()
                ),
                d
            );
        }
    }
    // The local midnight itself.
    let wib = Calendar::wib();
    let just_before = Timestamp::from_unix_millis(at("2025-03-10T17:00:00Z").unix_millis() - 1);
    assert_eq!(wib.working_days_between(arrived, just_before).unwrap(), 1);
    assert_eq!(
        wib.working_days_between(arrived, at("2025-03-10T17:00:00Z"))
            .unwrap(),
        2
    );
}

#[test]
fn empty_tally_has_nothing_to_report() {
    let err = SpeedTally::default().report().unwrap_err();
    assert_eq!(
        err,
        Error::NoData {
            what: "visits".into()
        }
    );
    assert_eq!(err.to_string(), "no visits to report");
    assert_eq!(SpeedTally::default().visits(), 0);
}

/// A working-day standard needs local dates: an instant past year 9999 cannot be counted, and
/// the visit it belongs to is then not counted at all.
#[test]
fn uncountable_working_days_leave_the_tally_unchanged() {
    let standards = Standards::from(vec![
        ServiceStandard::new("izin", Money::ZERO)
            .unwrap()
            .with_completion(Completion::WorkingDays(2)),
    ]);
    let far = Timestamp::from_unix_millis(300_000_000_000_000); // about year 11 476
    let visit = Interaction::builder("izin", "kantor", far)
        .started_at(Timestamp::from_unix_millis(far.unix_millis() + 60_000))
        .finished_at(Timestamp::from_unix_millis(far.unix_millis() + 120_000))
        .build()
        .unwrap();
    let mut tally = SpeedTally::new(standards.clone());
    let err = tally.push(&visit).unwrap_err();
    assert!(matches!(err, Error::TimeOutOfRange { .. }), "{err}");
    assert_eq!(tally, SpeedTally::new(standards));
}

#[cfg(feature = "serde")]
mod serde_forms {
    use super::*;
    use crate::support::json::round_trip;

    #[test]
    fn options_and_report_round_trip() {
        let report = tally_of(&seven_visits(), &ktp_el_standards())
            .report()
            .unwrap();
        round_trip(&report);
        round_trip(&report.wait.unwrap());
        round_trip(&report.on_time_share.unwrap());
        round_trip(
            &SpeedOptions::default()
                .level(Level::new(0.9).unwrap())
                .quantile_type(QuantileType::Hazen)
                .as_of(at("2025-12-31T00:00:00Z"))
                .apdex_threshold(TimeSpan::from_minutes(20)),
        );
    }

    #[test]
    fn standards_keep_their_calendar() {
        let json = round_trip(&crate::laws::visits::standards());
        assert_eq!(json["calendars"]["default"]["offset_minutes"], 480);
        assert_eq!(
            json["calendars"]["default"]["holidays"],
            serde_json::json!(["2025-03-31"])
        );
        assert_eq!(json["calendars"]["by_unit"][0][0], "unit-2");
    }
}
