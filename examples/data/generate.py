#!/usr/bin/env python3
"""Deterministic generator for the `layanan` example data set.

The city
--------
*Kota Sukamaju* is an invented mid-sized Indonesian city.  Its residents deal
with seven public-service front offices ("units"):

* ``disdukcapil``    - Dinas Kependudukan dan Pencatatan Sipil, the civil
                       registry (e-KTP, Kartu Keluarga, birth certificates,
                       change-of-address letters, legalisation of copies).
                       Well run: fast queues and the best survey scores.
* ``dpmptsp``        - Dinas Penanaman Modal dan PTSP, the one-stop licensing
                       office (business licences, PBG building permits).
                       Day-based services; about 5 % of applicants pay extra.
* ``puskesmas-kota`` - the city community health centre (general
                       consultation, Rp 10.000); a few fees are waived.
* ``kel-sukamaju``   - an ordinary, decent kelurahan (urban village) office.
* ``kel-mekarsari``  - a kelurahan with systematically long waits and
                       less courteous staff (low U7 and empathy ratings).
* ``kel-cibeureum``  - a kelurahan where ~12 % of visitors pay Rp 20.000-50.000
                       for services that are officially free (pungli signal).
* ``kel-tanjung``    - a tiny kelurahan with only ~15 recorded visits that
                       happen to look bad; a test of honest small-sample
                       statistics (wide intervals, not a confident ranking).

All timestamps are RFC 3339 in WIB (``+07:00``).  Visits fall on working days
(Mon-Fri, excluding the 2025 national holidays and cuti bersama), between
07:30 and 15:00, except a handful of mobile ("jemput bola") services held on
Saturdays.

The files
---------
``standards.csv``
    The published service standards (standar pelayanan): maximum waiting
    time in minutes (blank = no waiting target), completion time either in
    minutes (``60m``) or working days (``14wd``), and the official tariff in
    whole rupiah.  Exercises parsing of both completion units and of a blank
    waiting target.  ``legalisir`` is deliberately *missing* so the
    library's "no published standard" path is exercised.

``interactions.csv``
    ~2,400 individual visits in 2025 with arrival / start / finish
    timestamps, the fee the office states and what was actually paid, and
    optional per-visit feedback: the nine SKM elements (u1..u9, 1-4), an
    empathy rating (1-5) and a 0-10 "would you recommend" score.  Exercises
    speed against standards (waits, minute- and day-based completion, late
    permits), cost (overcharges and waivers), empathy, and sparse answers.

``skm.csv``
    ~700 rows of the formal SKM questionnaire (PermenPANRB 14/2017), nine
    elements in the regulation's order plus respondent profile.  Exercises
    the IKM computation per unit and city-wide, its confidence interval,
    Cronbach's alpha, blanks in answers and in profile fields.

``complaints.csv``
    ~150 complaints (pengaduan) filed in 2025 during office hours on working
    days, with the unit and service complained about and when each was
    first answered and resolved; a blank means it never happened (the data
    were extracted at the close of 31 December 2025, so anything later is
    blank too).  Times are drawn in office hours (07:30-16:00 on working
    days) and always in order: filed <= first response <= resolved.
    The story matches the other files: kel-mekarsari (slow, discourteous)
    and kel-cibeureum (pungli) draw the most complaints relative to their
    visits, answer later, resolve fewer within 5 working days and leave
    most of the ~10 % never resolved; disdukcapil resolves quickly;
    kel-tanjung has just 2.  Exercises first-response and resolution
    times, resolution against a working-day target, and blank times.

``holidays.csv``
    The 2025 national holidays and cuti bersama on which the offices are
    closed (``date,kind``): the calendar working-day standards count on.

Survey answers are drawn from a respondent-level latent satisfaction plus
element and unit effects, so elements correlate (alpha roughly 0.7-0.85)
and the IKM (skm.csv) per unit is roughly: disdukcapil ~89 (just inside
A), dpmptsp and kel-sukamaju ~82, puskesmas ~80, kel-cibeureum ~78 (B: its
pungli shows in U4 and in the payments, not in the headline grade),
kel-mekarsari ~73 (C), kel-tanjung ~63 from only 6 respondents; the city as
a whole ~82 (B).

Run from the repository root::

    python3 examples/data/generate.py

The output is byte-identical on every run (fixed seeds, '\\n' line endings).
Each file has its own random generator, so adding complaints.csv left the
other three files unchanged.
"""

