"""What the caseload page and the supervisor's review list know about each open case.

`facts_for(referrals, today=...)` (below the types) computes these for any number of referrals in a fixed
number of queries, whatever the caseload's size: no per-referral queries (tests assert the count).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal


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
    risk_raised_since_discussed: bool = False  # a RiskAssessment raised the level after that date
    item9_since_discussed: bool = False  # a PHQ-9 with question 9 above 0 completed after that date
    assessed_without_decision: bool = False  # status ASSESSED: the assessment started, no decision recorded
    has_discharge_or_step_up_plan: bool = False  # a supervision decision to step up or discharge
    notes_awaiting_sign_off: int = 0  # trainee session notes waiting for the supervisor


def facts_for(referrals, *, today):
    """[CaseFacts] for a queryset of referrals (already scoped by the caller), in its order."""
    raise NotImplementedError("built by the caseload work of issue 6")
