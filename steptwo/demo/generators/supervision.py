"""Supervision in the half year before the anchor date, as supervision.services.record_session records it.

Half a year (WEEKS), because the supervisee's hours page judges the weeks of its last six calendar months
(supervision.hours): with less, the months before would show as missed supervision.

Every PWP and trainee meets their supervisor for case-management supervision once a week, on their
own weekday, for an hour pro rata by FTE (some weeks are shorter, or missed for leave: the gaps show on
the hours page), and for clinical-skills supervision once a fortnight (supervision.hours counts fixed
fortnights; now and then one is missed). Domain reference §5.

In each case-management session the supervisor goes through the supervisee's assessed cases as the
review list would have shown them that day (reasons worked out from the journey: risk raised or
question 9 since last discussed, reliable deterioration or no reliable improvement, missed sessions,
no contact, a long course, no decision, not discussed for weeks), plus the cases whose step-up,
discharge, decision or change of intervention came in the next fortnight (so the decision shows up in
supervision first), plus some others, as many as the time allows. Each discussion has a decision, the
reasons, a note, and for most decisions an action with an owner and a due date, which is a Task
(TaskKind.SUPERVISION_ACTION) as tasks.services.raise_supervision_action makes it. Actions tied to what
then happened are done when it happened; others mostly by their due date, some late, some still open
(overdue, or not yet due) at the anchor date.

The personas' supervision is on the anchor date's weekday (Monday, when that is a weekend), so today
is their supervision day. `pwp` missed any since the question 9 of review_cases (the supervisor was on
leave), so today's review list shows it as new, and one of `pwp`'s quieter cases has not been brought
for five weeks (`set_aside`). Cases are collected chunk by chunk (`add`, only those on a caseload in
the window) and the rows written in bulk at the end (`write`).
"""

import datetime
from array import array
from dataclasses import dataclass, field
from decimal import Decimal

from steptwo.accounts.models import Role
from steptwo.appointments.codes import AttendOrDNACode
from steptwo.demo import supervision_text as text
from steptwo.demo.context import working_day
from steptwo.demo.db import Table
from steptwo.demo.generators.staff import PERSONA_BY_ROLE
from steptwo.demo.randomness import Shares, Weighted, chance
from steptwo.measures.models import Threshold
from steptwo.referrals.codes import RiskLevel
from steptwo.supervision.codes import CaseDecision, SupervisionKind
from steptwo.supervision.hours import FORTNIGHT_EPOCH
from steptwo.supervision.models import CaseDiscussion, SupervisionAction, SupervisionSession
from steptwo.tasks.models import Task, TaskKind

WEEKS = 27  # at least six calendar months back (supervision.hours.window_start)
SUPERVISED_ROLES = (Role.PWP, Role.TRAINEE_PWP)
# Kept to per supervisee (randomness.Shares), so that every hours page shows a few gaps, not a run of them.
MISSED_WEEK = {True: 7, False: 93}  # leave, sickness
CASE_MANAGEMENT_MINUTES = {  # by FTE; "minimum 1 hour for FTE staff", pro rata (supervision.hours)
    "full": {60: 86, 45: 7, 30: 7},
    "part": {45: 70, 60: 20, 30: 10},
}
CLINICAL_SKILLS_MINUTES = Weighted({60: 70, 90: 30})
MISSED_FORTNIGHT = 0.08
MINUTES_PER_CASE = 5
# Of the cases with nothing to raise: talked through anyway; and of those only not discussed for a
# while (so some go longer, and the review list says so).
ROUTINE_SHARE, OVERDUE_SHARE = 0.25, 0.5
SET_ASIDE_DAYS = 35
AHEAD = datetime.timedelta(days=14)  # a step-up, discharge or decision this soon after is agreed in supervision
# Thresholds of the review list (SupervisionSettings defaults), to say why a case was brought.
NO_IMPROVEMENT_SESSIONS, NO_CONTACT_DAYS, CONSECUTIVE_DNAS, LONG_COURSE, NOT_DISCUSSED_DAYS = 4, 28, 2, 8, 28
TREATED_END_CODES = {"46", "47", "48"}
DROPPED_END_CODES = {"47", "48"}
# Actions: how many days after the session each is due, and who does it.
DUE_DAYS = {"step_up": 5, "check_hi_wait": 7, "discharge_completed": 10, "discharge_dropped": 3,
            "discharge_not_treated": 5, "start": 3, "risk": 1, "risk_plan": 5, "change_intervention": 7,
            "missed": 2, "not_improving": 6, "no_contact": 2, "awaiting_decision": 3}  # fmt: skip
