"""A team's waiting list: referrals waiting for assessment, or assessed but not yet treated, oldest first.

Waiting-time standards, domain reference §3 ([NHSE-META-M] M036): a wait is within 6 weeks when
first treatment date − referral received date <= 42 days, and within 18 weeks when it is <= 126 days.
So the 6-week date is the received date + 42 days and the 18-week date the received date + 126 days;
the first treatment contact is the first attended contact of a treatment type (02, 03, 05, §4.2).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from steptwo.appointments.codes import AppType
from steptwo.appointments.models import Appointment
from steptwo.referrals.codes import STEP_2_STATUSES, ReferralStatus
from steptwo.referrals.models import PresentingComplaint

SIX_WEEKS_DAYS = 42
EIGHTEEN_WEEKS_DAYS = 126
NOT_ALLOCATED = "none"  # the practitioner filter's value for referrals nobody has yet

BREACHED = "breached"
WILL_BREACH = "will breach"


@dataclass(frozen=True)
class Standard:
    name: str
    days: int


STANDARDS = (Standard("6 weeks", SIX_WEEKS_DAYS), Standard("18 weeks", EIGHTEEN_WEEKS_DAYS))


def target_date(received, days):
    """The last day on which a first treatment still meets the standard."""
    return received + timedelta(days=days)


def within(received, first_treatment, days):
    return (first_treatment - received).days <= days


def days_waiting(received, today):
    return (today - received).days


def breach(received, days, *, today, booked=None):
    """BREACHED when today is past the target date (the list only holds referrals not yet treated),
    WILL_BREACH when the booked first appointment falls after it, otherwise None."""
    deadline = target_date(received, days)
    if today > deadline:
        return BREACHED
    if booked is not None and booked > deadline:
        return WILL_BREACH
    return None


@dataclass(frozen=True)
class Filters:
    problem: str = ""  # code of the primary problem descriptor
    source: str = ""  # SourceOfReferral code
    practitioner: str = ""  # a user's id, or NOT_ALLOCATED
    waiting_for: tuple = ()  # "assessment", "treatment": both when empty


def waiting(referrals, *, team):
    """`referrals` (already scoped: Referral.objects.for_user) of `team` still waiting, with what the list
    shows computed in the same query: the booked first appointment and the primary problem descriptor."""
    treated = Appointment.objects.filter(referral=OuterRef("pk")).treatment()
    booked = Appointment.objects.filter(referral=OuterRef("pk")).awaiting_outcome().order_by("starts_at", "id")
    problem = PresentingComplaint.objects.filter(referral=OuterRef("pk"), primary=True).order_by("-recorded_at", "-id")
    return (
        referrals.filter(team=team, status__in=STEP_2_STATUSES)
        .filter(~Exists(treated))
        .annotate(
            booked_starts_at=Subquery(booked.values("starts_at")[:1]),
            booked_app_type=Subquery(booked.values("app_type")[:1]),
            problem_code=Subquery(problem.values("code")[:1]),
            problem_label=Subquery(problem.values("label")[:1]),
        )
        .select_related("patient", "practitioner")
        .order_by("received_date", "id")
    )


def filtered(rows, filters):
    if filters.problem:
        rows = rows.filter(problem_code=filters.problem)
    if filters.source:
        rows = rows.filter(source=filters.source)
    if filters.practitioner == NOT_ALLOCATED:
        rows = rows.filter(practitioner__isnull=True)
    elif filters.practitioner:
        rows = rows.filter(practitioner_id=filters.practitioner)
    if len(filters.waiting_for) == 1:
        if filters.waiting_for[0] == "assessment":
            rows = rows.filter(status=ReferralStatus.WAITING)
        else:
            rows = rows.exclude(status=ReferralStatus.WAITING)
    return rows


def problems(rows):
    """The (code, label) of each primary problem descriptor on the list, for the filter."""
    pairs = rows.order_by().values_list("problem_code", "problem_label").distinct()
    return sorted((code, label) for code, label in pairs if code)


@dataclass(frozen=True)
class Flag:
    standard: str
    kind: str  # BREACHED or WILL_BREACH

    @property
    def text(self):
        return f"{'Breached' if self.kind == BREACHED else 'Will breach'} {self.standard}"


@dataclass(frozen=True)
class Row:
    referral: object
    waiting_for: str
    days_waiting: int
    six_week_date: object
    eighteen_week_date: object
    booked_starts_at: object
    booked_day: object  # its local date
    booked_type: str
    flags: tuple


def row(referral, today):
    """What the list shows for one referral annotated by `waiting` (no further queries)."""
    booked = referral.booked_starts_at
    booked_day = timezone.localdate(booked) if booked else None
    flags = tuple(
        Flag(standard.name, kind)
        for standard in STANDARDS
        if (kind := breach(referral.received_date, standard.days, today=today, booked=booked_day))
    )
    return Row(
        referral=referral,
        waiting_for="assessment" if referral.status == ReferralStatus.WAITING else "treatment",
        days_waiting=days_waiting(referral.received_date, today),
        six_week_date=target_date(referral.received_date, SIX_WEEKS_DAYS),
        eighteen_week_date=target_date(referral.received_date, EIGHTEEN_WEEKS_DAYS),
        booked_starts_at=booked,
        booked_day=booked_day,
        booked_type=AppType(referral.booked_app_type).label if booked else "",
        flags=flags,
    )
