"""What the caseload page and the supervisor's review list know about each open case.

`facts_for(referrals, today=...)` (below the types) computes these for any number of referrals in a fixed
number of queries, whatever the caseload's size: no per-referral queries (tests assert the count).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from steptwo.appointments.codes import AttendOrDNACode
from steptwo.appointments.models import Appointment
from steptwo.assessments import risk_changes
from steptwo.assessments.models import RiskAssessment
from steptwo.measures import adsm, instruments, remote
from steptwo.measures.models import AdsmMapping, CompletionRequest, ItemAnswer, QuestionnaireResponse, Threshold
from steptwo.referrals.codes import ReferralStatus, RiskLevel
from steptwo.referrals.models import PresentingComplaint
from steptwo.supervision import etr
from steptwo.supervision.codes import PLAN_DECISIONS
from steptwo.supervision.models import CaseDiscussion
from steptwo.tasks.models import Task
from steptwo.treatment.codes import NoteStatus
from steptwo.treatment.models import SessionNote


@dataclass(frozen=True)
class MeasureChange:
    """First and latest current totals of one measure in this referral, with the change judged."""

    instrument_id: str  # "phq9", "gad7" or the ADSM's id
    short_name: str  # "PHQ-9"
    first: Decimal
    latest: Decimal
    first_on: datetime.date
    latest_on: datetime.date
    count: int
    reliable_change_index: Decimal | None  # from measures' versioned Threshold in force on latest_on
    caseness_cutoff: Decimal | None
    unverified: bool  # the threshold row is not verified (show "unverified")

    @property
    def change(self):
        return self.latest - self.first

    @property
    def reliable(self):
        """ "improvement", "deterioration", "none", or "" when it cannot be judged (one score, no index)."""
        if self.count < 2 or self.reliable_change_index is None:
            return ""
        if abs(self.change) < self.reliable_change_index:
            return "none"
        return "improvement" if self.change < 0 else "deterioration"


@dataclass(frozen=True)
class NotOnTrack:
    instrument_id: str
    score: Decimal
    boundary: Decimal
    session_number: int
    synthetic_curves: bool  # judged against the shipped starter table (say so)


@dataclass(frozen=True)
class CaseFacts:
    referral: object  # Referral with patient, team and practitioner loaded
    treatment_sessions: int  # attended treatment contacts (planned or unplanned), follow-ups excluded
    last_contact_on: datetime.date | None  # last attended contact of any type
    next_appointment: object | None  # the next booked appointment (no outcome yet, starting from now)
    days_since_last_contact: int | None  # from the last attended contact, else from the received date
    consecutive_dnas: int  # "did not attend" outcomes in a row, newest first, before any attended one
    measures: dict = field(default_factory=dict)  # {"phq9": MeasureChange, "gad7": ..., "adsm": ...}
    not_on_track: tuple = ()  # NotOnTrack for each measure (PHQ-9, GAD-7) off its curve
    open_tasks: tuple = ()  # open Task rows of the referral, due date order
    outstanding_questionnaires: int = 0  # questionnaire links sent and still open
    last_discussed_on: datetime.date | None = None  # newest supervision CaseDiscussion's session date
    last_decision: str = ""  # that discussion's decision (codes.CaseDecision), "" when never discussed
    risk_raised_since_discussed: bool = False  # a RiskAssessment raised the level after that date
    item9_since_discussed: bool = False  # a PHQ-9 with question 9 above 0 completed after that date
    assessed_without_decision: bool = False  # status ASSESSED: the assessment started, no decision recorded
    has_discharge_or_step_up_plan: bool = False  # a supervision decision to step up or discharge
    notes_awaiting_sign_off: int = 0  # trainee session notes waiting for the supervisor


# How `facts_for` reads the history (each choice below is what the review list and the caseload rely on):
# - Measures: current responses only (completed, not superseded), oldest first; thresholds are the
#   measures.Threshold row in force on the latest score's date. The ADSM follows the newest primary problem
#   descriptor through the AdsmMapping rows in force today (domain reference §1.2), as measures.adsm does.
# - "Since discussed": an event counts when it happened on a later day than the newest case discussion's
#   session, or on that day after the discussion was recorded (so what the meeting already saw is not
#   new, and something completed later that day is). Never discussed: since the referral was received.
# - Risk raised: a RiskAssessment whose level is above the one before it (risk_changes.direction), or a
#   first one at moderate or high (risk newly found is news to supervision). Risk that went up and back
#   down since the discussion still counts: the supervisor should hear of it.
# - Item 9: a current PHQ-9 response whose question 9 answer meets PHQ-9's own risk rule (measures raise a
#   risk-review Task from the same rule). The answer, not the Task, is used: a corrected response that no
#   longer endorses item 9 stops counting, and responses that raised no task (e.g. imported) still count.
#   Open risk-review tasks are in `open_tasks` whatever their source.
# - Consecutive DNAs: outcomes newest first; "did not attend" (code 3) counts, an attended contact stops the
#   count, cancellations and "arrived late, not seen" neither count nor stop it (domain reference §3.1).
# - Not on track (domain reference §6): PHQ-9 and GAD-7 only, for referrals in treatment with at least one
#   treatment session. Intake score = the first score; session number = treatment sessions attended up to
#   the latest score's date; not on track when the latest score is above the curve's boundary there.

_PHQ9_ITEM_9 = next(rule for rule in instruments.get("phq9").risk_rules if rule.item_id == "q9")


def facts_for(referrals, *, today):
    """[CaseFacts] for a queryset of referrals (already scoped by the caller), in its order."""
    if hasattr(referrals, "select_related"):
        referrals = referrals.select_related("patient", "team__service", "practitioner")
    referrals = list(referrals)
    if not referrals:
        return []
    ids = [referral.pk for referral in referrals]
    adsm_ids = _adsm_ids(ids, today)
    history = _History(
        appointments=_appointments(ids),
        scores=_scores(ids, {"phq9", "gad7", *adsm_ids.values()}),
        thresholds=_thresholds(),
        risk=_risk_assessments(ids),
        discussions=_discussions(ids),
        tasks=_open_tasks(ids),
        questionnaires=_outstanding_questionnaires(ids),
        notes=_notes_awaiting_sign_off(ids),
        curves=_curves(referrals),
    )
    return [history.facts(referral, adsm_ids.get(referral.pk), today=today) for referral in referrals]


@dataclass(frozen=True)
class _Since:
    """The moment after which an event is news to supervision (see the notes above facts_for)."""

    day: datetime.date
    recorded_at: datetime.datetime | None = None  # when the newest discussion was recorded; None: received date

    def includes(self, moment):
        day = timezone.localdate(moment)
        if self.recorded_at is None:
            return day >= self.day
        return day > self.day or (day == self.day and moment > self.recorded_at)


@dataclass
class _History:
    appointments: dict
    scores: dict  # {referral id: {instrument id: [(total, completed_at, item 9 or None)]}}
    thresholds: dict
    risk: dict
    discussions: dict
    tasks: dict
    questionnaires: dict
    notes: dict
    curves: dict  # {service id: {instrument id: etr.Curves}}

    def facts(self, referral, adsm_id, *, today):
        appointments = self.appointments.get(referral.pk, [])
        attended = [appointment for appointment in appointments if appointment.attended]
        last_contact_on = timezone.localdate(attended[-1].starts_at) if attended else None
        discussions = self.discussions.get(referral.pk, [])
        newest = discussions[-1] if discussions else None
        since = (
            _Since(newest["session__held_on"], newest["session__recorded_at"])
            if newest
            else _Since(referral.received_date)
        )
        scores = self.scores.get(referral.pk, {})
        measures = self._measures(scores, adsm_id)
        return CaseFacts(
            referral=referral,
            treatment_sessions=sum(appointment.is_treatment for appointment in appointments),
            last_contact_on=last_contact_on,
            next_appointment=_next_appointment(appointments),
            days_since_last_contact=(today - (last_contact_on or referral.received_date)).days,
            consecutive_dnas=_consecutive_dnas(appointments),
            measures=measures,
            not_on_track=self._not_on_track(referral, measures, appointments),
            open_tasks=tuple(self.tasks.get(referral.pk, ())),
            outstanding_questionnaires=self.questionnaires.get(referral.pk, 0),
            last_discussed_on=newest["session__held_on"] if newest else None,
            last_decision=newest["decision"] if newest else "",
            risk_raised_since_discussed=_risk_raised(self.risk.get(referral.pk, []), since),
            item9_since_discussed=any(
                item9 is not None and item9 >= _PHQ9_ITEM_9.minimum and since.includes(completed_at)
                for _total, completed_at, item9 in scores.get("phq9", [])
            ),
            assessed_without_decision=referral.status == ReferralStatus.ASSESSED,
            has_discharge_or_step_up_plan=any(row["decision"] in PLAN_DECISIONS for row in discussions),
            notes_awaiting_sign_off=self.notes.get(referral.pk, 0),
        )

    def _measures(self, scores, adsm_id):
        wanted = {"phq9": "phq9", "gad7": "gad7"}
        if adsm_id and adsm_id not in wanted:
            wanted["adsm"] = adsm_id
        measures = {}
        for key, instrument_id in wanted.items():
            scored = [score for score in scores.get(instrument_id, []) if score[0] is not None]
            if scored:
                measures[key] = self._measure_change(instrument_id, scored)
        return measures

    def _measure_change(self, instrument_id, scored):
        (first, first_at, _), (latest, latest_at, _) = scored[0], scored[-1]
        latest_on = timezone.localdate(latest_at)
        threshold = _threshold_on(self.thresholds.get(instrument_id, []), latest_on)
        return MeasureChange(
            instrument_id=instrument_id, short_name=instruments.get(instrument_id).short_name,
            first=first, latest=latest, first_on=timezone.localdate(first_at), latest_on=latest_on,
            count=len(scored),
            reliable_change_index=threshold.reliable_change if threshold else None,
            caseness_cutoff=threshold.caseness_cutoff if threshold else None,
            unverified=bool(threshold and not threshold.verified),
        )  # fmt: skip

    def _not_on_track(self, referral, measures, appointments):
        treatment_days = [timezone.localdate(a.starts_at) for a in appointments if a.is_treatment]
        if referral.status != ReferralStatus.IN_TREATMENT or not treatment_days:
            return ()
        curves = self.curves.get(referral.team.service_id, {})
        found = []
        for instrument_id in etr.MEASURES:
            change, curve = measures.get(instrument_id), curves.get(instrument_id)
            if change is None or curve is None:
                continue
            session_number = sum(day <= change.latest_on for day in treatment_days)
            point = curve.point(change.first, session_number)
            if point is not None and change.latest > point.boundary:
                found.append(
                    NotOnTrack(instrument_id, change.latest, point.boundary, session_number, curve.curve_set.synthetic)
                )
        return tuple(found)


def _next_appointment(appointments):
    now = timezone.now()
    return next((a for a in appointments if not a.attendance and a.starts_at >= now), None)


def _consecutive_dnas(appointments):
    count = 0
    for appointment in sorted(appointments, key=lambda a: (a.starts_at, a.pk), reverse=True):
        if appointment.attended:
            break
        if appointment.attendance == AttendOrDNACode.DID_NOT_ATTEND:
            count += 1
    return count


def _risk_raised(rows, since):
    """rows: the referral's (level, recorded_at), oldest first."""
    previous = ""
    for level, recorded_at in rows:
        change = risk_changes.direction(previous, level)
        newly_raised = change == "raised" or (change == "first" and level != RiskLevel.LOW)
        if newly_raised and since.includes(recorded_at):
            return True
        previous = level
    return False