OWNED_BY = {"check_hi_wait": "supervisor", "missed": "admin"}  # the rest: the supervisee
DONE_ON_TIME, DONE_LATE = 0.7, 0.15  # of actions not tied to an event; the rest stay open

SESSION_FIELDS = ("id", "service", "supervisor", "supervisee", "held_on", "kind", "minutes", "notes", "recorded_at",
                  "recorded_by")  # fmt: skip
DISCUSSION_FIELDS = ("id", "session", "referral", "decision", "reasons", "notes")
ACTION_FIELDS = ("discussion", "description", "owner", "due_date", "task")
TASK_FIELDS = ("id", "patient", "referral", "owner", "kind", "title", "detail", "due_date", "created_at",
               "completed_at", "completed_by", "outcome")  # fmt: skip
TASK_DETAIL = "Agreed in case-management supervision."  # as tasks.services.raise_supervision_action writes it


@dataclass(slots=True)
class Case:
    """What supervision needs to know of one referral on a PWP's or trainee's caseload.

    Moments in the lists are POSIX timestamps in arrays: the large demo keeps tens of thousands of cases.
    """

    referral_id: int
    patient_id: int
    practitioner_id: int
    received: datetime.date
    assessed_at: datetime.datetime
    decision: str
    decision_at: datetime.datetime | None
    ended_at: datetime.datetime | None  # discharged or stepped up: off the step 2 caseload
    end_code: str  # "" when stepped up or open
    stepped_up: bool
    attended: array  # starts of attended contacts (assessment and step 2 sessions)
    sessions: array  # starts of attended step 2 treatment sessions
    missed: array  # starts of missed (DNA) appointments
    risk_events: array  # question 9 endorsed, or risk level raised
    scores: dict  # {"phq9": (array of when, array of totals), "gad7": (...)}
    switched_at: datetime.datetime | None
    no_plan: bool  # a persona's long course: never a discharge or step-up plan (review_cases)
    quiet: bool  # none of review_cases' showcases
    recent_risk: bool  # review_cases' new question 9
    discussed: list = field(default_factory=list)  # session datetimes, as written
    agreed: frozenset = frozenset()  # what is coming (`coming`) that supervision has agreed already
    not_before: datetime.datetime | None = None  # not discussed from then on (set_aside)

    def open_on(self, moment):
        return self.assessed_at < moment and (self.ended_at is None or self.ended_at > moment)

    def coming(self, moment):
        """What happens to the case within AHEAD of `moment`: "step_up", "discharge_...", "start",
        "change_intervention", or ""."""
        soon = moment + AHEAD
        situation = self._coming(moment, soon)
        return "" if situation in self.agreed else situation

    def _coming(self, moment, soon):
        if self.ended_at and moment < self.ended_at <= soon:
            if self.stepped_up:
                return "step_up"
            if self.end_code in TREATED_END_CODES:
                return "discharge_dropped" if self.end_code in DROPPED_END_CODES else "discharge_completed"
            return "discharge_not_treated"
        if self.decision_at and moment < self.decision_at <= soon and self.decision == "treat":
            return "start"
        if self.switched_at and moment < self.switched_at <= soon:
            return "change_intervention"
        return ""