import csv
import datetime as dt
import math
import os
import random

# --------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------

YEAR = 2025
WIB = dt.timezone(dt.timedelta(hours=7))
OUT_DIR = os.path.dirname(os.path.abspath(__file__))

SEED_INTERACTIONS = 20250101
SEED_SKM = 20250102
SEED_COMPLAINTS = 20250103

# Libur nasional 2025 (SKB 3 Menteri).
NATIONAL_HOLIDAYS = [
    dt.date(2025, 1, 1),    # Tahun Baru Masehi
    dt.date(2025, 1, 27),   # Isra Mikraj
    dt.date(2025, 1, 29),   # Tahun Baru Imlek
    dt.date(2025, 3, 29),   # Nyepi
    dt.date(2025, 3, 31),   # Idul Fitri
    dt.date(2025, 4, 1),    # Idul Fitri
    dt.date(2025, 4, 18),   # Wafat Yesus Kristus
    dt.date(2025, 4, 20),   # Paskah
    dt.date(2025, 5, 1),    # Hari Buruh
    dt.date(2025, 5, 12),   # Waisak
    dt.date(2025, 5, 29),   # Kenaikan Yesus Kristus
    dt.date(2025, 6, 1),    # Hari Lahir Pancasila
    dt.date(2025, 6, 6),    # Idul Adha
    dt.date(2025, 6, 27),   # Tahun Baru Islam
    dt.date(2025, 8, 17),   # Hari Kemerdekaan
    dt.date(2025, 9, 5),    # Maulid Nabi
    dt.date(2025, 12, 25),  # Natal
]

# Cuti bersama 2025: offices of this city are closed on these days too.
CUTI_BERSAMA = [
    dt.date(2025, 1, 28),
    dt.date(2025, 3, 28),
    dt.date(2025, 4, 2),
    dt.date(2025, 4, 3),
    dt.date(2025, 4, 4),
    dt.date(2025, 4, 7),
    dt.date(2025, 5, 13),
    dt.date(2025, 5, 30),
    dt.date(2025, 6, 9),
    dt.date(2025, 8, 18),
    dt.date(2025, 12, 26),
]

CLOSED_DAYS = frozenset(NATIONAL_HOLIDAYS + CUTI_BERSAMA)

# Relative demand per month (Lebaran dip in April, school enrolment bump in
# June/July, year-end bump for permits and documents).
MONTH_WEIGHT = {1: 1.0, 2: 1.0, 3: 0.95, 4: 0.8, 5: 1.0, 6: 1.15,
                7: 1.2, 8: 1.0, 9: 1.0, 10: 1.0, 11: 1.0, 12: 0.9}

# Service standards: service -> (max_wait_minutes or None, completion, tariff).
STANDARDS = {
    "ktp-el":           (30, "60m", 0),
    "kartu-keluarga":   (30, "60m", 0),
    "akta-kelahiran":   (None, "5wd", 0),
    "surat-pindah":     (30, "60m", 0),
    "izin-usaha":       (None, "3wd", 0),
    "pbg":              (None, "14wd", "assessed<=2500000"),
    "pemeriksaan-umum": (45, "60m", 10_000),
    "surat-keterangan": (15, "30m", 0),
}

# Offered, but without a published standard; fee as stated by the office.
UNSTANDARDISED_FEES = {"legalisir": 0}

# Median hands-on service time in minutes for minute-based services.
SERVICE_MINUTES = {
    "ktp-el": 14,
    "kartu-keluarga": 16,
    "surat-pindah": 18,
    "pemeriksaan-umum": 11,
    "surat-keterangan": 8,
    "legalisir": 5,
    # Intake time at the counter for day-based services.
    "akta-kelahiran": 12,
    "izin-usaha": 15,
    "pbg": 25,
}

