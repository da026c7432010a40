//! Complaints as SP4N-LAPOR! counts them: first response and resolution against their targets
//! (per category), judged as of an instant: open and past due is late, open and not yet due is
//! pending.
//!
//! Hand-worked cases (arithmetic in the comments) on four complaints; a working-day target
//! with a holiday, a time target, categories with their own targets, the order of a
//! complaint's times; merges refused for other targets or calendars; JSON forms. The laws are
//! in `laws`.

use layanan::prelude::*;
use layanan::stats::QuantileType;
use layanan::{
    Calendar, Calendars, Complaint, ComplaintOptions, ComplaintTally, ComplaintTargets, Completion,
    Date, Error, TimeSpan, Timestamp,
};

use crate::support::{assert_close, assert_wilson_share, at};

/// Four complaints (WIB):
///
/// | # | filed | first response | resolved | hours to respond | hours to resolve | working days |
/// |---|---|---|---|---|---|---|
/// | 1 | Mon 3 Mar 09:00 | Mon 15:00 | Wed 5 Mar 09:00 | 6 | 48 | Tue, Wed = 2 |
/// | 2 | Mon 3 Mar 09:00 | Tue 09:00 | Fri 7 Mar 09:00 | 24 | 96 | 4 |
/// | 3 | Fri 7 Mar 16:00 | (its resolution) | Tue 11 Mar 10:00 | 90 | 90 | Mon, Tue = 2 |
/// | 4 | Mon 3 Mar 09:00 | Mon 10:00 | open | 1 | — | — |
fn complaints() -> Vec<Complaint> {
    let t = |s: &str| at(&format!("2025-03-{s}:00+07:00"));
    vec![
        Complaint::filed("kel-a", t("03T09:00"))
            .unwrap()
            .first_response_at(t("03T15:00"))
            .unwrap()
            .resolved_at(t("05T09:00"))
            .unwrap(),
        Complaint::filed("kel-a", t("03T09:00"))
            .unwrap()
            .first_response_at(t("04T09:00"))
            .unwrap()
            .resolved_at(t("07T09:00"))
            .unwrap(),
        Complaint::filed("kel-b", t("07T16:00"))
            .unwrap()
            .about_service("ktp-el")
            .unwrap()
            .resolved_at(t("11T10:00"))
            .unwrap(),
        Complaint::filed("kel-b", t("03T09:00"))
            .unwrap()
            .first_response_at(t("03T10:00"))
            .unwrap(),
    ]
}

fn tally(targets: ComplaintTargets, calendar: Calendar, list: &[Complaint]) -> ComplaintTally {
    let mut tally = ComplaintTally::new(targets, calendar);
    tally.push_all(list).unwrap();
    tally
}

fn resolution(target: Completion) -> ComplaintTargets {
    ComplaintTargets::default().with_resolution(target)
}

/// Resolution within 2 working days, as of the data's end (Tue 11 Mar 10:00): complaints 1 and
/// 3 are on time (2 ≤ 2), 2 is late (4), 4 is open past its due (end of Wed 5 Mar): late.
/// 2 of 4. First responses within 3 working days: all four (3's is its resolution, 2 working
/// days). Hours to respond 6, 24, 90, 1: mean 30.25, median (6 + 24)/2 = 15, p90 (type 7,
/// h = 2.7) 24 + 0.7·66 = 70.2, max 90. Hours to resolve 48, 96, 90: mean 78, squared
/// deviations 900 + 324 + 144 = 1368, sd = √684; median 90, p90 (h = 1.8) 90 + 0.8·6 = 94.8,
/// p95 (h = 1.9) 95.4, max 96.
#[test]
fn against_a_working_day_target() {
    let tally = tally(
        resolution(Completion::WorkingDays(2)),
        Calendar::wib(),
        &complaints(),
    );
    let report = tally.report().unwrap();
    assert_eq!(report.as_of, at("2025-03-11T10:00:00+07:00"));
    assert_eq!(
        (
            report.filed,
            report.responded,
            report.resolved,
            report.unresolved
        ),
        (4, 4, 3, 1)
    );
    let within = report.resolved_within_target.unwrap();
    assert_wilson_share(&within, 2, 4);
    assert_eq!(report.resolution_pending, 0);
    let responded = report.responded_within_target.unwrap();
    assert_eq!((responded.count, responded.of), (4, 4));
    let respond = report.first_response_hours.unwrap();
    assert_eq!((respond.n, respond.median, respond.max), (4, 15.0, 90.0));
    assert_close(respond.mean, 30.25, 1e-14);
    assert_close(respond.p90, 70.2, 1e-14);
    let resolve = report.resolution_hours.unwrap();
    assert_eq!((resolve.n, resolve.median, resolve.max), (3, 90.0, 96.0));
    assert_close(resolve.mean, 78.0, 1e-14);
    assert_close(resolve.sd.unwrap(), 684f64.sqrt(), 1e-14);
    assert_close(resolve.p90, 94.8, 1e-14);
    assert_close(resolve.p95, 95.4, 1e-14);
    assert_eq!(resolve.quantile_type, QuantileType::Linear);

    // With Tuesday 4 March a holiday, against a 1-day target: 1 takes 1 working day (Wed): on
    // time; 2 takes 3 (Wed, Thu, Fri), 3 takes 2 (Mon, Tue), 4 is past due: late.
    let holiday = Calendar::wib().with_holidays([Date::new(2025, 3, 4).unwrap()]);
    let report = self::tally(
        resolution(Completion::WorkingDays(1)),
        holiday,
        &complaints(),
    )
    .report()
    .unwrap();
    assert_eq!(report.resolved_within_target.unwrap().count, 1);
}