class Supervision:
    """Collects the cases as chunks are generated; writes the supervision records at the end."""

    def __init__(self, demo, review_cases):
        self.demo, self.rng = demo, demo.stream("supervision")
        self.review_cases = review_cases
        self.window_start = demo.cutoff - datetime.timedelta(weeks=WEEKS + 1)
        self.cases = {}  # practitioner id: [Case]
        self.thresholds = {}
        for instrument_id in ("phq9", "gad7"):
            row = Threshold.objects.current(instrument_id, demo.anchor)
            self.thresholds[instrument_id] = (row.caseness_cutoff, row.reliable_change) if row else (None, None)

    # Collecting ----------------------------------------------------------------------------------

    def add(self, episode, scores, risk_levels, switched_at):
        journey, referral = episode.journey, episode.referral
        if journey.assessment is None or self.demo.roles.get(journey.practitioner_id) not in SUPERVISED_ROLES:
            return
        ended_at = journey.step_up_at or journey.discharged_at
        if ended_at and ended_at < self.window_start:
            return
        steps = [c for c in journey.contacts if c.kind in ("assessment", "session") and c.attendance]
        entries = sorted(scores.entries) if scores else []
        phq9 = [at for at, _, instrument_id, _ in entries if instrument_id == "phq9"]
        item9 = [phq9[index] for index in (scores.risk_sets if scores else {}) if index < len(phq9)]
        self.cases.setdefault(journey.practitioner_id, []).append(Case(
            referral_id=referral.pk, patient_id=referral.patient_id, practitioner_id=journey.practitioner_id,
            received=referral.received_date, assessed_at=journey.assessment.ends_at, decision=journey.decision,
            decision_at=journey.decision_at, ended_at=ended_at,
            end_code="" if journey.step_up_at else journey.end_code, stepped_up=bool(journey.step_up_at),
            attended=_times(c.starts_at for c in steps if c.attended),
            sessions=_times(c.starts_at for c in steps if c.attended and c.kind == "session"),
            missed=_times(c.starts_at for c in steps if c.attendance == AttendOrDNACode.DID_NOT_ATTEND),
            risk_events=_times(sorted(item9 + _raised(risk_levels))),
            scores={key: _scores(entries, key) for key in ("phq9", "gad7")},
            switched_at=switched_at, no_plan=journey.review_showcase == "long_course",
            quiet=not (journey.review_showcase or journey.review_measures or journey.recent_risk),
            recent_risk=journey.recent_risk,
        ))  # fmt: skip

    # Writing -------------------------------------------------------------------------------------

    def write(self, counts):
        demo = self.demo
        self.sessions = Table(SupervisionSession, SESSION_FIELDS)
        self.discussions = Table(CaseDiscussion, DISCUSSION_FIELDS)
        self.actions = Table(SupervisionAction, ACTION_FIELDS)
        self.tasks = Table(Task, TASK_FIELDS)
        self.still_to_do = False
        self.admins = {
            user.pk: locality.admins for locality in demo.localities for user in locality.caseload_shares
        }  # fmt: skip
        for supervisee in demo.staff:
            if supervisee.role in SUPERVISED_ROLES and supervisee.pk in demo.supervisor_of:
                self._supervisee(supervisee)
        counts["supervision_sessions"] += self.sessions.write()
        counts["case_discussions"] += self.discussions.write()
        counts["supervision_action_tasks"] += self.tasks.write()
        self.actions.write()

    def _supervisee(self, supervisee):
        demo, rng = self.demo, self.rng
        supervisor = demo.supervisor_of[supervisee.pk]
        persona = supervisee.username in {PERSONA_BY_ROLE[role].username for role in SUPERVISED_ROLES}
        weekday = persona_weekday(demo.anchor) if persona else rng.randrange(5)
        hour = rng.choice([9, 10, 11, 13, 14, 15])
        joined = supervisee.date_joined.date()
        latest = latest_on_weekday(demo.anchor, weekday)
        cases = sorted(self.cases.get(supervisee.pk, []), key=lambda case: case.assessed_at)
        if supervisee.username == PERSONA_BY_ROLE[Role.PWP].username:
            cases = self.set_aside(cases)
        minutes = Shares(CASE_MANAGEMENT_MINUTES["full" if supervisee.fte >= Decimal("0.8") else "part"])
        risk_on = self.review_cases.recent_risk_on
        on_leave = risk_on if supervisee.username == PERSONA_BY_ROLE[Role.PWP].username and risk_on else None
        days = [latest - datetime.timedelta(weeks=week) for week in reversed(range(WEEKS))]
        days = [day for day in days if day >= joined and not (on_leave and day >= on_leave)]
        missed = Shares(MISSED_WEEK)
        days = [day for day in days if not missed.pick(rng)]
        for day in days:
            # A persona's actions from their last supervision are still to do: their task list shows them.
            self.still_to_do = persona and day == days[-1]
            held_at = demo.moment(day, hour, 0)
            length = minutes.pick(rng)
            session_id, recorded_at = self._session(supervisor, supervisee, day, SupervisionKind.CASE_MANAGEMENT,
                                                    length, rng.choice(text.CASE_MANAGEMENT_NOTES), held_at)  # fmt: skip
            self._discuss(session_id, supervisor, supervisee, cases, held_at, recorded_at, length)
        self._clinical_skills(supervisor, supervisee, latest, hour, joined)

    def set_aside(self, cases):
        """Leave out of the last five weeks' discussions one case open today, one showing no other rule if
        there is one (never the one with new risk)."""
        since = self.demo.cutoff - datetime.timedelta(days=SET_ASIDE_DAYS)
        older = [case for case in cases if case.open_on(self.demo.cutoff) and case.assessed_at < since]
        older = sorted((case for case in older if not case.recent_risk), key=lambda case: not case.quiet)
        if older:
            older[0].not_before = since
        return cases

    def _clinical_skills(self, supervisor, supervisee, latest, hour, joined):
        """One a fortnight (in the second week of supervision.hours' fixed fortnights), the same weekday."""
        rng = self.rng
        for week in reversed(range(WEEKS)):
            day = latest - datetime.timedelta(weeks=week)
            if ((day - FORTNIGHT_EPOCH).days // 7) % 2 == 0 or day < joined or chance(rng, MISSED_FORTNIGHT):
                continue
            at = self.demo.moment(day, hour + 1 if hour < 16 else hour - 2, 30)
            self._session(supervisor, supervisee, day, SupervisionKind.CLINICAL_SKILLS,
                          CLINICAL_SKILLS_MINUTES.pick(rng), rng.choice(text.CLINICAL_SKILLS_TOPICS), at)  # fmt: skip

    def _session(self, supervisor, supervisee, day, kind, minutes, notes, starts_at):
        session_id = self.sessions.next_id()
        recorded_at = starts_at + datetime.timedelta(minutes=minutes + self.rng.randint(5, 40))
        self.sessions.add(session_id, self.demo.service.pk, supervisor, supervisee.pk, day, kind, minutes, notes,
                          recorded_at, supervisor)  # fmt: skip
        return session_id, recorded_at

    # Case discussions ------------------------------------------------------------------------------

    def _discuss(self, session_id, supervisor, supervisee, cases, held_at, recorded_at, minutes):
        """Cases open when the session is recorded (as supervision.services checks them then)."""
        rng = self.rng
        chosen = []
        for case in cases:
            if not case.open_on(recorded_at) or (case.not_before and held_at >= case.not_before):
                continue
            reasons, situation = self._reasons(case, held_at), case.coming(recorded_at)
            routine = not situation and all(code == "not_discussed" for code, _ in reasons)
            if not routine or chance(rng, ROUTINE_SHARE if not reasons else OVERDUE_SHARE):
                chosen.append((routine, case, reasons, situation))
        chosen.sort(key=lambda item: item[0])  # routine ones last, so they are the ones left out
        for _, case, reasons, situation in chosen[: max(3, minutes // MINUTES_PER_CASE)]:
            self._discussion(session_id, supervisor, supervisee, case, held_at, recorded_at, reasons, situation)

    def _discussion(self, session_id, supervisor, supervisee, case, held_at, recorded_at, reasons, situation):
        rng = self.rng
        codes = [code for code, _ in reasons]
        key = situation or _situation_of(codes)
        decision = DECISIONS[key]
        if case.no_plan and decision in (CaseDecision.STEP_UP, CaseDecision.DISCHARGE):
            key, decision = "long_course", CaseDecision.CONTINUE
        discussion_id = self.discussions.next_id()
        self.discussions.add(discussion_id, session_id, case.referral_id, decision, [words for _, words in reasons],
                             rng.choice(text.DISCUSSION_NOTES[key]))  # fmt: skip
        case.discussed.append(held_at)
        case.agreed |= {situation}
        for action in ACTIONS_FOR.get(key, ()):
            if action in OPTIONAL_ACTIONS and not chance(rng, 0.5):
                continue
            owner = {"supervisor": supervisor, "admin": None}.get(OWNED_BY.get(action), supervisee.pk)
            owner = owner or rng.choice(self.admins[supervisee.pk]).pk
            # The action that carries out what then happened is done when it happened.
            happened = _event_of(case, action) if action == key else None
            self._action(discussion_id, case, action, owner, held_at.date(), recorded_at, happened)

    def _action(self, discussion_id, case, action, owner, day, recorded_at, happened):
        rng, demo = self.rng, self.demo
        due = working_day(day + datetime.timedelta(days=DUE_DAYS[action]))
        description = text.ACTIONS[action]
        done_at = happened if happened and happened > recorded_at else self._done_at(recorded_at, due)
        if self.still_to_do and not happened:
            done_at = None
        outcome = rng.choice(text.ACTION_OUTCOMES)
        if done_at is None and case.ended_at and case.ended_at < demo.cutoff:
            done_at, outcome = max(case.ended_at, recorded_at + datetime.timedelta(minutes=5)), text.CLOSED_WITH_CASE
        if done_at is not None and done_at >= demo.cutoff:
            done_at = None
        task_id = self.tasks.next_id()
        self.tasks.add(task_id, case.patient_id, case.referral_id, owner, TaskKind.SUPERVISION_ACTION, description,
                       TASK_DETAIL, due, recorded_at, done_at, owner if done_at else None,
                       outcome if done_at else "")  # fmt: skip
        self.actions.add(discussion_id, description, owner, due, task_id)

    def _done_at(self, recorded_at, due):
        """Done by the due date, a little late, or not yet (None)."""
        rng, demo = self.rng, self.demo
        roll = rng.random()
        if roll < DONE_ON_TIME:
            days = rng.randint(0, max(0, (due - recorded_at.date()).days))
        elif roll < DONE_ON_TIME + DONE_LATE:
            days = (due - recorded_at.date()).days + rng.randint(1, 6)
        else:
            return None
        day = working_day(recorded_at.date() + datetime.timedelta(days=days))
        at = demo.time_on(day, 9, 16, rng=rng)
        return at if at > recorded_at else recorded_at + datetime.timedelta(minutes=rng.randint(10, 120))

    # Why a case was brought ------------------------------------------------------------------------

    def _reasons(self, case, moment):
        """[(code, words)] the review list would have shown at `moment` (supervision.review's rules)."""
        reasons, now = [], moment.timestamp()
        last = case.discussed[-1] if case.discussed else None
        after = last.timestamp() if last else 0
        if any(after < event < now for event in case.risk_events):
            reasons.append(("risk", "Risk raised or PHQ-9 question 9 answered above 0 since last discussed"))
        reasons += self._measure_reasons(case, moment)
        missed = _missed_in_a_row(case, now)
        if missed >= CONSECUTIVE_DNAS:
            reasons.append(("consecutive_dnas", f"Did not attend the last {missed} appointments"))
        attended = [at for at in case.attended if at < now]
        seen_on = datetime.datetime.fromtimestamp(attended[-1], moment.tzinfo).date() if attended else case.received
        days = (moment.date() - seen_on).days
        if days >= NO_CONTACT_DAYS:
            reasons.append(("no_contact", f"No contact for {days} days"))
        sessions = sum(1 for at in case.sessions if at < now)
        if sessions >= LONG_COURSE and not case.no_plan and not case.stepped_up:
            reasons.append(("sessions_without_plan", f"{sessions} treatment sessions and no discharge or step-up plan"))
        if not case.decision_at or case.decision_at > moment:
            reasons.append(("no_decision", "Assessed, but no decision recorded yet"))
        since = (last or case.assessed_at).date()
        if (moment.date() - since).days >= NOT_DISCUSSED_DAYS:
            weeks = (moment.date() - since).days // 7
            reasons.append(("not_discussed", f"Not discussed in supervision for {weeks} weeks"))
        return reasons

    def _measure_reasons(self, case, moment):
        now = moment.timestamp()
        found, improved, sessions = [], False, sum(1 for at in case.sessions if at < now)
        at_caseness = False
        for instrument_id, name in (("phq9", "PHQ-9"), ("gad7", "GAD-7")):
            times, totals = case.scores[instrument_id]
            scores = [total for at, total in zip(times, totals, strict=True) if at < now]
            cutoff, index = self.thresholds[instrument_id]
            if len(scores) < 2 or index is None:
                at_caseness |= bool(scores and cutoff is not None and scores[0] >= cutoff)
                continue
            at_caseness |= cutoff is not None and scores[0] >= cutoff
            change = scores[-1] - scores[0]
            improved |= change <= -index
            if change >= index:
                found.append(("deterioration", f"Reliable deterioration on {name} ({scores[0]:g} to {scores[-1]:g})"))
        if sessions >= NO_IMPROVEMENT_SESSIONS and at_caseness and not improved:
            found.append(("no_improvement", f"No reliable improvement after {sessions} treatment sessions"))
        return found


# What a discussion decides, what is said, and what is to be done, by what the case most needs.
def _event_of(case, action):
    if action in ("step_up", "discharge_completed", "discharge_dropped", "discharge_not_treated"):
        return case.ended_at
    return {"start": case.decision_at, "change_intervention": case.switched_at}.get(action)


DECISIONS = {
    "step_up": CaseDecision.STEP_UP, "discharge_completed": CaseDecision.DISCHARGE,
    "discharge_dropped": CaseDecision.DISCHARGE, "discharge_not_treated": CaseDecision.DISCHARGE,
    "start": CaseDecision.CONTINUE, "change_intervention": CaseDecision.CHANGE_INTERVENTION,
    "risk": CaseDecision.RISK_ACTION, "missed": CaseDecision.OTHER, "not_improving": CaseDecision.CONTINUE,
    "no_contact": CaseDecision.OTHER, "long_course": CaseDecision.CONTINUE, "continue": CaseDecision.CONTINUE,
    "awaiting_decision": CaseDecision.OTHER,
}  # fmt: skip
ACTIONS_FOR = {
    "step_up": ("step_up", "check_hi_wait"), "discharge_completed": ("discharge_completed",),
    "discharge_dropped": ("discharge_dropped",), "discharge_not_treated": ("discharge_not_treated",),
    "start": ("start",), "change_intervention": ("change_intervention",), "risk": ("risk", "risk_plan"),
    "missed": ("missed",), "not_improving": ("not_improving",), "no_contact": ("no_contact",),
    "awaiting_decision": ("awaiting_decision",),
}  # fmt: skip
OPTIONAL_ACTIONS = {"check_hi_wait", "risk_plan", "not_improving", "start"}
SITUATION_OF_REASON = {  # most urgent first
    "risk": "risk", "consecutive_dnas": "missed", "no_contact": "no_contact", "deterioration": "not_improving",
    "no_improvement": "not_improving", "sessions_without_plan": "long_course", "no_decision": "awaiting_decision",
}  # fmt: skip


def _situation_of(codes):
    return next((SITUATION_OF_REASON[code] for code in SITUATION_OF_REASON if code in codes), "continue")


def _missed_in_a_row(case, now):
    """Missed appointments since the last attended contact, before `now` (a timestamp)."""
    attended = [at for at in case.attended if at < now]
    since = attended[-1] if attended else 0
    return sum(1 for at in case.missed if since < at < now)


def _times(moments):
    return array("d", (moment.timestamp() for moment in moments))


def _scores(entries, instrument_id):
    """(when, totals) of one instrument's responses, oldest first, as two arrays."""
    chosen = [(at, total) for at, _, instrument, total in entries if instrument == instrument_id]
    return _times(at for at, _ in chosen), array("d", (float(total) for _, total in chosen))


def _raised(levels):
    """When the risk level went up, or was first found moderate or high (case_facts' reading)."""
    raised, previous = [], None
    order = [RiskLevel.LOW, RiskLevel.MODERATE, RiskLevel.HIGH]
    for level, at in levels or []:
        if (previous is None and level != RiskLevel.LOW) or (
            previous is not None and order.index(level) > order.index(previous)
        ):
            raised.append(at)
        previous = level
    return raised


def persona_weekday(anchor):
    """The personas' supervision day: the anchor date's weekday, or Monday when it is a weekend."""
    return anchor.weekday() if anchor.weekday() < 5 else 0


def latest_on_weekday(anchor, weekday):
    """The last day before `anchor` on `weekday`."""
    return anchor - datetime.timedelta(days=(anchor.weekday() - weekday - 1) % 7 + 1)