# Day-based services: (probability of finishing on time,
#                      working-day range when on time, range when late).
DAY_BASED = {
    "akta-kelahiran": (0.90, (0, 5), (6, 10)),
    "izin-usaha":     (0.88, (0, 3), (4, 8)),
    "pbg":            (0.80, (6, 14), (15, 30)),
}

# Channel mix per service: [(channel, weight)].
CHANNELS = {
    "ktp-el":           [("counter", 85), ("mobile", 15)],
    "kartu-keluarga":   [("counter", 80), ("online", 20)],
    "akta-kelahiran":   [("counter", 60), ("online", 30), ("mobile", 10)],
    "surat-pindah":     [("counter", 80), ("online", 20)],
    "legalisir":        [("counter", 100)],
    "izin-usaha":       [("counter", 60), ("online", 40)],
    "pbg":              [("counter", 70), ("online", 30)],
    "pemeriksaan-umum": [("counter", 92), ("mobile", 8)],
    "surat-keterangan": [("counter", 100)],
}

# Kelurahan offices only run counters; mobile/online are city-level.
KELURAHAN_SERVICES = [("surat-keterangan", 60), ("kartu-keluarga", 15),
                      ("ktp-el", 15), ("akta-kelahiran", 10)]

# SKM elements in PermenPANRB 14/2017 order.
ELEMENTS = ["Persyaratan", "Prosedur", "Waktu Penyelesaian", "Biaya/Tarif",
            "Produk", "Kompetensi Pelaksana", "Perilaku Pelaksana",
            "Sarana dan Prasarana", "Penanganan Pengaduan"]

# City-wide element effects on the latent scale (U9 weakest, U4 handled
# separately because free services mostly score 4).
ELEMENT_SHIFT = [0.05, 0.0, -0.10, 0.0, 0.10, 0.05, 0.0, -0.05, -0.35]

# Per unit:
#   n_int / n_skm   rows in interactions.csv / skm.csv
#   services        [(service, weight)]
#   wait_median     median wait in minutes at the counter
#   mood            unit shift of latent satisfaction
#   elem            extra per-element shifts {index: shift}
#   empathy         shift of the 1-5 empathy rating
#   overcharge      (probability, (low, high) extra rupiah, step) or None
#   u4_shift        shift of U4 (Biaya/Tarif) on the latent scale
#   waiver          probability that a paid fee is waived
UNITS = {
    "disdukcapil": dict(
        n_int=680, n_skm=200,
        services=[("ktp-el", 35), ("kartu-keluarga", 25),
                  ("akta-kelahiran", 20), ("surat-pindah", 10),
                  ("legalisir", 10)],
        wait_median=11, mood=0.55, elem={}, empathy=0.4,
        overcharge=None, u4_shift=0.0, waiver=0.0),
    "dpmptsp": dict(
        n_int=300, n_skm=90,
        services=[("izin-usaha", 65), ("pbg", 35)],
        wait_median=14, mood=0.20, elem={2: -0.2}, empathy=0.1,
        overcharge=(0.05, (100_000, 750_000), 50_000), u4_shift=-0.15,
        waiver=0.0),
    "puskesmas-kota": dict(
        n_int=525, n_skm=154,
        services=[("pemeriksaan-umum", 100)],
        wait_median=22, mood=0.15, elem={7: -0.15}, empathy=0.2,
        overcharge=None, u4_shift=-0.1, waiver=0.05),
    "kel-sukamaju": dict(
        n_int=300, n_skm=85,
        services=KELURAHAN_SERVICES,
        wait_median=9, mood=0.12, elem={}, empathy=0.1,
        overcharge=None, u4_shift=0.0, waiver=0.0),
    "kel-mekarsari": dict(
        n_int=280, n_skm=80,
        services=KELURAHAN_SERVICES,
        wait_median=30, mood=-0.18, elem={2: -0.45, 6: -0.55}, empathy=-0.9,
        overcharge=None, u4_shift=0.0, waiver=0.0),
    "kel-cibeureum": dict(
        n_int=300, n_skm=85,
        services=KELURAHAN_SERVICES,
        wait_median=12, mood=0.08, elem={}, empathy=-0.1,
        overcharge=(0.12, (20_000, 50_000), 5_000), u4_shift=-0.8,
        waiver=0.0),
    "kel-tanjung": dict(
        n_int=15, n_skm=6,
        services=KELURAHAN_SERVICES,
        wait_median=26, mood=-0.45, elem={2: -0.3}, empathy=-0.5,
        overcharge=(0.15, (20_000, 30_000), 5_000), u4_shift=-0.4,
        waiver=0.0),
}