def _threshold_on(rows, day):
    """The row in force on `day`: the newest whose effective-from date is not after it (rows oldest first)."""
    in_force = [row for row in rows if row.effective_from <= day]
    return in_force[-1] if in_force else None


# One query each, whatever the number of referrals.


def _grouped(rows, key="referral_id"):
    grouped = defaultdict(list)
    for row in rows:
        grouped[row[key] if isinstance(row, dict) else getattr(row, key)].append(row)
    return grouped


def _appointments(ids):
    # Only what the facts read: loading whole rows (three datetimes each) doubled the review list's time.
    fields = ("id", "referral_id", "practitioner_id", "starts_at", "duration_minutes", "app_type", "attendance")
    return _grouped(Appointment.objects.filter(referral_id__in=ids).only(*fields).order_by("starts_at", "id"))


def _adsm_ids(ids, today):
    """{referral id: ADSM instrument id} from each referral's newest primary problem descriptor (two queries)."""
    complaints = {}
    rows = PresentingComplaint.objects.filter(referral_id__in=ids, primary=True).order_by("-recorded_at", "-id")
    for row in rows.values("referral_id", "code_system", "code"):
        complaints.setdefault(row["referral_id"], (row["code_system"], row["code"]))
    mappings = {}
    for row in AdsmMapping.objects.filter(effective_from__lte=today).order_by("effective_from"):
        mappings[(row.code_system, row.code)] = row  # the newest in force wins
    found = {}
    for referral_id, (code_system, code) in complaints.items():
        row = next((mappings[key] for key in _keys(code_system, code) if key in mappings), None)
        if row is not None and row.instrument_id in instruments.INSTRUMENTS:
            found[referral_id] = row.instrument_id
    return found


