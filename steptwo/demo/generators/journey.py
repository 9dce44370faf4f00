"""A referral's way through the service, event by event, as the services would have recorded it.

Triage (an IncomingReferral accepted or rejected), the waiting list, an assessment appointment, the
decision (treat at step 2, step up, signpost, not suitable, declined), step 2 treatment sessions,
step-up and high-intensity treatment, discharge with an end code, and now and then a follow-up.
Every appointment is booked in the practitioner's diary (demo.diary), and each booked one gets an
outcome: attended, did not attend (a DNA follow-up task), or cancelled and rebooked (domain
reference §3.1). Whatever would happen at or after the anchor date has not happened yet: an
appointment then is booked with no outcome, and the walk stops there.

A few referrals of the `pwp` and `trainee` personas go the way review_cases asks, so that the
supervisor's review list shows every rule: a decision left pending, two sessions missed in a row, a
patient away for a month, a course that goes on (Walk.take_review_showcase).

Statuses follow referrals.codes.ALLOWED_TRANSITIONS; end codes fit what happened, as
referrals.discharge.end_code_group decides (domain reference §4.4): 50 when never seen, 10/11/14 when
seen but not treated, 46/47/48 after treatment contacts.
"""

import datetime
import math
from dataclasses import dataclass, field

from steptwo.appointments.codes import ATTENDED_CODES, AppType
from steptwo.appointments.codes import AttendOrDNACode as A
from steptwo.appointments.codes import ConsMechanism as M
from steptwo.assessments.codes import Decision
from steptwo.demo import assessment_text, discharge_text, reasons, session_text
from steptwo.demo.context import working_day
from steptwo.demo.generators import review_cases
from steptwo.demo.randomness import Shares, Weighted, chance
from steptwo.referrals.codes import IncomingStatus
from steptwo.referrals.codes import ReferralStatus as Status
from steptwo.referrals.codes import SourceOfReferral as S
from steptwo.tasks.services import next_working_day

STARTS_INCOMING = 0.8  # the rest are added straight to the waiting list after a screening call
ONLINE_SELF_REFERRAL = 0.85  # of self-referrals; the rest phone and admin staff type them in
REJECTED = 0.07
# Ended before assessment (end code 50): no reply to the opt-in letter, or cancelled and discharged.
NOT_SEEN = Weighted({None: 86, "opt_in": 8, "resolved": 3, "other_service": 3})
DECIDED_IN_SESSION = 0.7  # the rest are decided after case management supervision or the patient's reply
DECISIONS = Weighted({Decision.TREAT: 72, Decision.STEP_UP: 7, Decision.SIGNPOST: 8, Decision.NOT_SUITABLE: 6,
                      Decision.DECLINED: 7})  # fmt: skip
END_CODE_OF_DECISION = {Decision.SIGNPOST: "11", Decision.NOT_SUITABLE: "10", Decision.DECLINED: "14"}
# Kept to (randomness.Shares), so that a small demo's courses come out in these shares too.
COURSES = {"completed": 66, "dropped_out": 20, "stepped_up": 9, "ended_by_service": 5}
# Attended step 2 sessions: "typically delivered over 6-8 sessions" (domain reference §5); those who
# drop out stop after fewer, those stepped up after a few.
SESSIONS = {
    "completed": Weighted({5: 8, 6: 26, 7: 30, 8: 24, 9: 7, 10: 5}),
    "dropped_out": Weighted({1: 15, 2: 25, 3: 25, 4: 20, 5: 15}),
    "stepped_up": Weighted({2: 10, 3: 25, 4: 30, 5: 20, 6: 15}),
    "ended_by_service": Weighted({2: 25, 3: 25, 4: 25, 5: 25}),
}
# Waits, as days_from(median, spread, shortest, longest): from referral to the assessment booked, and from
# the decision to treat to the first session. Most start treatment within 6 weeks of referral, as nationally
# (90 % in April 2025, against the 75 % standard; domain reference §3, §9).
ASSESSMENT_WAIT_DAYS, FIRST_SESSION_DAYS = (10, 0.6, 3, 180), (7, 0.4, 3, 35)
HI_SESSIONS = Weighted({8: 10, 10: 20, 12: 30, 14: 25, 16: 15})  # "up to 20 sessions" (domain reference §5)
HI_DROPS_OUT = 0.2
FOLLOW_UP = 0.15  # of step 2 completers: a follow-up appointment (AppType 06) some weeks after discharge