# Latent-scale model for 1-4 answers: score = BASE + mood + theta + shifts
# + noise, cut at 1.5 / 2.5 / 3.5.
ANSWER_BASE = 3.12
THETA_SD = 0.42       # respondent-level satisfaction (drives correlation)
ITEM_NOISE_SD = 0.60  # element-level noise
U4_FREE_BONUS = 1.1   # free services: "Biaya/Tarif" mostly 4
U4_PAID_BONUS = 0.3   # services with a tariff

# Response rates in interactions.csv.
P_SKM_ANSWERED = 0.35
P_ITEM_BLANK = 0.03
P_EMPATHY = 0.50
P_RECOMMEND = 0.40
P_PROFILE_BLANK = 0.02

# Respondent profile distributions for skm.csv.
EDUCATION = [("SD", 8), ("SMP", 12), ("SMA", 42), ("D3", 10), ("S1", 23),
             ("S2", 4), ("S3", 1)]
OCCUPATION = [("PNS", 10), ("TNI", 2), ("POLRI", 2), ("SWASTA", 35),
              ("WIRAUSAHA", 25), ("LAINNYA", 26)]

# Office hours in minutes of the day; complaint handling happens inside them.
OFFICE_OPEN = 7 * 60 + 30
OFFICE_CLOSE = 16 * 60

# The files are a snapshot taken at the close of the year: anything that would
# have happened later (a permit issued in January, a complaint resolved after
# the holidays) is blank, so open cases are either late or not yet due.
COMPLAINTS_EXTRACTED_AT = dt.datetime(YEAR, 12, 31, 16, 0, tzinfo=WIB)
EXTRACTED_AT = COMPLAINTS_EXTRACTED_AT

# PBG (building approval) retribution is assessed per building: the visit's
# official_fee is its assessed fee, capped by the published ceiling.
PBG_FEES = [750_000, 1_000_000, 1_250_000, 1_500_000, 2_000_000, 2_400_000]

# Visits to kel-mekarsari that were never finished (the citizen gave up after
# a long wait): their finish is blank, and they are late.
P_ABANDONED = {"kel-mekarsari": 0.03}

# Complaint categories (SP4N-LAPOR! style), each with its own resolution
# target in the sample city: ringan 5, sedang 14, berat 60 working days.
COMPLAINT_CATEGORIES = [("ringan", 60), ("sedang", 30), ("berat", 10)]

# Suggestions (saran dan masukan) a respondent may write, by theme.
SARAN = [
    "Antrean terlalu lama, mohon tambah petugas loket.",
    "Petugas ramah dan membantu, terima kasih.",
    "Mohon informasi persyaratan ditempel di papan pengumuman.",
    "Ruang tunggu panas, mohon tambah kipas angin.",
    "Jam layanan sebaiknya diperpanjang sampai sore.",
    "Ada biaya tambahan yang tidak jelas dasarnya.",
    "Pelayanan online sering gangguan.",
    "Sudah baik, pertahankan.",
]
P_SARAN = 0.15
SEED_EXTRAS = 20250104

