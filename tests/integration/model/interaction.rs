//! Visits: the builder's checks and the durations it derives.

use super::*;

// =============================================================================================
// Interaction
// =============================================================================================

#[test]
fn interaction_builder_and_durations() {
    let visit = Interaction::builder("ktp-el", "kel-sukamaju", ts("2025-03-04T08:15:00+07:00"))
        .id("A-001")
        .channel("loket")
        .started_at(ts("2025-03-04T08:32:00+07:00"))
        .finished_at(ts("2025-03-04T08:50:30+07:00"))
        .official_fee(Money::ZERO)
        .paid(Money::new(20_000))
        .recommend(3)
        .build()
        .unwrap();
    assert_eq!(visit.id(), Some("A-001"));
    assert_eq!(visit.service(), "ktp-el");
    assert_eq!(visit.unit(), "kel-sukamaju");
    assert_eq!(visit.channel(), Some("loket"));
    assert_eq!(visit.arrived_at(), ts("2025-03-04T01:15:00Z"));
    assert_eq!(visit.started_at(), Some(ts("2025-03-04T01:32:00Z")));
    assert_eq!(visit.finished_at(), Some(ts("2025-03-04T01:50:30Z")));
    assert_eq!(visit.official_fee(), Some(Money::ZERO));
    assert_eq!(visit.paid(), Some(Money::new(20_000)));
    assert_eq!(visit.recommend(), Some(3));
    assert_eq!(visit.skm(), None);
    assert_eq!(visit.empathy(), None);
    assert_eq!(visit.wait(), Some(TimeSpan::from_minutes(17)));
    assert_eq!(
        visit.service_time(),
        Some(TimeSpan::from_seconds(18 * 60 + 30))
    );
    assert_eq!(
        visit.turnaround(),
        Some(TimeSpan::from_seconds(35 * 60 + 30))
    );
    assert_eq!(visit.wait().unwrap().to_string(), "17m");
    assert_eq!(visit.turnaround().unwrap().to_string(), "35m 30s");
}

#[test]
fn interaction_with_missing_times() {
    let arrived = ts("2025-03-04T08:15:00+07:00");
    let bare = Interaction::builder("ktp-el", "kel-sukamaju", arrived)
        .build()
        .unwrap();
    assert_eq!(bare.id(), None);
    assert_eq!(bare.channel(), None);
    assert_eq!(bare.wait(), None);
    assert_eq!(bare.service_time(), None);
    assert_eq!(bare.turnaround(), None);
    assert_eq!(bare.recommend(), None);
    assert_eq!(bare.paid(), None);
    // Finished without a recorded start: only the turnaround is known.
    let finished = Interaction::builder("ktp-el", "kel-sukamaju", arrived)
        .finished_at(ts("2025-03-04T09:15:00+07:00"))
        .build()
        .unwrap();
    assert_eq!(finished.wait(), None);
    assert_eq!(finished.service_time(), None);
    assert_eq!(finished.turnaround(), Some(TimeSpan::from_hours(1)));
    // Started but not finished.
    let started = Interaction::builder("ktp-el", "kel-sukamaju", arrived)
        .started_at(ts("2025-03-04T08:20:00+07:00"))
        .build()
        .unwrap();
    assert_eq!(started.wait(), Some(TimeSpan::from_minutes(5)));
    assert_eq!(started.service_time(), None);
    assert_eq!(started.turnaround(), None);
}

#[test]
fn interaction_validation() {
    let arrived = ts("2025-03-04T08:15:00+07:00");
    let b = || Interaction::builder("ktp-el", "kel-sukamaju", arrived);
    // Equal times are fine: served at once, done at once.
    let instant = b()
        .started_at(arrived)
        .finished_at(arrived)
        .build()
        .unwrap();
    assert_eq!(instant.wait(), Some(TimeSpan::from_millis(0)));
    assert_eq!(instant.turnaround(), Some(TimeSpan::from_millis(0)));
    // Recommend 0 and 10 are the ends of the scale.
    assert_eq!(b().recommend(0).build().unwrap().recommend(), Some(0));
    assert_eq!(b().recommend(10).build().unwrap().recommend(), Some(10));
    assert!(matches!(
        b().recommend(11).build(),
        Err(Error::OutOfRange { .. })
    ));
    assert!(matches!(
        b().recommend(-1).build(),
        Err(Error::OutOfRange { .. })
    ));
    // Times are checked.
    let early = Timestamp::from_unix_millis(arrived.unix_millis() - 1);
    assert!(matches!(
        b().started_at(early).build(),
        Err(Error::StartedBeforeArrived { .. })
    ));
    assert!(matches!(
        b().finished_at(early).build(),
        Err(Error::FinishedBeforeStarted { .. })
    ));
    let later = ts("2025-03-04T08:30:00+07:00");
    assert!(matches!(
        b().started_at(later).finished_at(arrived).build(),
        Err(Error::FinishedBeforeStarted { .. })
    ));
    // Names must not be blank, but are kept as given.
    assert!(matches!(
        Interaction::builder(" ", "u", arrived).build(),
        Err(Error::Empty { .. })
    ));
    let spaced = Interaction::builder(" ktp-el ", "u", arrived)
        .build()
        .unwrap();
    assert_eq!(spaced.service(), " ktp-el ");
    // A direct empathy rating on a declared scale.
    let rating = RatingScale::new(1, 5).unwrap().rating(4).unwrap();
    let rated = b().empathy(rating).build().unwrap();
    assert_eq!(rated.empathy(), Some(rating));
    // SKM answers travel with the visit.
    let skm = layanan::Instrument::permenpanrb_14_2017();
    let answers = skm.answers().set("perilaku", 4).unwrap().build();
    let surveyed = b().skm(answers.clone()).build().unwrap();
    assert_eq!(surveyed.skm(), Some(&answers));
}