/// A complaint not yet due is pending, not late: as of Mon 3 Mar 12:00, complaint 4 (filed
/// that morning, target 2 working days) is pending; from Thu 6 Mar 00:00 it is late.
#[test]
fn open_complaints_are_pending_until_due() {
    let open = &complaints()[3..];
    let tally = tally(
        resolution(Completion::WorkingDays(2)),
        Calendar::wib(),
        open,
    );
    let report = tally
        .report_with(&ComplaintOptions::default().as_of(at("2025-03-03T12:00:00+07:00")))
        .unwrap();
    assert_eq!(
        (report.resolution_pending, report.resolved_within_target),
        (1, None)
    );
    assert_eq!(report.coverage.judged, 0);
    let end_of_wednesday = at("2025-03-05T23:59:59.999+07:00");
    let report = tally
        .report_with(&ComplaintOptions::default().as_of(end_of_wednesday))
        .unwrap();
    assert_eq!(report.resolution_pending, 1);
    let thursday = at("2025-03-06T00:00:00+07:00");
    let report = tally
        .report_with(&ComplaintOptions::default().as_of(thursday))
        .unwrap();
    assert_eq!(report.resolution_pending, 0);
    assert_eq!(
        report.resolved_within_target.map(|s| (s.count, s.of)),
        Some((0, 1))
    );
}

/// Target 72 hours: 48 is within, 96 and 90 are not, the open one is past due: 1 of 4. Target
/// 90 hours: 48 and 90 (the boundary is inclusive): 2 of 4. The calendar does not matter for a
/// time target.
#[test]
fn against_a_time_target() {
    let within = |hours, calendar| {
        tally(
            resolution(Completion::Within(TimeSpan::from_hours(hours))),
            calendar,
            &complaints(),
        )
        .report()
        .unwrap()
    };
    let report = within(72, Calendar::wib());
    let share = report.resolved_within_target.unwrap();
    assert_eq!((share.count, share.of), (1, 4));
    let report = within(90, Calendar::wib());
    assert_eq!(report.resolved_within_target.unwrap().count, 2);
    assert_eq!(within(90, Calendar::wit()), report);
}

/// Categories keep their own resolution targets: a `berat` complaint within 14 working days is
/// on time though it took longer than the default 5.
#[test]
fn categories_have_their_own_targets() {
    let filed = at("2025-03-03T09:00:00+07:00");
    let resolved = at("2025-03-14T09:00:00+07:00"); // 9 working days
    let heavy = Complaint::filed("kel-a", filed)
        .unwrap()
        .in_category("berat")
        .unwrap()
        .resolved_at(resolved)
        .unwrap();
    let plain = Complaint::filed("kel-a", filed)
        .unwrap()
        .resolved_at(resolved)
        .unwrap();
    let targets = ComplaintTargets::default()
        .with_category("berat", Completion::WorkingDays(14))
        .unwrap();
    let report = tally(targets, Calendar::wib(), &[heavy, plain])
        .report()
        .unwrap();
    let within = report.resolved_within_target.unwrap();
    assert_eq!((within.count, within.of), (1, 2));
    assert_eq!(
        ComplaintTargets::default()
            .with_category(" ", Completion::WorkingDays(1))
            .unwrap_err()
            .to_string(),
        "complaint category must not be empty"
    );
}

/// Each unit on its own calendar: the same complaint is judged on the unit's time zone.
#[test]
fn each_unit_on_its_own_calendar() {
    // Filed Fri 7 Mar 03:00Z, resolved Mon 10 Mar 16:30Z: Monday 23:30 in WIB (1 working day),
    // Tuesday 01:30 in WIT (2).
    let complaint = |unit: &str| {
        Complaint::filed(unit, at("2025-03-07T03:00:00Z"))
            .unwrap()
            .resolved_at(at("2025-03-10T16:30:00Z"))
            .unwrap()
    };
    let calendars = Calendars::new(Calendar::wib()).with_unit("kab-jayapura", Calendar::wit());
    let mut tally = ComplaintTally::new(resolution(Completion::WorkingDays(1)), calendars);
    tally
        .push_all(&[complaint("kab-bogor"), complaint("kab-jayapura")])
        .unwrap();
    let within = tally.report().unwrap().resolved_within_target.unwrap();
    assert_eq!((within.count, within.of), (1, 2));
}