# Complaint handling per unit (services as in UNITS):
#   n            complaints filed in the year
#   respond_h    median office hours from filing to first response
#   resolve_h    median office hours from first response to resolution
#   p_ignored    probability a complaint is never answered (nor resolved)
#   p_stalled    probability it is answered but never resolved
# One office day is 8.5 office hours; "within 5 working days" means about
# 42 office hours from filing to resolution.
COMPLAINT_HANDLING = {
    "disdukcapil":    dict(n=24, respond_h=2.5, resolve_h=6.0,
                           p_ignored=0.00, p_stalled=0.00),
    "dpmptsp":        dict(n=15, respond_h=6.0, resolve_h=18.0,
                           p_ignored=0.00, p_stalled=0.02),
    "puskesmas-kota": dict(n=20, respond_h=4.0, resolve_h=10.0,
                           p_ignored=0.00, p_stalled=0.02),
    "kel-sukamaju":   dict(n=11, respond_h=5.0, resolve_h=14.0,
                           p_ignored=0.00, p_stalled=0.02),
    "kel-mekarsari":  dict(n=40, respond_h=24.0, resolve_h=40.0,
                           p_ignored=0.05, p_stalled=0.10),
    "kel-cibeureum":  dict(n=38, respond_h=16.0, resolve_h=36.0,
                           p_ignored=0.03, p_stalled=0.08),
    "kel-tanjung":    dict(n=2, respond_h=20.0, resolve_h=30.0,
                           p_ignored=0.25, p_stalled=0.25),
}
COMPLAINT_RESPOND_SIGMA = 0.8   # lognormal spread of the response lag
COMPLAINT_RESOLVE_SIGMA = 0.7   # lognormal spread of the resolution lag
COMPLAINT_MIN_MINUTES = 5       # no lag is shorter than this

INTERACTION_HEADER = ["id", "service", "unit", "channel", "arrived_at",
                      "started_at", "finished_at", "official_fee", "paid",
                      "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9",
                      "empathy", "recommend"]
SKM_HEADER = ["service", "unit", "submitted_at",
              "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9",
              "gender", "age", "education", "occupation", "saran"]
STANDARDS_HEADER = ["service", "max_wait_minutes", "completion", "tariff"]
COMPLAINT_HEADER = ["unit", "service", "filed_at", "first_response_at",
                    "resolved_at", "category"]


# --------------------------------------------------------------------------
# Calendar helpers
# --------------------------------------------------------------------------

def is_working_day(day):
    """True for Monday-Friday dates that are not holidays or cuti bersama."""
    return day.weekday() < 5 and day not in CLOSED_DAYS


def days_of_year(predicate):
    """All dates of YEAR satisfying `predicate`, in order."""
    day = dt.date(YEAR, 1, 1)
    out = []
    while day.year == YEAR:
        if predicate(day):
            out.append(day)
        day += dt.timedelta(days=1)
    return out


WORKING_DAYS = days_of_year(is_working_day)
WORKING_DAY_WEIGHTS = [MONTH_WEIGHT[d.month] for d in WORKING_DAYS]
OPEN_SATURDAYS = days_of_year(
    lambda d: d.weekday() == 5 and d not in CLOSED_DAYS)