# Outcomes of a booked appointment (domain reference §3.1): about 10% DNA (8.5% here, plus the missed
# sessions of those who stop coming), 7% and 3% cancelled by the patient and by the service.
OUTCOMES = Weighted({A.ATTENDED: 79.5, A.ATTENDED_LATE: 1.5, A.DID_NOT_ATTEND: 8.5, A.CANCELLED_BY_PATIENT: 7,
                     A.CANCELLED_BY_SERVICE: 3, A.LATE_NOT_SEEN: 0.5})  # fmt: skip
FOLLOW_UP_OUTCOMES = Weighted({A.ATTENDED: 82, A.DID_NOT_ATTEND: 10, A.CANCELLED_BY_PATIENT: 6,
                               A.CANCELLED_BY_SERVICE: 2})  # fmt: skip
MECHANISMS = Weighted({M.TELEPHONE: 48, M.VIDEO: 24, M.FACE_TO_FACE: 24, M.INSTANT_MESSAGING: 2,
                       M.TEXT_MESSAGE: 1, M.OTHER: 1})  # fmt: skip
SAME_MECHANISM = 0.8
ASSESSED_BY_PHONE = 0.6
MINUTES = {  # assessments 45-60 minutes, step 2 sessions 20-30 ("30 minutes or less", domain reference §5)
    "assessment": Weighted({45: 40, 50: 20, 60: 40}), "session": Weighted({20: 15, 25: 15, 30: 70}),
    "hi": Weighted({50: 40, 60: 60}), "follow_up": Weighted({20: 50, 30: 50}),
}  # fmt: skip
APP_TYPES = {"assessment": AppType.ASSESSMENT, "session": AppType.TREATMENT, "hi": AppType.TREATMENT,
             "follow_up": AppType.FOLLOW_UP}  # fmt: skip
REVIEW_SESSION, REVIEW_CHANCE = 4, 0.4  # the mid-course review is recorded as "review and treatment" (05)
GAPS_DAYS = Weighted({7: 65, 14: 18, 6: 4, 8: 5, 10: 3, 21: 5})  # between sessions
DNA_FOLLOW_UP_DELAY = Weighted({0: 60, 1: 25, 2: 15})  # working days after the task falls due


class Contact:
    """One appointment (care contact) as it was booked and what came of it."""

    __slots__ = (
        "app_type",
        "attendance",
        "booked_at",
        "booked_by",
        "dna_done_at",
        "dna_due",
        "dna_outcome",
        "kind",
        "mechanism",
        "minutes",
        "note_at",
        "outcome_at",
        "outcome_by",
        "outcome_note",
        "pk",
        "practitioner_id",
        "session_number",
        "starts_at",
    )  # fmt: skip

    def __init__(self, kind, practitioner_id, starts_at, minutes, app_type, mechanism, booked_at, booked_by):
        self.pk = None
        self.kind, self.practitioner_id, self.starts_at, self.minutes = kind, practitioner_id, starts_at, minutes
        self.app_type, self.mechanism, self.booked_at, self.booked_by = app_type, mechanism, booked_at, booked_by
        self.attendance, self.outcome_at, self.outcome_by, self.outcome_note = "", None, None, ""
        self.session_number = 0  # among the referral's attended treatment contacts, if this is one
        self.note_at = None  # when its session note was written (treatment contacts)
        self.dna_due = self.dna_done_at = None
        self.dna_outcome = ""

    @property
    def ends_at(self):
        return self.starts_at + datetime.timedelta(minutes=self.minutes)

    @property
    def attended(self):
        return self.attendance in ATTENDED_CODES


