"""Outcome figures for any date range, by service, team or PWP (domain reference §1.1, §1.4, §3, §3.1).

Which referrals count (all dates inclusive, the service's local dates):
* received: ReferralRequestReceivedDate in the period.
* entered treatment: TherapySession_FirstDate in the period.
* ended: ServDischDate in the period, split as §1.1 ([NHSE-META-M] M073-M076): not seen (no care
  contact), seen but not treated (care contacts, no treatment contact), one treatment contact, finished a
  course (two or more treatment contacts).
* outcomes (caseness, recovery, reliable improvement/recovery/deterioration, no reliable change), waits
  to first treatment and paired-score completeness: the finished cohort, with the §1.1 denominators.
  Waits: TherapySession_FirstDate − ReferralRequestReceivedDate <= 42 days (6 weeks) and <= 126 days
  (18 weeks) (§3; 42 days is within, 43 is not).
* first-to-second waits: referrals whose second treatment contact is in the period; the share waiting
  more than 90 days (§3, [NHSE-META-M] M046/M047).
* DNA and cancellation rates: appointments (care contacts) dated in the period with an outcome recorded
  (AttendOrDNACode 2-7, §3.1); DNA = code 3, patient cancellation = 2, service cancellation = 4, each over
  all of them.
Each referral is derived as at the period's last day (derivation.py).

Grouping: by the referral's service, its team, or its allocated PWP (Referral.practitioner; "Not
allocated" when none). Appointment rates follow the appointment: its referral's service or team, or the
practitioner who held it.

The dashboards (views/, trends.py) use the pieces outcomes_report is made of: derive_period (one derivation
of a range), cohorts (the referrals behind each figure, so a drill-down lists exactly what was counted),
measures_for (the figures of any list of outcomes and appointment counts), grouped, and the appointment
counts by group, by day, or both at once.

Publication mode (the national disclosure rule, §9 note: [NHSE-SQL] suppression): every count under 5 is
suppressed (None, shown as "*"), every other count rounded to the nearest 5. A rate is then computed
from the published (rounded) numerator and denominator, as NHS Digital's disclosure-control guidance
does so that it cannot be used to recover the exact counts, and is withheld when either was suppressed.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count as CountOf

from steptwo.accounts.models import User
from steptwo.appointments.codes import AttendOrDNACode
from steptwo.appointments.models import Appointment
from steptwo.organisations.models import Service, Team
from steptwo.outcomes import rules as outcome_rules
from steptwo.outcomes import storage
from steptwo.outcomes.periods import open_in_period
from steptwo.outcomes.reference import ReferenceData
from steptwo.outcomes.sql import LocalDate, on_local_days
from steptwo.referrals.models import Referral

GROUPINGS = ("service", "team", "pwp")
SIX_WEEKS, EIGHTEEN_WEEKS, NINETY_DAYS = 42, 126, 90  # days, §3
SUPPRESS_BELOW, ROUND_TO = 5, 5

MEASURES = {
    "referrals_received": "Referrals received",
    "entered_treatment": "Entered treatment (first treatment contact)",
    "ended": "Referrals ended",
    "ended_not_seen": "Ended: not seen",
    "ended_seen_not_treated": "Ended: seen but not treated",
    "ended_one_treatment": "Ended after one treatment contact",
    "finished_course": "Finished a course of treatment",
    "finished_at_caseness": "Finished a course at caseness",
    "not_at_caseness": "Finished a course, not at caseness",
    "recovery": "Recovery",
    "reliable_improvement": "Reliable improvement",
    "reliable_recovery": "Reliable recovery",
    "reliable_deterioration": "Reliable deterioration",
    "no_reliable_change": "No reliable change",
    "waited_6_weeks": "Waited 6 weeks or less for first treatment (finished a course)",
    "waited_18_weeks": "Waited 18 weeks or less for first treatment (finished a course)",
    "first_to_second_over_90_days": "Waited over 90 days from first to second treatment",
    "paired_scores": "Paired PHQ-9 and anxiety scores (finished a course)",
    "dna": "Did not attend",
    "patient_cancellation": "Cancelled by the patient",
    "service_cancellation": "Cancelled by the service",
}


@dataclass(frozen=True)
class Count:
    value: int | None  # None: suppressed in publication mode


@dataclass(frozen=True)
class Rate:
    numerator: int | None
    denominator: int | None
    percent: Decimal | None  # one decimal place; None without a denominator, or withheld


def rate(numerator, denominator):
    """numerator / denominator as a percentage to one decimal place (half up); None if nothing to divide by."""
    if not denominator:
        return Rate(numerator, denominator, None)
    percent = (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Rate(numerator, denominator, percent)


def recovery_rate(*, recovered, finished, not_caseness):
    """§1.1: recovered / (finished a course − finished not at caseness)."""
    return rate(recovered, finished - not_caseness)


@dataclass(frozen=True)
class Group:
    kind: str  # "service", "team" or "pwp"
    id: int | None
    code: str  # ODS code, team code or username
    name: str
    measures: dict = field(default_factory=dict)  # MEASURES key → Count or Rate


@dataclass(frozen=True)
class Report:
    start: object
    end: object
    by: str
    publication: bool
    rules: dict
    groups: list


def outcomes_report(start, end, *, referrals=None, by="service", publication=False, rules=None):
    """The figures for the period start..end (dates, inclusive), one Group per service, team or PWP.

    referrals: the referrals to report on (default all): e.g. a team's, or Referral.objects.for_user(user).
    A fixed number of queries, whatever the number of referrals or groups.
    """
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {', '.join(GROUPINGS)}")
    rules = rules or outcome_rules.current()
    outcomes = derive_period(start, end, referrals=referrals, rules=rules)
    attendance = attendance_counts(appointments_of(referrals), start, end, by)
    report = Report(start, end, by, False, rules.as_dict(), grouped(outcomes, attendance, start, end, by, rules))
    return publish(report) if publication else report


def derive_period(start, end, *, referrals=None, rules=None):
    """The ReferralOutcome of every referral open in the period, derived as at its last day, with scores
    (and so flags) only for those that ended in it: what every figure of the period is counted from.

    A referral that ended on or before a day in the period gets the same outcome as it would derived as
    at that day (its window ends at its discharge, and thresholds are those in force on the day it ended),
    so one derivation over a range serves each month of it (trends.py). Ended referrals are read from their
    stored outcomes where those are current, and stored where not (storage.py, ADR 0012)."""
    rules = rules or outcome_rules.current()
    base = Referral.objects.all() if referrals is None else referrals
    active = open_in_period(base, start, end)
    return storage.outcomes(active, as_of=end, rules=rules, reference=ReferenceData.load())


def grouped(outcomes, attendance, start, end, by, rules):
    """One Group per key of `by` found among the outcomes or the appointment counts, sorted by name."""
    by_group = defaultdict(list)
    for outcome in outcomes:
        by_group[group_key(outcome, by)].append(outcome)
    keys = set(by_group) | set(attendance)
    labels = _labels(by, keys)
    groups = [
        Group(by, key, *labels[key], measures_for(by_group[key], attendance.get(key, {}), start, end, rules))
        for key in keys
    ]
    groups.sort(key=lambda group: (group.name.lower(), group.code))
    return groups


def cohorts(outcomes, start, end, rules):
    """{cohort name: [ReferralOutcome]}: the referrals behind each figure of the period (the numerators'
    and denominators' referrals), so that a figure and its drill-down are counted by the same code."""

    received, entered, ended, second = _by_date(outcomes, start, end)
    finished = [outcome for outcome in ended if outcome.treatment_contact_count >= 2]  # CompletedTreatment_Flag
    at_caseness = [outcome for outcome in finished if not outcome.flags.not_caseness]
    waits = [(outcome, _days_to_first_treatment(outcome)) for outcome in finished]
    result = {
        "referrals_received": received,
        "entered_treatment": entered,
        "ended": ended,
        "ended_not_seen": [outcome for outcome in ended if outcome.care_contact_count == 0],
        "ended_seen_not_treated": [
            outcome for outcome in ended if outcome.care_contact_count > 0 and outcome.treatment_contact_count == 0
        ],
        "ended_one_treatment": [outcome for outcome in ended if outcome.treatment_contact_count == 1],
        "finished_course": finished,
        "finished_at_caseness": at_caseness,
        "not_at_caseness": [outcome for outcome in finished if outcome.flags.not_caseness],
        "reliable_recovery_denominator": (
            at_caseness if rules.reliable_recovery_denominator == outcome_rules.FINISHED_AT_CASENESS else finished
        ),
        "waited_6_weeks": [outcome for outcome, days in waits if days is not None and days <= SIX_WEEKS],
        "waited_18_weeks": [outcome for outcome, days in waits if days is not None and days <= EIGHTEEN_WEEKS],
        "second_treatment": second,
        "first_to_second_over_90_days": [
            outcome for outcome in second if outcome.days_first_to_second_treatment > NINETY_DAYS
        ],
        "paired_scores": [outcome for outcome in finished if outcome.paired_scores],
    }
    for measure, flag in _FLAG_MEASURES.items():
        result[measure] = [outcome for outcome in finished if getattr(outcome.flags, flag)]
    return result


def _by_date(outcomes, start, end):
    """The outcomes received, first treated, ended and second treated in the period: one pass over them
    (a year of a large service is some 80,000 referrals, and the page does this for each month too)."""
    received, entered, ended, second = [], [], [], []
    for outcome in outcomes:
        if start <= outcome.received_date <= end:
            received.append(outcome)
        day = outcome.therapy_first_date
        if day is not None and start <= day <= end:
            entered.append(outcome)
        day = outcome.ended_on
        if day is not None and start <= day <= end:
            ended.append(outcome)
        day = outcome.therapy_second_date
        if day is not None and start <= day <= end:
            second.append(outcome)
    return received, entered, ended, second


def _days_to_first_treatment(outcome):
    first = outcome.therapy_first_date
    return None if first is None else (first - outcome.received_date).days


# Each rate's (numerator cohort, denominator cohort); every other referral measure is a count of its cohort.
RATE_COHORTS = {
    # §1.1: recovered / (finished a course − finished not at caseness), i.e. over those finished at caseness.
    "recovery": ("recovery", "finished_at_caseness"),
    "reliable_improvement": ("reliable_improvement", "finished_course"),
    "reliable_recovery": ("reliable_recovery", "reliable_recovery_denominator"),  # §10 Q5: a setting
    "reliable_deterioration": ("reliable_deterioration", "finished_course"),
    "no_reliable_change": ("no_reliable_change", "finished_course"),
    "waited_6_weeks": ("waited_6_weeks", "finished_course"),
    "waited_18_weeks": ("waited_18_weeks", "finished_course"),
    "first_to_second_over_90_days": ("first_to_second_over_90_days", "second_treatment"),
    "paired_scores": ("paired_scores", "finished_course"),
}
COUNT_MEASURES = (
    "referrals_received", "entered_treatment", "ended", "ended_not_seen", "ended_seen_not_treated",
    "ended_one_treatment", "finished_course", "finished_at_caseness", "not_at_caseness",
)  # fmt: skip
# Appointment measures (§3.1): AttendOrDNACode over every appointment in the period with an outcome.
APPOINTMENT_MEASURES = {
    "dna": AttendOrDNACode.DID_NOT_ATTEND,
    "patient_cancellation": AttendOrDNACode.CANCELLED_BY_PATIENT,
    "service_cancellation": AttendOrDNACode.CANCELLED_BY_SERVICE,
}
_FLAG_MEASURES = {
    "recovery": "recovery",
    "reliable_improvement": "reliable_improvement",
    "reliable_recovery": "reliable_recovery",
    "reliable_deterioration": "reliable_deterioration",
    "no_reliable_change": "no_change",
}


def measures_for(outcomes, attendance, start, end, rules):
    """{MEASURES key: Count or Rate} of the period start..end from ReferralOutcome rows (any that are not
    in the period are left out by date) and appointment counts {AttendOrDNACode: appointments}."""
    groups = cohorts(outcomes, start, end, rules)
    measures = {name: Count(len(groups[name])) for name in COUNT_MEASURES}
    for name, (numerator, denominator) in RATE_COHORTS.items():
        measures[name] = rate(len(groups[numerator]), len(groups[denominator]))
    with_outcome = sum(attendance.values())
    for name, code in APPOINTMENT_MEASURES.items():
        measures[name] = rate(attendance.get(code, 0), with_outcome)
    return {name: measures[name] for name in MEASURES}


def group_key(outcome, by):
    """The outcome's group: its service's, team's or allocated PWP's id (None: not allocated)."""
    return {"service": outcome.service_id, "team": outcome.team_id, "pwp": outcome.practitioner_id}[by]


# An appointment's service is its practitioner's (booking refuses a practitioner of another service), which
# spares a join to the referral for every appointment of the year.
APPOINTMENT_GROUP_FIELDS = {
    "service": "practitioner__service_id",
    "team": "referral__team_id",
    "pwp": "practitioner_id",
}


def appointments_of(referrals):
    """The appointments of the given referrals (None: every appointment)."""
    appointments = Appointment.objects.all()
    if referrals is not None:
        appointments = appointments.filter(referral__in=referrals.order_by().values("pk"))
    return appointments


def attendance_counts(appointments, start, end, by):
    """{group key: {AttendOrDNACode: appointments}} for the appointments dated (local date) in the period
    with an outcome."""
    counts = defaultdict(dict)
    for group, code, number in _with_outcome(appointments, start, end, APPOINTMENT_GROUP_FIELDS[by]):
        counts[group][code] = number
    return counts


def daily_attendance_counts(appointments, start, end):
    """{local date: {AttendOrDNACode: appointments}}, for the monthly trends (trends.py)."""
    counts = defaultdict(dict)
    for day, code, number in _with_outcome(appointments, start, end, "day"):
        counts[_as_date(day)][code] = number
    return counts


def attendance_counts_by_group_and_day(appointments, start, end, by):
    """{group key: {local date: {AttendOrDNACode: appointments}}} (by None: the one key None), from one
    reading of the appointments: what a page that shows both groups and months needs."""
    counts = defaultdict(lambda: defaultdict(dict))
    keys = ("day",) if by is None else (APPOINTMENT_GROUP_FIELDS[by], "day")
    for *key, code, number in _with_outcome(appointments, start, end, *keys):
        group, day = (None, *key) if by is None else key
        counts[group][_as_date(day)][code] = number
    return counts


def _with_outcome(appointments, start, end, *keys):
    # The same days either way. By service or PWP, a range of stored times reads the practitioner index
    # (large demo, a year: 0.3 s against 0.65-1.1 s); by team or by day, the planner does better on the
    # local date (the range took 1.6-3.3 s there).
    if "day" in keys or keys == (APPOINTMENT_GROUP_FIELDS["team"],):
        in_period = appointments.annotate(day=LocalDate("starts_at")).filter(day__gte=start, day__lte=end)
    else:
        in_period = appointments.filter(on_local_days("starts_at", start, end))
    return (
        in_period.exclude(attendance="")
        .values_list(*keys, "attendance")
        .annotate(appointments=CountOf("pk"))
        .order_by()
    )


def _as_date(value):
    """SQLite returns the LocalDate shortcut's text as it is; other databases a date."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def group_label(by, key, *, service_id):
    """(code, name) of one group of a service, or None if it is not one of that service's."""
    if key is None:
        return _labels(by, set())[None]
    model = {"service": Service, "team": Team, "pwp": User}[by]
    lookup = {"pk": key} if by == "service" else {"pk": key, "service_id": service_id}
    if by == "service" and key != service_id or not model.objects.filter(**lookup).exists():
        return None
    return _labels(by, {key})[key]


def _labels(by, keys):
    """{group key: (code, name)} in one query."""
    ids = [key for key in keys if key is not None]
    if by == "service":
        rows = {
            pk: (ods, name)
            for pk, ods, name in Service.objects.filter(pk__in=ids).values_list("pk", "ods_code", "name")
        }
    elif by == "team":
        rows = {
            pk: (code, name) for pk, code, name in Team.objects.filter(pk__in=ids).values_list("pk", "code", "name")
        }
    else:
        rows = {user.pk: (user.username, str(user)) for user in User.objects.filter(pk__in=ids).only(
            "username", "first_name", "last_name")}  # fmt: skip
    rows[None] = ("", "Not allocated")
    return rows


def publish(report):
    """The report as published: counts under 5 suppressed, the rest rounded to the nearest 5, rates from
    the rounded counts (see the module docstring)."""
    groups = [replace(group, measures=publish_measures(group.measures)) for group in report.groups]
    return replace(report, publication=True, groups=groups)


def publish_measures(measures):
    """{name: Count or Rate} as published (see publish)."""
    return {name: _published(value) for name, value in measures.items()}


def _published(value):
    if isinstance(value, Count):
        return Count(round_for_publication(value.value))
    numerator, denominator = round_for_publication(value.numerator), round_for_publication(value.denominator)
    if numerator is None or denominator is None:
        return Rate(numerator, denominator, None)
    return rate(numerator, denominator)


def round_for_publication(count):
    """None under 5; otherwise the nearest multiple of 5 (counts are whole, so there is never a tie)."""
    if count is None or count < SUPPRESS_BELOW:
        return None
    return (count + ROUND_TO // 2) // ROUND_TO * ROUND_TO