def _keys(code_system, code):
    return [(code_system, candidate) for candidate in adsm.code_and_parents(code_system, code)]


def _scores(ids, instrument_ids):
    item9 = ItemAnswer.objects.filter(response=OuterRef("pk"), item_id=_PHQ9_ITEM_9.item_id).values("value")[:1]
    rows = (
        QuestionnaireResponse.objects.current()
        .filter(referral_id__in=ids, instrument_id__in=instrument_ids)
        .annotate(item9=Subquery(item9))
        .order_by("completed_at", "id")
        .values_list("referral_id", "instrument_id", "total", "completed_at", "item9")
    )
    scores = defaultdict(lambda: defaultdict(list))
    for referral_id, instrument_id, total, completed_at, item9 in rows:
        scores[referral_id][instrument_id].append((total, completed_at, item9 if instrument_id == "phq9" else None))
    return scores


def _thresholds():
    return _grouped(Threshold.objects.order_by("effective_from"), key="instrument_id")


def _risk_assessments(ids):
    rows = RiskAssessment.objects.filter(referral_id__in=ids).order_by("recorded_at", "id")
    grouped = defaultdict(list)
    for referral_id, level, recorded_at in rows.values_list("referral_id", "level", "recorded_at"):
        grouped[referral_id].append((level, recorded_at))
    return grouped


def _discussions(ids):
    rows = CaseDiscussion.objects.filter(referral_id__in=ids).order_by("session__held_on", "session__recorded_at", "id")
    return _grouped(rows.values("referral_id", "decision", "session__held_on", "session__recorded_at"))


def _open_tasks(ids):
    return _grouped(Task.objects.open().filter(referral_id__in=ids).select_related("owner").order_by("due_date", "id"))


def _outstanding_questionnaires(ids):
    rows = remote.outstanding(CompletionRequest.objects.filter(referral_id__in=ids))
    return dict(rows.order_by().values("referral_id").annotate(n=Count("id")).values_list("referral_id", "n"))


def _notes_awaiting_sign_off(ids):
    rows = SessionNote.objects.filter(appointment__referral_id__in=ids, status=NoteStatus.AWAITING_SIGN_OFF)
    counted = rows.order_by().values("appointment__referral_id").annotate(n=Count("id"))
    return dict(counted.values_list("appointment__referral_id", "n"))


def _curves(referrals):
    """The curves in force for each service of the referrals (one service in practice: four queries)."""
    services = {referral.team.service_id: referral.team.service for referral in referrals}
    return {service_id: etr.load_curves(service) for service_id, service in services.items()}
