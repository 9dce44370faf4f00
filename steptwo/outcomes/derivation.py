"""Per-referral outcome derivation: the IDS101Referral derived fields NHS England computes, computed here
with a fixed number of queries for any number of referrals (no query per referral).

Definitions (domain reference §1.1, §1.3, §3):

* A referral's window runs from ReferralRequestReceivedDate to ServDischDate, both days included, in the
  service's local dates (Europe/London). Derived "as of" a day (the last day of a reporting period,
  default today): a referral discharged after that day is still open then, and its window ends on it.
* Treatment contact: AppType 02, 03 or 05 (appointments.codes.TREATMENT_APP_TYPES), attended
  (AttendOrDNACode 5 or 6) or unplanned (PlannedCareContIndicator N), in the window. Follow-ups (06) are
  never treatment. TherapySession_First/Second/LastDate are the dates of the first, second and last.
* Care contact (CareContact_Count): a contact of any AppType except follow-up (06), attended or
  unplanned, in the window: what decides "seen" in §1.1 (ended not seen: CareContact_Count = 0).
  DNAs, cancellations and contacts still waiting for an outcome are not care contacts.
* Assessment_FirstDate: the first such contact of AppType 01 or 03 (assessment, assessment and treatment).
* CompletedTreatment_Flag: ended (discharged on or before the as-of day) with >= 2 treatment contacts.
* Scores: current questionnaire responses (completed, not corrected or entered in error) of the
  referral, completed in the window, oldest first (completion time, then id). *_FirstScore is the first;
  *_LastScore the last, only when there are at least two (so LastScore present = paired scores).
* Anxiety measure (ADSM): the ADSM mapped (measures.AdsmMapping) to the referral's problem descriptor
  when it has paired scores and known cut-off and reliable-change index, else GAD-7 (§1.2). The problem
  descriptor is the referral's presenting complaint recorded by the as-of day, primary ahead of
  secondary, then the latest recorded, then the highest id ([NHSE-META-M] M203/M204). ADSM_FirstScore
  and ADSM_LastScore are the chosen measure's scores (GAD-7's when GAD-7 is used).
* Thresholds and ADSM mappings in force on the day the referral ended, or the as-of day while it is open
  (reference.py). Flags: judgement.py; open questions: rules.py.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, F, FilteredRelation, Max, Min, OuterRef, Q, Subquery, When
from django.utils import timezone

from steptwo.appointments.codes import ASSESSMENT_APP_TYPES, ATTENDED_CODES, TREATMENT_APP_TYPES, AppType
from steptwo.appointments.models import Appointment
from steptwo.core.formatting import format_score
from steptwo.measures import instruments
from steptwo.measures.models import QuestionnaireResponse, ResponseStatus
from steptwo.organisations.models import Team
from steptwo.outcomes import rules as outcome_rules
from steptwo.outcomes.dataset import service_request_id
from steptwo.outcomes.judgement import Flags, Scores, judge
from steptwo.outcomes.reference import ReferenceData
from steptwo.outcomes.sql import (
    DateReader,
    DecimalReader,
    InIds,
    LocalDate,
    LocalDateOnOrAfter,
    LocalDateOnOrBefore,
    SubqueryPerGroup,
    Undeclared,
    raw_rows,
    window_end,
)
from steptwo.referrals.models import PresentingComplaint, Referral

PHQ9, GAD7 = "phq9", "gad7"
OUTCOME_INSTRUMENTS = (PHQ9, GAD7, *instruments.ADSM_IDS)

# The per-referral CSV (issue 7): these columns in this order, then the extra ones.
CSV_COLUMNS = (
    "ServiceRequestId", "TherapySession_FirstDate", "TherapySession_SecondDate", "TherapySession_LastDate",
    "CareContact_Count", "TreatmentCareContact_Count", "CompletedTreatment_Flag", "PHQ9_FirstScore",
    "PHQ9_LastScore", "ADSM", "ADSM_FirstScore", "ADSM_LastScore", "GAD_FirstScore", "GAD_LastScore",
    "NotCaseness_Flag", "Recovery_Flag", "ReliableImprovement_Flag", "ReliableDeterioration_Flag",
    "NoChange_Flag", "ReliableRecovery_Flag",
)  # fmt: skip
# Not joined to teams and services: team_services() looks those few rows up. The join made the database
# read the referrals team by team rather than the ones asked for.
REFERRAL_FIELDS = ("pk", "team_id", "practitioner_id", "received", "discharged", "discharge__end_code")
EXTRA_COLUMNS = ("Assessment_FirstDate", "ReferralToFirstTreatment_Days", "FirstToSecondTreatment_Days")


@dataclass(frozen=True)
class ReferralOutcome:
    referral_id: int
    ods_code: str
    service_id: int
    team_id: int
    practitioner_id: int | None
    received_date: datetime.date
    ended_on: datetime.date | None  # ServDischDate, if on or before the as-of day
    end_code: str
    assessment_first_date: datetime.date | None
    therapy_first_date: datetime.date | None
    therapy_second_date: datetime.date | None
    therapy_last_date: datetime.date | None
    care_contact_count: int
    treatment_contact_count: int
    phq9: Scores | None
    gad7: Scores | None
    adsm: str  # instrument id of the anxiety measure used: an ADSM id, or "gad7"
    anxiety: Scores | None  # the scores of that measure
    flags: Flags

    @property
    def completed_treatment(self):
        return self.ended_on is not None and self.treatment_contact_count >= 2

    @property
    def days_to_first_treatment(self):
        return _days(self.received_date, self.therapy_first_date)

    @property
    def days_first_to_second_treatment(self):
        return _days(self.therapy_first_date, self.therapy_second_date)

    @property
    def paired_scores(self):
        """Paired PHQ-9 and paired anxiety-measure scores (§1.1, [NHSE-META-M] M199-M202)."""
        return bool(self.phq9 and self.phq9.paired and self.anxiety and self.anxiety.paired)

    def csv_row(self):
        """The per-referral CSV row: strings, "" where a value does not exist, flags True/False."""
        flags = self.flags
        return {
            "ServiceRequestId": service_request_id(self.ods_code, self.referral_id),
            "TherapySession_FirstDate": _iso(self.therapy_first_date),
            "TherapySession_SecondDate": _iso(self.therapy_second_date),
            "TherapySession_LastDate": _iso(self.therapy_last_date),
            "CareContact_Count": str(self.care_contact_count),
            "TreatmentCareContact_Count": str(self.treatment_contact_count),
            "CompletedTreatment_Flag": str(self.completed_treatment),
            "PHQ9_FirstScore": _first(self.phq9),
            "PHQ9_LastScore": _last(self.phq9),
            "ADSM": self.adsm,
            "ADSM_FirstScore": _first(self.anxiety),
            "ADSM_LastScore": _last(self.anxiety),
            "GAD_FirstScore": _first(self.gad7),
            "GAD_LastScore": _last(self.gad7),
            "NotCaseness_Flag": str(flags.not_caseness),
            "Recovery_Flag": str(flags.recovery),
            "ReliableImprovement_Flag": str(flags.reliable_improvement),
            "ReliableDeterioration_Flag": str(flags.reliable_deterioration),
            "NoChange_Flag": str(flags.no_change),
            "ReliableRecovery_Flag": str(flags.reliable_recovery),
            "Assessment_FirstDate": _iso(self.assessment_first_date),
            "ReferralToFirstTreatment_Days": _number(self.days_to_first_treatment),
            "FirstToSecondTreatment_Days": _number(self.days_first_to_second_treatment),
        }


def derive(referrals, *, as_of=None, scores_for=None, rules=None, reference=None):
    """One ReferralOutcome per referral in `referrals` (a queryset, or a list of ids), in primary-key order.

    as_of: the day to derive as at (default today): contacts, scores and problem descriptors after it are
    left out, and a referral discharged after it is open.
    scores_for: optionally a narrower queryset (or list of ids) of referrals whose scores are read (the aggregates read
    only those that ended in the period); the others have no scores and no flags.
    rules: rules.Rules (default: the settings); reference: reference.ReferenceData (default: loaded).
    Five queries (three with `reference` given), whatever the number of referrals.
    """
    as_of = as_of or timezone.localdate()
    rules = rules or outcome_rules.current()
    judging = _Judging(reference or ReferenceData.load(), rules, as_of)
    scores, descriptors = _scores(referrals if scores_for is None else scores_for, as_of)
    return [
        judging.outcome(row, scores.get(row[0]), descriptors.get(row[0]))
        for row in raw_rows(_contact_rows(referrals, as_of), CONTACT_COLUMNS)
    ]


# The columns _contact_rows selects, in this order (the rows are read raw, as the database returns them).
CONTACT_COLUMNS = (
    *REFERRAL_FIELDS, "care_contacts", "treatment_contacts",
    "first_treatment", "last_treatment", "first_assessment", "second_treatment",
)  # fmt: skip


def _contact_rows(referrals, as_of):
    """One row per referral: its fields and contact counts and dates, aggregated in the database. The
    contacts are joined once, already limited to care contacts (attended or unplanned, not follow-ups) in
    the window (the join condition), so they are counted as they are and each other aggregate only tests
    the appointment type. The earliest and latest contacts are
    found on the stored time and turned into a local date once per referral, not once per contact (the
    local date only ever grows with the time)."""
    in_window = Q(LocalDateOnOrAfter(LocalDate("appointments__starts_at"), F("received_date"))) & Q(
        LocalDateOnOrBefore(LocalDate("appointments__starts_at"), window_end(F("discharge__discharge_date"), as_of))
    )
    seen = Q(appointments__attendance__in=ATTENDED_CODES) | Q(appointments__planned=False)
    care = ~Q(appointments__app_type=AppType.FOLLOW_UP)  # so every joined contact is a care contact
    treatment = Q(contacts__app_type__in=TREATMENT_APP_TYPES)
    return (
        Referral.objects.filter(_among(referrals))
        .annotate(contacts=FilteredRelation("appointments", condition=seen & care & in_window))
        .annotate(received=Undeclared("received_date"), discharged=Undeclared("discharge__discharge_date"))
        .values(*REFERRAL_FIELDS)  # GROUP BY these only
        .annotate(
            care_contacts=Count("contacts__starts_at"),
            treatment_contacts=Count("contacts__starts_at", filter=treatment),
            first_treatment=LocalDate(Min("contacts__starts_at", filter=treatment)),
            last_treatment=LocalDate(Max("contacts__starts_at", filter=treatment)),
            first_assessment=LocalDate(
                Min("contacts__starts_at", filter=Q(contacts__app_type__in=ASSESSMENT_APP_TYPES))
            ),
            second_treatment=SubqueryPerGroup(_second_treatment(as_of)),
        )
        .values_list(*CONTACT_COLUMNS)
        .order_by("pk")
    )


def _second_treatment(as_of):
    """The local date of the referral's second treatment contact: a correlated subquery on columns the
    outer query groups by (the referral's id, received date and discharge date). Ordered by time only:
    two contacts at the same time have the same date, and the order is then the index's, with no sort."""
    return (
        Appointment.objects.filter(referral=OuterRef("pk"), app_type__in=TREATMENT_APP_TYPES)
        .filter(Q(attendance__in=ATTENDED_CODES) | Q(planned=False))
        .filter(LocalDateOnOrAfter(LocalDate("starts_at"), OuterRef("received_date")))
        .filter(LocalDateOnOrBefore(LocalDate("starts_at"), window_end(OuterRef("discharge__discharge_date"), as_of)))
        .order_by("starts_at")
        .values(day=LocalDate("starts_at"))[1:2]
    )


SCORE_COLUMNS = ("pk", "scored__instrument_id", "scores", "first_total", "last_total", "code_system", "code")


def _scores(referrals, as_of):
    """({referral pk: {instrument id: Scores}}, {referral pk: problem descriptor}) from one query.

    Each referral's current scores on the outcome measures in its window are joined once (the join
    condition) and counted per measure; the first and the last total are read by a subquery per referral
    and measure, which finds them at either end of the (referral, measure, completion time, id) index (the
    last only where there are two or more). The problem descriptor, (code system, code), is read the same
    way, only beside paired scores on an ADSM: for any other referral GAD-7 is the anxiety measure whatever
    the descriptor is (§1.2)."""
    day = LocalDate("responses__completed_at")
    in_window = Q(LocalDateOnOrAfter(day, F("received_date"))) & Q(
        LocalDateOnOrBefore(day, window_end(F("discharge__discharge_date"), as_of))
    )
    counted = Q(responses__status=ResponseStatus.COMPLETED, responses__instrument_id__in=OUTCOME_INSTRUMENTS)
    current = ~Q(responses__pk__in=Subquery(_superseded()))
    paired_adsm = Q(scores__gt=1, scored__instrument_id__in=instruments.ADSM_IDS)
    rows = (
        Referral.objects.filter(_among(referrals))
        .annotate(scored=FilteredRelation("responses", condition=counted & current & in_window))
        .values("pk", "scored__instrument_id", "received_date", "discharge__discharge_date")  # GROUP BY
        .annotate(
            scores=Count("scored"),
            first_total=SubqueryPerGroup(_total(as_of, newest=False)),
            last_total=Case(When(scores__gt=1, then=SubqueryPerGroup(_total(as_of, newest=True)))),
            code_system=Case(When(paired_adsm, then=SubqueryPerGroup(_problem_descriptor(as_of, "code_system")))),
            code=Case(When(paired_adsm, then=SubqueryPerGroup(_problem_descriptor(as_of, "code")))),
        )
        .values_list(*SCORE_COLUMNS)
        .order_by()
    )
    scores, descriptors, totals = {}, {}, DecimalReader()
    for referral_id, instrument_id, count, first, last, code_system, code in raw_rows(rows, SCORE_COLUMNS):
        if count:
            scores.setdefault(referral_id, {})[instrument_id] = Scores(totals[first], totals[last], count)
        if code_system is not None:
            descriptors[referral_id] = (code_system, code)
    return scores, descriptors


def _total(as_of, *, newest):
    """The first (or newest) current total on the outer row's referral and measure in the referral's window."""
    day = LocalDate("completed_at")
    order = ("-completed_at", "-pk") if newest else ("completed_at", "pk")
    return (
        QuestionnaireResponse.objects.filter(
            referral=OuterRef("pk"), instrument_id=OuterRef("scored__instrument_id"), status=ResponseStatus.COMPLETED
        )
        .exclude(pk__in=_superseded())
        .filter(LocalDateOnOrAfter(day, OuterRef("received_date")))
        .filter(LocalDateOnOrBefore(day, window_end(OuterRef("discharge__discharge_date"), as_of)))
        .order_by(*order)
        .values("total")[:1]
    )


def _superseded():
    """The ids of responses a correction replaced (QuestionnaireResponse.objects.current() leaves them out):
    a short list, tested by a lookup per response rather than a join to every response."""
    return QuestionnaireResponse.objects.filter(supersedes__isnull=False).values("supersedes_id")


def _problem_descriptor(as_of, field):
    """A field of the referral's problem descriptor (§1.2 last paragraph): its presenting complaint recorded
    by the as-of day, primary ahead of secondary, then the latest recorded, then the highest id
    ([NHSE-META-M] M203/M204)."""
    next_day = timezone.make_aware(datetime.datetime.combine(as_of + datetime.timedelta(days=1), datetime.time()))
    return (
        PresentingComplaint.objects.filter(referral=OuterRef("pk"), recorded_at__lt=next_day)
        .order_by("-primary", "-recorded_at", "-pk")
        .values(field)[:1]
    )


class _Judging:
    """Turns the raw rows into ReferralOutcomes: dates and totals as the database returns them are read
    through small caches, and the reference data in force on a day is looked up once per day and measure."""

    def __init__(self, reference, rules, as_of):
        self.reference, self.rules, self.as_of = reference, rules, as_of
        self.services = team_services()
        self.dates = DateReader()
        self._thresholds = {}

    def threshold(self, instrument_id, on):
        key = (instrument_id, on)
        if key not in self._thresholds:
            self._thresholds[key] = self.reference.threshold(instrument_id, on)
        return self._thresholds[key]

    def outcome(self, row, scores, descriptor):
        (
            pk, team_id, practitioner_id, received, discharged, end_code, care_contacts,
            treatment_contacts, first, last, first_assessment, second,
        ) = row  # fmt: skip
        service_id, ods_code = self.services[team_id]
        dates = self.dates
        discharged = dates[discharged]
        ended_on = discharged if discharged is not None and discharged <= self.as_of else None
        if scores:
            phq9, gad7, anxiety_id, anxiety, flags = self._judged(scores, descriptor, ended_on, treatment_contacts)
        else:  # no scores: what judge() gives for none, without asking it
            phq9, gad7, anxiety_id, anxiety, flags = None, None, GAD7, None, NO_FLAGS
        return make_outcome({
            "referral_id": pk, "ods_code": ods_code, "service_id": service_id, "team_id": team_id,
            "practitioner_id": practitioner_id, "received_date": dates[received], "ended_on": ended_on,
            "end_code": (end_code or "") if ended_on else "", "assessment_first_date": dates[first_assessment],
            "therapy_first_date": dates[first], "therapy_second_date": dates[second],
            "therapy_last_date": dates[last], "care_contact_count": care_contacts,
            "treatment_contact_count": treatment_contacts, "phq9": phq9, "gad7": gad7, "adsm": anxiety_id,
            "anxiety": anxiety, "flags": flags,
        })  # fmt: skip

    def _judged(self, scores, descriptor, ended_on, treatment_contacts):
        judged_on = ended_on or self.as_of
        anxiety_id = _anxiety_measure(scores, descriptor, self.reference, judged_on, self.threshold)
        phq9, anxiety = scores.get(PHQ9), scores.get(anxiety_id)
        flags = judge(
            phq9=phq9, anxiety=anxiety, finished=ended_on is not None and treatment_contacts >= 2, rules=self.rules,
            phq9_threshold=self.threshold(PHQ9, judged_on), anxiety_threshold=self.threshold(anxiety_id, judged_on),
        )  # fmt: skip
        return phq9, scores.get(GAD7), anxiety_id, anxiety, flags


NO_FLAGS = Flags()


def team_services():
    """{team id: (its service's id, the service's ODS code)}: one query for every team."""
    return {
        team: (service, ods_code)
        for team, service, ods_code in Team.objects.values_list("pk", "service", "service__ods_code")
    }


def make_outcome(fields):
    """ReferralOutcome(**fields) without the frozen dataclass's __init__, which sets each of the 19 fields
    through object.__setattr__: a fifth of the time for the tens of thousands of referrals of a year. The
    object is the same (every field set, nothing else; there is no __post_init__)."""
    outcome = object.__new__(ReferralOutcome)
    object.__setattr__(outcome, "__dict__", fields)
    return outcome


def _anxiety_measure(scores, descriptor, reference, on, threshold_for):
    """§1.2: the descriptor's ADSM when it has paired scores (and the reference data can judge it: a
    caseness cut-off and a reliable-change index in force), else GAD-7."""
    if descriptor is None:
        return GAD7
    adsm = reference.adsm(*descriptor, on)
    threshold = threshold_for(adsm, on) if adsm else None
    usable = threshold is not None and threshold.caseness_cutoff is not None and threshold.reliable_change is not None
    if adsm and usable and adsm in scores and scores[adsm].paired:
        return adsm
    return GAD7


def _among(referrals):
    """A condition on Referral: one of `referrals`, a queryset or a list of ids (for a list, a condition
    the database reads without a subquery: see sql.InIds)."""
    if isinstance(referrals, list | tuple):
        return InIds("pk", referrals)
    return Q(pk__in=referrals.order_by().values("pk"))


def _days(start, end):
    return (end - start).days if start and end else None


def _iso(value):
    return value.isoformat() if value else ""


def _number(value):
    return "" if value is None else str(value)


def _first(scores):
    return format_score(scores.first) if scores else ""


def _last(scores):
    return format_score(scores.last) if scores else ""