def add_working_days(day, n):
    """The date `n` working days after `day` (n = 0 returns `day`)."""
    while n > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def at(day, minute_of_day):
    """Timezone-aware WIB datetime for `day` at `minute_of_day` minutes."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=WIB) + \
        dt.timedelta(minutes=minute_of_day)


def add_office_minutes(moment, minutes):
    """The moment `minutes` of office time after `moment`.

    Office time runs from OFFICE_OPEN to OFFICE_CLOSE on working days; a
    `moment` outside it is first moved to the next opening.
    """
    day = moment.date()
    minute = moment.hour * 60 + moment.minute
    if not is_working_day(day) or minute >= OFFICE_CLOSE:
        day, minute = add_working_days(day, 1), OFFICE_OPEN
    minute = max(minute, OFFICE_OPEN)
    while minutes > OFFICE_CLOSE - minute:
        minutes -= OFFICE_CLOSE - minute
        day, minute = add_working_days(day, 1), OFFICE_OPEN
    return at(day, minute + minutes)


def rfc3339(moment):
    """RFC 3339 text such as 2025-03-04T08:15:00+07:00."""
    return moment.isoformat(timespec="seconds")


# --------------------------------------------------------------------------
# Random helpers
# --------------------------------------------------------------------------

def pick(rng, weighted):
    """Choose a value from a list of (value, weight) pairs."""
    values = [v for v, _ in weighted]
    weights = [w for _, w in weighted]
    return rng.choices(values, weights=weights)[0]


def lognormal_minutes(rng, median, sigma, low, high):
    """Whole minutes from a lognormal with given median, clamped."""
    value = rng.lognormvariate(math.log(median), sigma)
    return int(min(high, max(low, round(value))))


def arrival_minute(rng, latest=15 * 60):
    """Minute of day between 07:30 and `latest`, peaking around 09:00."""
    return int(rng.triangular(7 * 60 + 30, latest, 9 * 60))


def working_day(rng):
    """A random working day of YEAR, weighted by monthly demand."""
    return rng.choices(WORKING_DAYS, weights=WORKING_DAY_WEIGHTS)[0]


def maybe_blank(rng, value, p_blank):
    """`value`, or None (written as an empty field) with probability p."""
    return None if rng.random() < p_blank else value


def cut_1_to_4(score):
    """Map a latent score to an SKM answer 1-4 (cuts at 1.5, 2.5, 3.5)."""
    if score < 1.5:
        return 1
    if score < 2.5:
        return 2
    if score < 3.5:
        return 3
    return 4


# --------------------------------------------------------------------------
# Survey answers
# --------------------------------------------------------------------------

def skm_answers(rng, unit, service, theta, slow=0.0, overcharged=False):
    """Nine SKM answers for one respondent.

    `theta` is the respondent's latent satisfaction; `slow` (>= 0) lowers
    U3 when this visit's wait exceeded the standard; `overcharged` forces a
    poor U4.  Each answer is blank with probability P_ITEM_BLANK.
    """
    params = UNITS[unit]
    tariff = fee_of(service)
    answers = []
    for j in range(9):
        score = ANSWER_BASE + params["mood"] + theta + ELEMENT_SHIFT[j] \
            + params["elem"].get(j, 0.0) + rng.gauss(0, ITEM_NOISE_SD)
        if j == 2:
            score -= slow
        if j == 3:
            score += (U4_FREE_BONUS if tariff == 0 else U4_PAID_BONUS)
            score += params["u4_shift"]
            if overcharged:
                score = min(score, 1.5 + rng.random())
        answers.append(maybe_blank(rng, cut_1_to_4(score), P_ITEM_BLANK))
    return answers


def empathy_rating(rng, unit, theta):
    """A 1-5 empathy rating driven by unit courtesy and satisfaction."""
    params = UNITS[unit]
    score = 3.7 + params["empathy"] + 0.6 * params["mood"] + 1.1 * theta \
        + rng.gauss(0, 0.6)
    return int(min(5, max(1, round(score))))


def recommend_score(rng, unit, theta, overcharged):
    """A 0-10 recommendation score driven by satisfaction."""
    params = UNITS[unit]
    score = 7.6 + 2.0 * params["mood"] + 2.6 * theta + rng.gauss(0, 1.2)
    if overcharged:
        score -= 3
    return int(min(10, max(0, round(score))))


# --------------------------------------------------------------------------
# standards.csv
# --------------------------------------------------------------------------

def fee_of(service):
    """The fee the office states for `service` (tariff or stated fee)."""
    if service in STANDARDS:
        return STANDARDS[service][2]
    return UNSTANDARDISED_FEES[service]


def standards_rows():
    """Rows of standards.csv (services with a published standard)."""
    rows = []
    for service, (max_wait, completion, tariff) in STANDARDS.items():
        rows.append([service, "" if max_wait is None else max_wait,
                     completion, tariff])
    return rows


# --------------------------------------------------------------------------
# interactions.csv
# --------------------------------------------------------------------------

def visit_times(rng, unit, service, channel):
    """(arrived, started, finished) datetimes for one visit."""
    params = UNITS[unit]
    if channel == "mobile" and rng.random() < 0.15:
        day = rng.choice(OPEN_SATURDAYS)
        arrived = at(day, arrival_minute(rng, latest=12 * 60))
    else:
        day = working_day(rng)
        arrived = at(day, arrival_minute(rng))

    median = params["wait_median"]
    if channel == "online":
        median *= 2.5          # queue of submissions awaiting verification
    elif channel == "mobile":
        median *= 0.7
    wait = lognormal_minutes(rng, median, 0.65, 1, 165)
    started = arrived + dt.timedelta(minutes=wait)

    handling = lognormal_minutes(rng, SERVICE_MINUTES[service], 0.45, 2, 90)
    if service in DAY_BASED:
        p_on_time, on_time, late = DAY_BASED[service]
        if unit.startswith("kel-") and service == "akta-kelahiran":
            p_on_time -= 0.15  # forwarded to disdukcapil, adds a hop
        lo, hi = on_time if rng.random() < p_on_time else late
        n = rng.randint(lo, hi)
        if n == 0:
            finished = started + dt.timedelta(minutes=handling)
        else:
            finish_day = add_working_days(arrived.date(), n)
            finished = at(finish_day, rng.randint(9 * 60, 15 * 60 + 30))
    else:
        finished = started + dt.timedelta(minutes=handling)
    return arrived, started, finished, wait


def paid_amount(rng, unit, fee):
    """(paid, overcharged?) for one visit, given the stated fee."""
    params = UNITS[unit]
    if params["overcharge"] is not None:
        p, (low, high), step = params["overcharge"]
        if rng.random() < p:
            extra = rng.randrange(low, high + 1, step)
            return fee + extra, True
    if fee > 0 and rng.random() < params["waiver"]:
        return 0, False
    return fee, False


def interaction_rows(rng, extras):
    """Rows of interactions.csv, sorted by arrival, ids 1..N.

    `extras` draws what the first version of the data did not have (assessed
    PBG fees, abandoned visits), so the rest of the data stays as it was.
    """
    records = []
    for unit, params in UNITS.items():
        for _ in range(params["n_int"]):
            service = pick(rng, params["services"])
            channel = "counter" if unit.startswith("kel-") \
                else pick(rng, CHANNELS[service])
            arrived, started, finished, wait = \
                visit_times(rng, unit, service, channel)
            fee = fee_of(service)
            if service == "pbg":
                fee = extras.choice(PBG_FEES)
            paid, overcharged = paid_amount(rng, unit, fee)
            abandoned = extras.random() < P_ABANDONED.get(unit, 0.0)

            theta = rng.gauss(0, THETA_SD)
            target = STANDARDS.get(service, (None,))[0]
            slow = 0.0 if target is None or channel != "counter" \
                else max(0.0, (wait - target) / target) * 0.6
            answers = [None] * 9
            if rng.random() < P_SKM_ANSWERED:
                answers = skm_answers(rng, unit, service, theta,
                                      slow, overcharged)
            empathy = empathy_rating(rng, unit, theta - 0.3 * slow) \
                if rng.random() < P_EMPATHY else None
            recommend = recommend_score(rng, unit, theta - 0.3 * slow,
                                        overcharged) \
                if rng.random() < P_RECOMMEND else None
            # Nothing after the snapshot is known.
            if abandoned or finished > EXTRACTED_AT:
                finished = None
            if started > EXTRACTED_AT:
                started = None
            records.append((arrived, unit, service, [
                service, unit, channel, rfc3339(arrived),
                None if started is None else rfc3339(started),
                None if finished is None else rfc3339(finished),
                fee, paid, *answers, empathy, recommend]))

    records.sort(key=lambda r: (r[0], r[1], r[2]))
    return [[i, *row] for i, (_, _, _, row) in enumerate(records, start=1)]


# --------------------------------------------------------------------------
# skm.csv
# --------------------------------------------------------------------------

def respondent_profile(rng, unit):
    """[gender, age, education, occupation], each blank with p = 2 %."""
    p_female = 0.62 if unit == "puskesmas-kota" else 0.5
    gender = "P" if rng.random() < p_female else "L"
    age = int(min(75, max(17, round(rng.triangular(17, 75, 32)))))
    education = pick(rng, EDUCATION)
    occupation = pick(rng, OCCUPATION)
    return [maybe_blank(rng, v, P_PROFILE_BLANK)
            for v in (gender, age, education, occupation)]


def skm_rows(rng, extras):
    """Rows of skm.csv, sorted by submission time; `extras` draws the
    suggestions, so the answers stay as they were."""
    records = []
    for unit, params in UNITS.items():
        for _ in range(params["n_skm"]):
            service = pick(rng, params["services"])
            submitted = at(working_day(rng),
                           arrival_minute(rng, latest=16 * 60) + 20)
            theta = rng.gauss(0, THETA_SD)
            answers = skm_answers(rng, unit, service, theta)
            saran = extras.choice(SARAN) if extras.random() < P_SARAN else None
            records.append((submitted, unit, [
                service, unit, rfc3339(submitted), *answers,
                *respondent_profile(rng, unit), saran]))
    records.sort(key=lambda r: (r[0], r[1]))
    return [row for _, _, row in records]


# --------------------------------------------------------------------------
# complaints.csv
# --------------------------------------------------------------------------

def office_lag_minutes(rng, median_hours, sigma):
    """A lognormal lag in whole office minutes, at least the minimum."""
    hours = rng.lognormvariate(math.log(median_hours), sigma)
    return max(COMPLAINT_MIN_MINUTES, round(hours * 60))


def complaint_times(rng, unit):
    """(filed, first_response or None, resolved or None) for one complaint.

    Every random draw is made whatever the outcome, so the stream does not
    depend on which events end up blank.  Events after the extraction
    moment are blank; a complaint never answered is never resolved.
    """
    params = COMPLAINT_HANDLING[unit]
    filed = at(working_day(rng), arrival_minute(rng, latest=OFFICE_CLOSE))
    respond_lag = office_lag_minutes(rng, params["respond_h"],
                                     COMPLAINT_RESPOND_SIGMA)
    resolve_lag = office_lag_minutes(rng, params["resolve_h"],
                                     COMPLAINT_RESOLVE_SIGMA)
    fate = rng.random()
    ignored = fate < params["p_ignored"]
    stalled = fate < params["p_ignored"] + params["p_stalled"]

    responded = None if ignored else add_office_minutes(filed, respond_lag)
    if responded is not None and responded > COMPLAINTS_EXTRACTED_AT:
        responded = None
    resolved = None
    if responded is not None and not stalled:
        resolved = add_office_minutes(responded, resolve_lag)
        if resolved > COMPLAINTS_EXTRACTED_AT:
            resolved = None
    return filed, responded, resolved


def complaint_rows(rng, extras):
    """Rows of complaints.csv, sorted by filing time; `extras` draws the
    categories, so the times stay as they were."""
    records = []
    for unit, params in COMPLAINT_HANDLING.items():
        for _ in range(params["n"]):
            service = pick(rng, UNITS[unit]["services"])
            filed, responded, resolved = complaint_times(rng, unit)
            category = pick(extras, COMPLAINT_CATEGORIES)
            records.append((filed, unit, service, [
                unit, service, rfc3339(filed),
                None if responded is None else rfc3339(responded),
                None if resolved is None else rfc3339(resolved), category]))
    records.sort(key=lambda r: (r[0], r[1], r[2]))
    return [row for _, _, _, row in records]


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

def write_csv(name, header, rows):
    """Write `rows` under `header` to OUT_DIR/name with '\\n' endings."""
    path = os.path.join(OUT_DIR, name)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


HOLIDAY_HEADER = ["date", "kind"]


def holiday_rows():
    """The days the city's offices are closed besides weekends, for working-day counts."""
    rows = [(d, "libur nasional") for d in NATIONAL_HOLIDAYS]
    rows += [(d, "cuti bersama") for d in CUTI_BERSAMA]
    return [[d.isoformat(), kind] for d, kind in sorted(rows)]


def main():
    """Generate all five files next to this script."""
    write_csv("standards.csv", STANDARDS_HEADER, standards_rows())
    write_csv("interactions.csv", INTERACTION_HEADER,
              interaction_rows(random.Random(SEED_INTERACTIONS),
                               random.Random(SEED_EXTRAS)))
    write_csv("skm.csv", SKM_HEADER,
              skm_rows(random.Random(SEED_SKM), random.Random(SEED_EXTRAS + 1)))
    write_csv("complaints.csv", COMPLAINT_HEADER,
              complaint_rows(random.Random(SEED_COMPLAINTS),
                             random.Random(SEED_EXTRAS + 2)))
    write_csv("holidays.csv", HOLIDAY_HEADER, holiday_rows())


if __name__ == "__main__":
    main()