class Step:
    __slots__ = ("at", "by_id", "note", "status")

    def __init__(self, status, at, by_id, note=""):
        self.status, self.at, self.by_id, self.note = status, at, by_id, note


@dataclass
class Journey:
    """What happened to one referral, up to the anchor date."""

    source: str
    received_at: datetime.datetime
    incoming_status: str = ""  # "" if added straight to the waiting list (no IncomingReferral)
    entered_by_id: int | None = None
    triaged_at: datetime.datetime | None = None
    triaged_by_id: int | None = None
    rejection_reason: str = ""
    created_at: datetime.datetime | None = None  # the Referral's; None if triage has not accepted it
    created_by_id: int | None = None
    practitioner_id: int | None = None
    steps: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    assessment: Contact | None = None  # the attended assessment appointment
    assessment_started_at: datetime.datetime | None = None
    decision: str = ""
    decision_at: datetime.datetime | None = None
    decision_reason: str = ""
    course: str = ""  # how step 2 treatment goes: completed, dropped_out, stepped_up, ended_by_service
    planned_sessions: int = 0
    step_up_at: datetime.datetime | None = None
    step_up_by_id: int | None = None
    step_up_reason: str = ""
    high_intensity_id: int | None = None
    end_code: str = ""
    discharged_at: datetime.datetime | None = None
    discharged_by_id: int | None = None
    discharge_summary: str = ""
    booked_late: bool = False  # its assessment was booked after the 6-week point for the showcase
    # What it shows on a persona's review list (review_cases): how the walk went, then (reserve) in its rows.
    review_showcase: str = ""  # "no_decision", "two_dnas", "away" or "long_course"
    review_measures: str = ""  # "deteriorates" or "flat": how its scores go
    recent_risk: bool = False  # PHQ-9 question 9 endorsed in its newest session
    awaiting_note: bool = False  # its newest session note still waits for sign-off

    @property
    def accepted(self):
        return self.created_at is not None

    @property
    def status(self):
        return self.steps[-1].status

    def treatment_contacts(self):
        return [contact for contact in self.contacts if contact.session_number]

    def measured_contacts(self):
        """The attended assessment and step 2 sessions: where questionnaires are completed. A referral stepped
        up at its assessment has them at its high-intensity sessions instead (it has no step 2 ones)."""
        if self.assessment is None:
            return []
        kinds = ("session", "hi") if self.decision == Decision.STEP_UP else ("session",)
        return [self.assessment] + [c for c in self.contacts if c.session_number and c.kind in kinds]

    def measures_ending(self):
        """How the measures course ends (measures.COURSES): assessed, in_treatment, stepped up at assessment
        (to high intensity), or the course's end."""
        if self.decision == Decision.STEP_UP:
            return "stepped_up_at_assessment"
        if not self.session_count("session") and self.status != Status.IN_TREATMENT:
            return "assessed"
        if self.status == Status.IN_TREATMENT:
            return "in_treatment"
        if self.step_up_at:
            return "stepped_up"
        return "completed" if self.end_code == "46" else "dropped_out"

    def session_count(self, kind):
        return sum(1 for contact in self.contacts if contact.session_number and contact.kind == kind)


@dataclass
class Showcase:
    """Quotas for the rarer stages, so that even the small demo shows each one at least a few times.

    Each is taken by the first referrals that reach the stage close to the anchor date; at the larger
    sizes they are lost among what happens anyway.
    """

    pending_decision: int = 3  # assessed in the last fortnight, decision pending
    open_dna: int = 3  # a DNA in the last fortnight whose follow-up task is still open
    hi_waiting: int = 2  # stepped up in the last two months, not yet booked with high intensity
    breach: int = 3  # waiting, with an assessment booked after the 6-week point (domain reference §3)
    unbooked: int = 2  # accepted in the last week, no assessment booked yet

    def take(self, name):
        left = getattr(self, name)
        if left > 0:
            setattr(self, name, left - 1)
        return left > 0


