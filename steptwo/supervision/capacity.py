"""How many open cases a member of staff can hold, and how many they hold now.

A caseload is held by PWPs, trainee PWPs and PWP supervisors (accounts.rules HOLD_CASELOAD). Capacity is,
in order:
1. the member of staff's own `caseload_capacity`, when a service manager set one (an explicit override);
2. otherwise the service's capacity for a full-time qualified PWP (SupervisionSettings, default 45 open
   cases: a local choice, no national figure exists) × their whole-time equivalent (FTE), and for a
   trainee × a ramp over the training year: from `trainee_start_percent` on the day training began to
   `trainee_end_percent` 365 days later, linear by day, flat after that. Trainees build up to "a maximum
   of 60-80 % of a qualified PWP's caseload at the end of training" (domain reference §5, University of
   Essex HS934). A trainee with no training start date gets the start percent.

Capacity is a whole number of cases, rounded half up (20.5 → 21, 20.49 → 20); the arithmetic is exact
(fractions), so a figure like 27.0 from 45 × 0.6 is never rounded from 26.999….
"""

import math
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, Exists, OuterRef, Q

from steptwo.accounts.models import Role
from steptwo.appointments.models import Appointment
from steptwo.referrals import waiting_list
from steptwo.referrals.codes import STEP_2_STATUSES
from steptwo.referrals.models import Referral

CASELOAD_ROLES = (Role.PWP, Role.TRAINEE_PWP, Role.PWP_SUPERVISOR)
TRAINING_YEAR_DAYS = 365


def holds_caseload(user):
    return user.role in CASELOAD_ROLES


def round_half_up(value):
    """A whole number of cases: halves go up (floor of value + ½; values here are never negative)."""
    return math.floor(Fraction(value) + Fraction(1, 2))


def training_days(user, *, today):
    """Days since the trainee's training began, 0 before it began; None when no start date is recorded."""
    if user.training_started_on is None:
        return None
    return max(0, (today - user.training_started_on).days)


def training_month(user, *, today):
    """Which month of the training year the trainee is in (1 to 12, then 12 once the year is over); None when
    no start date is recorded."""
    days = training_days(user, today=today)
    if days is None:
        return None
    return min(12, days * 12 // TRAINING_YEAR_DAYS + 1)


def trainee_percent(user, *, today, settings):
    """The trainee's share of a qualified caseload today, as an exact Fraction of a percent."""
    start, end = settings.trainee_start_percent, settings.trainee_end_percent
    days = training_days(user, today=today)
    if days is None:
        return Fraction(start)
    days = min(days, TRAINING_YEAR_DAYS)
    return start + Fraction((end - start) * days, TRAINING_YEAR_DAYS)


def capacity_of(user, *, today, settings=None):
    """Open cases `user` can hold, or None for staff who hold no caseload (see the module docstring).

    `settings` is the service's SupervisionSettings; pass it when working out many people's capacity.
    """
    if not holds_caseload(user):
        return None
    if user.caseload_capacity is not None:
        return user.caseload_capacity
    if settings is None:
        from steptwo.supervision.models import SupervisionSettings

        settings = SupervisionSettings.for_service(user.service)
    cases = settings.qualified_caseload_capacity * Fraction(user.fte)
    if user.role == Role.TRAINEE_PWP:
        cases = cases * trainee_percent(user, today=today, settings=settings) / 100
    return round_half_up(cases)


def open_caseload_counts(users, *, referrals=None):
    """{user pk: open referrals they are the practitioner of} in one query; 0 for anyone with none.

    Open means still with step 2: waiting for assessment, assessed, or in treatment (referrals.codes
    STEP_2_STATUSES). `referrals` narrows the count (e.g. Referral.objects.for_user(request.user) in a view).
    """
    pks = [getattr(user, "pk", user) for user in users]
    counts = dict.fromkeys(pks, 0)
    if not pks:
        return counts
    rows = (
        (Referral.objects.all() if referrals is None else referrals)
        .filter(practitioner_id__in=pks, status__in=STEP_2_STATUSES)
        .order_by()
        .values("practitioner_id")
        .annotate(count=Count("id"))
        .values_list("practitioner_id", "count")
    )
    counts.update(rows)
    return counts


def explain_capacity(user, *, today, settings):
    """How `user`'s capacity is worked out, in words, for the pages that show it."""
    if not holds_caseload(user):
        return f"Holds no caseload ({user.get_role_display().lower()})."
    if user.caseload_capacity is not None:
        return f"Set for them by a service manager: {user.caseload_capacity} open cases."
    qualified = settings.qualified_caseload_capacity
    words = f"{qualified} open cases for a full-time qualified PWP × {_fte(user)} whole-time equivalent"
    if user.role == Role.TRAINEE_PWP:
        percent = trainee_percent(user, today=today, settings=settings)
        month = training_month(user, today=today)
        when = f"month {month} of training" if month else "no training start date recorded, so the start percentage"
        words += f" × {_percent(percent)} ({when})"
    return f"{words} = {capacity_of(user, today=today, settings=settings)}, rounded to a whole case."


def _fte(user):
    """0.60 → 0.6, 1.00 → 1.0."""
    text = f"{Decimal(str(user.fte)):.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def _percent(value):
    """A Fraction of a percent shown to one decimal place (44.93… → 44.9 %)."""
    return f"{float(value):.1f}".removesuffix(".0") + "%"


@dataclass(frozen=True)
class WaitingCounts:
    """A team's waiting list in numbers (referrals.waiting_list): all waiting, and how many are past each
    waiting-time standard today (domain reference §3: 42 and 126 days from the received date)."""

    waiting: int = 0
    past_six_weeks: int = 0
    past_eighteen_weeks: int = 0


def waiting_counts(referrals, *, teams, today):
    """{team pk: WaitingCounts} in one query. `referrals` is already scoped (Referral.objects.for_user).

    Waiting means what the waiting list holds: a step 2 referral with no treatment contact yet. Past a
    standard means today is after its target date (waiting_list.breach), i.e. received before today − days.
    """
    team_pks = [team.pk for team in teams]
    treated = Appointment.objects.filter(referral=OuterRef("pk")).treatment()
    six_weeks_ago = today - timedelta(days=waiting_list.SIX_WEEKS_DAYS)
    eighteen_weeks_ago = today - timedelta(days=waiting_list.EIGHTEEN_WEEKS_DAYS)
    rows = (
        referrals.filter(team_id__in=team_pks, status__in=STEP_2_STATUSES)
        .filter(~Exists(treated))
        .order_by()
        .values("team_id")
        .annotate(
            waiting=Count("id"),
            past_six_weeks=Count("id", filter=Q(received_date__lt=six_weeks_ago)),
            past_eighteen_weeks=Count("id", filter=Q(received_date__lt=eighteen_weeks_ago)),
        )
    )
    counts = dict.fromkeys(team_pks, WaitingCounts())
    counts.update({row.pop("team_id"): WaitingCounts(**row) for row in rows})
    return counts