#[test]
fn a_complaints_times_must_be_in_order() {
    let filed = at("2025-03-03T09:00:00+07:00");
    let early = Timestamp::from_unix_millis(filed.unix_millis() - 1);
    let err = Complaint::filed("kel-a", filed)
        .unwrap()
        .resolved_at(early)
        .unwrap_err();
    assert_eq!(
        err,
        Error::FinishedBeforeStarted {
            started: filed,
            finished: early
        }
    );
    assert_eq!(
        err.to_string(),
        "finished_at 2025-03-03T01:59:59.999Z is before started_at 2025-03-03T02:00:00Z"
    );
    // Resolved before it was first answered: refused in either order of building.
    let noon = at("2025-03-03T12:00:00+07:00");
    let later = at("2025-03-03T15:00:00+07:00");
    let err = Complaint::filed("kel-a", filed)
        .unwrap()
        .resolved_at(noon)
        .unwrap()
        .first_response_at(later)
        .unwrap_err();
    assert_eq!(
        err,
        Error::ResolvedBeforeResponse {
            responded: later,
            resolved: noon
        }
    );
    assert_eq!(
        err.to_string(),
        "resolved_at 2025-03-03T05:00:00Z is before first_response_at 2025-03-03T08:00:00Z"
    );
    assert!(
        Complaint::filed("kel-a", filed)
            .unwrap()
            .first_response_at(later)
            .unwrap()
            .resolved_at(noon)
            .is_err()
    );
    // At the very moment of filing is fine.
    let c = Complaint::filed("kel-a", filed)
        .unwrap()
        .first_response_at(filed)
        .unwrap()
        .resolved_at(filed)
        .unwrap();
    assert!(c.is_resolved());
    assert_eq!(c.first_response(), Some(filed));
    assert_eq!((c.unit(), c.service(), c.category()), ("kel-a", None, None));
    assert_eq!(
        Complaint::filed(" ", filed).unwrap_err().to_string(),
        "unit must not be empty"
    );
}

#[test]
fn tallies_with_other_targets_or_calendars_do_not_merge() {
    let list = complaints();
    let two = resolution(Completion::WorkingDays(2));
    let mut a = tally(two.clone(), Calendar::wib(), &list[..2]);
    let before = a.clone();
    let b = tally(
        resolution(Completion::WorkingDays(3)),
        Calendar::wib(),
        &list[2..],
    );
    let err = a.merge(&b).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cannot merge complaint tallies: their resolution targets differ (2wd vs 3wd)"
    );
    assert_eq!(a, before);
    let c = tally(two.clone(), Calendar::wita(), &list[2..]);
    assert_eq!(
        a.merge(&c).unwrap_err().to_string(),
        "cannot merge complaint tallies: their default calendars differ: their UTC offsets \
         differ (WIB (UTC+07:00) vs WITA (UTC+08:00))"
    );
    // Same targets and calendar: fine, and the merge is the tally of the whole.
    let e = tally(two.clone(), Calendar::wib(), &list[2..]);
    a.merge(&e).unwrap();
    assert_eq!(a, tally(two, Calendar::wib(), &list));
}

#[test]
fn empty_tally_has_nothing_to_report() {
    let err = ComplaintTally::default().report().unwrap_err();
    assert_eq!(err.to_string(), "no complaints to report");
}

#[cfg(feature = "serde")]
mod serde_forms {
    use super::*;
    use crate::support::json::{rejects, round_trip};
    use serde_json::json;

    #[test]
    fn complaints_and_their_report_round_trip() {
        for c in complaints() {
            round_trip(&c);
        }
        let targets = ComplaintTargets::default()
            .with_category("berat", Completion::WorkingDays(60))
            .unwrap();
        let tally = tally(targets, crate::laws::complaints::calendar(), &complaints());
        round_trip(&tally);
        round_trip(&tally.report().unwrap());
    }

    #[test]
    fn complaint_times_out_of_order_are_rejected() {
        let mut json = serde_json::to_value(&complaints()[0]).unwrap();
        let filed = json["filed_at"].as_i64().unwrap();
        json["resolved_at"] = json!(filed - 1);
        rejects::<Complaint>(json.clone(), "is before started_at");
        let mut responded = serde_json::to_value(&complaints()[0]).unwrap();
        responded["first_response_at"] = json!(filed + 10 * 86_400_000);
        rejects::<Complaint>(responded, "is before first_response_at");
        json["resolved_at"] = json!(filed);
        json["unit"] = json!("");
        rejects::<Complaint>(json, "unit must not be empty");
    }
}