def days_from(rng, median, spread, shortest, longest):
    return max(shortest, min(longest, round(rng.lognormvariate(math.log(median), spread))))


class Pathway:
    """Walks referrals through the service, sharing the diaries and the showcase quotas."""

    def __init__(self, demo, diary, appointment_ids):
        self.demo, self.rng, self.diary = demo, demo.rng, diary
        self.appointment_ids = appointment_ids
        self.showcase = Showcase()
        self.courses = Shares(COURSES)
        self.review_cases = review_cases.ReviewCases(demo)

    def walk(self, locality, received_at, source):
        journey = Journey(source=source, received_at=received_at)
        Walk(self, locality, journey).run()
        self.review_cases.reserve(journey)
        return journey


class Walk:
    def __init__(self, pathway, locality, journey):
        self.pathway, self.demo, self.rng, self.diary = pathway, pathway.demo, pathway.rng, pathway.diary
        self.locality, self.j = locality, journey
        self.admin = self.rng.choice(locality.admins).pk
        self.mechanism = MECHANISMS.pick(self.rng)
        self.treatment_sessions = 0

    def past(self, moment):
        return moment < self.demo.cutoff

    def recent(self, moment, days):
        return self.demo.anchor - moment.date() <= datetime.timedelta(days=days)

    def step(self, status, at, by_id, note=""):
        self.j.steps.append(Step(status, at, by_id, note))

    def minutes_later(self, moment, shortest, longest):
        return moment + datetime.timedelta(minutes=self.rng.randint(shortest, longest))

    def take_review_showcase(self, name, moment, window):
        """Let this referral show a review-list rule on a persona's caseload (review_cases), once."""
        cases = self.pathway.review_cases
        if self.j.review_showcase or not cases.within(moment, window) or not cases.take(self.j.practitioner_id, name):
            return False
        self.j.review_showcase = name
        return True

    # Triage and the waiting list --------------------------------------------------------------

    def run(self):
        j, rng, demo = self.j, self.rng, self.demo
        if not chance(rng, STARTS_INCOMING):
            self.create(j.received_at, self.admin)
            self.waiting()
            return
        online = j.source == S.SELF and chance(rng, ONLINE_SELF_REFERRAL)
        j.entered_by_id = None if online else self.admin
        triaged_at = demo.working_time_after(j.received_at, days_from(rng, 2, 0.8, 0, 15))
        if not self.past(triaged_at):
            j.incoming_status = IncomingStatus.NEW
            return
        j.triaged_at, j.triaged_by_id = triaged_at, self.locality.triager(triaged_at.date()).pk
        if chance(rng, REJECTED):
            j.incoming_status, j.rejection_reason = IncomingStatus.REJECTED, rng.choice(reasons.REJECTION_NOTES)
            return
        j.incoming_status = IncomingStatus.ACCEPTED
        self.create(triaged_at, j.triaged_by_id)
        self.waiting()

    def create(self, at, by_id):
        self.j.created_at, self.j.created_by_id = at, by_id
        self.step(Status.WAITING, at, by_id)

    def waiting(self):
        j, rng, demo = self.j, self.rng, self.demo
        leaves = NOT_SEEN.pick(rng)
        if leaves == "opt_in":
            self.discharge(demo.working_time_after(j.created_at, days_from(rng, 21, 0.3, 14, 42)),
                           self.locality.triager(j.created_at.date()).pk, "50", discharge_text.NOT_SEEN_SUMMARIES[leaves])  # fmt: skip
            return
        book_at = demo.working_time_after(j.created_at, days_from(rng, 5, 0.8, 0, 30))  # offered a slot
        if not self.past(book_at) or (self.recent(j.created_at, 7) and self.pathway.showcase.take("unbooked")):
            return
        extra = self.pathway.review_cases.allocation(self.locality, rng, book_at.date())
        j.practitioner_id = (extra or self.locality.allocate(rng, book_at.date())).pk
        day = j.received_at.date() + datetime.timedelta(days=days_from(rng, *ASSESSMENT_WAIT_DAYS))
        day = self.breach_if_showcase(max(day, book_at.date() + datetime.timedelta(days=1)))
        contact = self.assessment_appointments(day, book_at, leaves)
        if contact is not None:
            self.assessed(contact)

    def breach_if_showcase(self, day):
        """A few waiting referrals have their assessment booked after the 6-week point."""
        six_weeks = self.j.received_at.date() + datetime.timedelta(days=42)
        if day >= self.demo.anchor and six_weeks >= self.demo.anchor and self.pathway.showcase.take("breach"):
            self.j.booked_late = True
            return six_weeks + datetime.timedelta(days=self.rng.randint(1, 14))
        return day

    def assessment_appointments(self, day, book_at, leaves):
        """Book (and rebook) the assessment until it is attended; the attended Contact, or None.

        `leaves`: "resolved" or "other_service" if the patient cancels it and asks to be discharged.
        """
        rng, practitioner = self.rng, self.j.practitioner_id
        booked_by, dnas = self.admin, 0
        while True:
            contact = self.book("assessment", practitioner, day, book_at, booked_by)
            if not self.past(contact.starts_at):
                return None
            if leaves:
                self.cancel(contact, A.CANCELLED_BY_PATIENT)
                self.discharge(self.minutes_later(contact.outcome_at, 2, 30), practitioner, "50",
                               discharge_text.NOT_SEEN_SUMMARIES[leaves])  # fmt: skip
                return None
            outcome = self.missed_for_review(contact, OUTCOMES.pick(rng), dnas)
            self.record(contact, outcome)
            if contact.attended:
                return contact
            if outcome == A.DID_NOT_ATTEND:
                dnas += 1
                self.follow_up_dna(contact, final=dnas == 2)
                if contact.dna_done_at is None:
                    return None
                if dnas == 2:
                    at = self.discharge_after_missed(contact)
                    self.discharge(at, practitioner, "50", discharge_text.NOT_SEEN_SUMMARIES["dna_twice"])
                    return None
                book_at, booked_by = contact.dna_done_at, practitioner
                days = 7 if self.j.review_showcase == "two_dnas" else rng.randint(7, 14)
                day = contact.starts_at.date() + datetime.timedelta(days=days)
            else:
                book_at, booked_by, day = self.after_cancellation(contact)

    # Assessment and decision ---------------------------------------------------------------------

    def assessed(self, contact):
        """The assessment, started once the appointment is recorded as attended (assessments.services),
        and its decision: in the session, or after case management supervision or the patient's reply."""
        j, rng, demo = self.j, self.rng, self.demo
        j.assessment = contact
        j.assessment_started_at = self.minutes_later(contact.outcome_at, 1, 3)
        self.step(Status.ASSESSED, j.assessment_started_at, j.practitioner_id, "Assessment started")
        if self.recent(contact.starts_at, 14) and self.pathway.showcase.take("pending_decision"):
            return
        if self.take_review_showcase("no_decision", contact.starts_at, (review_cases.NO_DECISION_WITHIN, 0)):
            return
        if chance(rng, DECIDED_IN_SESSION):
            decided_at = self.minutes_later(contact.ends_at, 2, 20)
        else:
            decided_at = demo.working_time_after(contact.ends_at, days_from(rng, 5, 0.6, 1, 21))
        if not self.past(decided_at):
            return
        j.decision, j.decision_at = DECISIONS.pick(rng), decided_at
        j.decision_reason = rng.choice(assessment_text.DECISION_REASONS[j.decision])
        carried_out = decided_at + datetime.timedelta(seconds=1)  # in the same transaction as the decision
        if j.decision == Decision.TREAT:
            self.step(Status.IN_TREATMENT, carried_out, j.practitioner_id, j.decision_reason)
            self.treat(decided_at)
        elif j.decision == Decision.STEP_UP:
            self.step_up(carried_out, j.decision_reason)
        else:
            self.discharge(carried_out, j.practitioner_id, END_CODE_OF_DECISION[j.decision], j.decision_reason)

    # Step 2 treatment ----------------------------------------------------------------------------

    def treat(self, decided_at):
        j, rng = self.j, self.rng
        j.course = self.pathway.courses.pick(rng)
        j.planned_sessions = SESSIONS[j.course].pick(rng)
        day = decided_at.date() + datetime.timedelta(days=days_from(rng, *FIRST_SESSION_DAYS))
        dropping_out = j.course == "dropped_out"
        result = self.sessions("session", j.practitioner_id, day, decided_at, j.practitioner_id,
                               target=None if dropping_out else j.planned_sessions,
                               stop_after=j.planned_sessions if dropping_out else None)  # fmt: skip
        if result is None:
            return
        ended, at, attended = result
        if ended == "dropped":
            code = "47" if attended else "14"  # never treated: seen but not taken on (domain reference §4.4)
            summary = rng.choice(discharge_text.OUTCOME_SUMMARIES["47"]) if attended else (
                discharge_text.TREATMENT_DROPPED_BEFORE_START
            )  # fmt: skip
            self.discharge(at, j.practitioner_id, code, summary)
        elif j.course == "stepped_up":
            self.step_up(at, rng.choice(discharge_text.STEP_UP_REASONS))
        else:
            code = "46" if j.course == "completed" else "48"
            discharged = self.discharge(at, j.practitioner_id, code, rng.choice(discharge_text.OUTCOME_SUMMARIES[code]))
            if discharged and code == "46" and chance(rng, FOLLOW_UP):
                self.follow_up(at)

    def sessions(self, kind, practitioner, day, book_at, booked_by, target, stop_after):
        """Book, attend, miss and rebook sessions until `target` are attended, or the patient stops.

        Returns None if the course is still going at the anchor date, else (ended, when, attended):
        ("done", a moment after the last session) or ("dropped", the moment it was decided to
        discharge after missed sessions and no reply).
        """
        rng, attended, missed_in_a_row = self.rng, 0, 0
        while True:
            contact = self.book(kind, practitioner, day, book_at, booked_by)
            if not self.past(contact.starts_at):
                return None
            stopping = stop_after is not None and attended >= stop_after
            outcome = A.DID_NOT_ATTEND if stopping else OUTCOMES.pick(rng)
            if kind == "session" and not stopping:
                outcome = self.missed_for_review(contact, outcome, missed_in_a_row)
            self.record(contact, outcome)
            if contact.attended:
                attended, missed_in_a_row = attended + 1, 0
                if kind == "session" and self.goes_on_for_review(contact, attended):
                    target = stop_after = None
                if attended == target:  # discharged or stepped up once the last note is written
                    return "done", self.minutes_later(contact.note_at, 2, 30), attended
                gap = GAPS_DAYS.pick(rng)
                day = contact.starts_at.date() + datetime.timedelta(
                    days=7 if self.j.review_showcase == "long_course" else gap
                )
                if kind == "session" and self.take_review_showcase("away", contact.starts_at, review_cases.AWAY):
                    day = self.demo.anchor + datetime.timedelta(days=rng.randint(3, 10))  # away for a month
                book_at, booked_by = contact.ends_at, practitioner
            elif outcome == A.DID_NOT_ATTEND:
                missed_in_a_row += 1
                final = stopping or missed_in_a_row == 2
                self.follow_up_dna(contact, final)
                if contact.dna_done_at is None:
                    return None
                if final:
                    return "dropped", self.discharge_after_missed(contact), attended
                day = contact.starts_at.date() + datetime.timedelta(days=7)
                book_at, booked_by = contact.dna_done_at, practitioner
            else:
                book_at, booked_by, day = self.after_cancellation(contact)

    def discharge_after_missed(self, contact):
        """When a referral is discharged after the second missed appointment (no reply to the opt-in letter)."""
        at = self.demo.working_time_after(contact.dna_done_at, self.rng.randint(10, 14))
        if self.j.review_showcase == "two_dnas":  # still open on the persona's review list
            at = max(at, self.demo.working_time_after(self.demo.cutoff, self.rng.randint(1, 10)))
        return at

    def missed_for_review(self, contact, outcome, missed_in_a_row):
        """Two appointments (assessment or step 2 sessions) missed in a row shortly before the anchor date,
        for a persona's caseload."""
        if self.j.review_showcase == "two_dnas" and missed_in_a_row == 1:
            return A.DID_NOT_ATTEND
        if self.j.review_showcase == "long_course" and outcome == A.DID_NOT_ATTEND:
            return A.ATTENDED  # two missed in a row would end it (discharged)
        if missed_in_a_row < 2 and self.take_review_showcase("two_dnas", contact.starts_at, review_cases.TWO_DNAS):
            return A.DID_NOT_ATTEND
        return outcome

    def goes_on_for_review(self, contact, attended):
        """A persona's course that carries on past its planned length, to the anchor date and beyond."""
        window = self.pathway.review_cases.long_course_window(attended)
        return self.take_review_showcase("long_course", contact.starts_at, window)

    def follow_up(self, discharged_at):
        day = discharged_at.date() + datetime.timedelta(days=self.rng.randint(42, 84))
        contact = self.book("follow_up", self.j.practitioner_id, day, discharged_at, self.j.practitioner_id)
        if self.past(contact.starts_at):
            outcome = FOLLOW_UP_OUTCOMES.pick(self.rng)
            self.record(contact, outcome)
            if outcome == A.DID_NOT_ATTEND:
                self.follow_up_dna(contact, final=True)

    # Step-up and high intensity ----------------------------------------------------------------

    def step_up(self, at, reason):
        j = self.j
        if not self.past(at):
            return
        j.step_up_at, j.step_up_by_id, j.step_up_reason = at, j.practitioner_id, reason
        self.step(Status.STEPPED_UP, at, j.practitioner_id, j.step_up_reason)
        self.high_intensity(at)

    def high_intensity(self, stepped_up_at):
        """The high-intensity waiting list, then a course of high-intensity CBT, then discharge."""
        j, rng, demo = self.j, self.rng, self.demo
        therapist = j.high_intensity_id = rng.choice(self.locality.high_intensity).pk
        first_day = stepped_up_at.date() + datetime.timedelta(days=days_from(rng, 56, 0.5, 14, 240))
        notice = max(1, (first_day - stepped_up_at.date()).days - rng.randint(7, 14))
        book_at = demo.working_time_after(stepped_up_at, notice)
        if self.recent(stepped_up_at, 60) and self.pathway.showcase.take("hi_waiting"):
            return
        if not self.past(book_at):
            return
        drops_out = chance(rng, HI_DROPS_OUT)
        result = self.sessions("hi", therapist, first_day, book_at, self.admin,
                               target=None if drops_out else HI_SESSIONS.pick(rng),
                               stop_after=rng.randint(2, 6) if drops_out else None)  # fmt: skip
        if result is None:
            return
        ended, at, _ = result
        code = "46" if ended == "done" else ("47" if self.treatment_sessions else "14")
        summary = "Completed high-intensity CBT" if code == "46" else (
            "Stopped attending high-intensity CBT; no reply to calls or letter"
        )  # fmt: skip
        self.discharge(at, therapist, code, summary)

    # Appointments --------------------------------------------------------------------------------

    def book(self, kind, practitioner, day, book_at, booked_by):
        rng = self.rng
        minutes = MINUTES[kind].pick(rng)
        starts_at = self.diary.book(practitioner, day, minutes, not_before=book_at)
        if kind == "assessment" and chance(rng, ASSESSED_BY_PHONE):
            mechanism = M.TELEPHONE
        else:
            mechanism = self.mechanism if chance(rng, SAME_MECHANISM) else MECHANISMS.pick(rng)
        app_type = APP_TYPES[kind]
        if kind == "session" and self.treatment_sessions + 1 == REVIEW_SESSION and chance(rng, REVIEW_CHANCE):
            app_type = AppType.REVIEW_AND_TREATMENT
        contact = Contact(kind, practitioner, starts_at, minutes, app_type, mechanism, book_at, booked_by)
        contact.pk = self.pathway.appointment_ids.next()
        self.j.contacts.append(contact)
        return contact

    def record(self, contact, outcome):
        """The outcome of an appointment that has started (or a cancellation before it)."""
        if outcome in (A.CANCELLED_BY_PATIENT, A.CANCELLED_BY_SERVICE):
            self.cancel(contact, outcome)
            return
        contact.attendance, contact.outcome_by = outcome, contact.practitioner_id
        if contact.attended:  # marked as arrived when the appointment starts
            contact.outcome_at = self.minutes_later(contact.starts_at, 1, 10)
            if contact.app_type != AppType.ASSESSMENT and contact.app_type != AppType.FOLLOW_UP:
                self.treatment_sessions += 1
                contact.session_number = self.treatment_sessions
                contact.note_at = self.minutes_later(contact.ends_at, 2, 30)
        else:  # did not attend, or too late to be seen
            contact.outcome_at = self.minutes_later(contact.starts_at, 15, 30)

    def cancel(self, contact, outcome):
        """Cancelled a day or few before (by phone to admin staff, or by the service); the slot is freed."""
        rng = self.rng
        by_patient = outcome == A.CANCELLED_BY_PATIENT
        day = contact.starts_at.date() - datetime.timedelta(days=rng.randint(1, 3))
        at = self.demo.time_on(day, 8, 16, rng=rng)
        if not contact.booked_at < at < contact.starts_at:
            at = contact.booked_at + (contact.starts_at - contact.booked_at) / 2
        contact.attendance, contact.outcome_at = outcome, at
        contact.outcome_by = self.admin if by_patient else contact.practitioner_id
        contact.outcome_note = rng.choice(
            session_text.CANCELLED_BY_PATIENT if by_patient else session_text.CANCELLED_BY_SERVICE
        )
        self.diary.release(contact.practitioner_id, contact.starts_at, contact.minutes)

    def after_cancellation(self, contact):
        """(booked at, booked by, day) of the appointment that replaces a cancelled or missed one."""
        rng = self.rng
        if contact.attendance == A.CANCELLED_BY_SERVICE:
            days, booked_by = rng.randint(2, 5), contact.practitioner_id
        else:
            days, booked_by = rng.randint(7, 10), self.admin
        return contact.outcome_at, booked_by, contact.starts_at.date() + datetime.timedelta(days=days)

    def follow_up_dna(self, contact, final):
        """The DNA follow-up task appointments.services raises: due the next working day, done then or
        a little later by the practitioner (who rebooks), or still open if that is after the anchor."""
        rng, demo = self.rng, self.demo
        contact.dna_due = next_working_day(contact.outcome_at.date())
        done_day = contact.dna_due
        for _ in range(DNA_FOLLOW_UP_DELAY.pick(rng)):
            done_day = working_day(done_day + datetime.timedelta(days=1))
        done_at = demo.time_on(done_day, 9, 16, rng=rng)
        kept_open = self.j.review_showcase != "two_dnas" and self.recent(contact.starts_at, 14)
        if not self.past(done_at) or (kept_open and self.pathway.showcase.take("open_dna")):
            return
        contact.dna_done_at = done_at
        contact.dna_outcome = rng.choice(session_text.DNA_NO_REPLY if final else session_text.DNA_FOLLOW_UPS)

    # Discharge -------------------------------------------------------------------------------------

    def discharge(self, at, by_id, end_code, summary):
        """Discharge with an end code, as referrals.discharge.discharge records it; False if not yet."""
        if not self.past(at):
            return False
        j = self.j
        j.end_code, j.discharged_at, j.discharged_by_id, j.discharge_summary = end_code, at, by_id, summary
        self.step(Status.DISCHARGED, at, by_id, f"End code {end_code}")
        return True
