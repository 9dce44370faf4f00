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
from fractions import Fraction

from django.db.models import Count

from steptwo.accounts.models import Role
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
