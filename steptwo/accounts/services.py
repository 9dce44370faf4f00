"""Sign-in bookkeeping and staff changes. Every outcome is audited."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction
from steptwo.core.services import audit


def is_locked(user, now=None):
    return bool(user.locked_until and user.locked_until > (now or timezone.now()))


@transaction.atomic
def record_failed_sign_in(*, username, user=None):
    """Count a failed attempt; lock the account after SIGN_IN_MAX_FAILURES in a row."""
    detail = {"username": username}
    if user is not None:
        user.failed_sign_ins += 1
        if user.failed_sign_ins >= settings.SIGN_IN_MAX_FAILURES:
            user.locked_until = timezone.now() + datetime.timedelta(seconds=settings.SIGN_IN_LOCKOUT_SECONDS)
            user.failed_sign_ins = 0
            detail["locked_until"] = user.locked_until.isoformat()
        user.save(update_fields=["failed_sign_ins", "locked_until"])
    audit.record(by=None, action=AuditAction.SIGN_IN_FAILED, service=getattr(user, "service", None), detail=detail)


@transaction.atomic
def record_sign_in(*, user):
    user.failed_sign_ins = 0
    user.locked_until = None
    user.save(update_fields=["failed_sign_ins", "locked_until"])
    audit.record(by=user, action=AuditAction.SIGN_IN, obj=user)


def record_sign_out(*, user):
    audit.record(by=user, action=AuditAction.SIGN_OUT, obj=user)


@transaction.atomic
def create_staff(*, by, service, username, password, first_name, last_name, role, teams=(), email="", supervisor=None):
    from steptwo.accounts.models import User

    user = User(
        service=service, username=username, first_name=first_name, last_name=last_name, role=role, email=email,
        supervisor=supervisor,
    )  # fmt: skip
    user.set_password(password)
    user.save()
    user.teams.set(teams)
    audit.record(by=by, action=AuditAction.CREATE, obj=user, service=service, detail={"role": role})
    return user


@transaction.atomic
def change_role(*, by, user, role):
    previous = user.role
    user.role = role
    user.save(update_fields=["role"])
    audit.record(by=by, action=AuditAction.ROLE_CHANGE, obj=user, detail={"from": previous, "to": role})
    return user


FTE_MIN, FTE_MAX = Decimal("0.1"), Decimal("1.0")
CAPACITY_MAX = 500  # open cases; as SupervisionSettings.qualified_caseload_capacity


@transaction.atomic
def update_capacity_details(*, by, user, fte, training_started_on, caseload_capacity, supervisor):
    """Save what a member of staff's caseload capacity is worked out from (supervision/capacity.py).

    `caseload_capacity` (None to work it out) overrides the capacity worked out from the service's settings;
    `training_started_on` is for trainees only; `supervisor` is a PWP supervisor of the same service.
    Raises NotAllowed, changing nothing, when a value breaks one of these rules.
    """
    _check_capacity_details(user, fte, training_started_on, caseload_capacity, supervisor)
    values = {
        "fte": _two_places(fte), "training_started_on": training_started_on, "caseload_capacity": caseload_capacity,
        "supervisor": supervisor,
    }  # fmt: skip
    user.fte = _two_places(user.fte)  # as the database holds it (a new User may hold the default 1)
    changed = {name: value for name, value in values.items() if getattr(user, name) != value}
    detail = {name: {"from": _audited(getattr(user, name)), "to": _audited(value)} for name, value in changed.items()}
    for name, value in changed.items():
        setattr(user, name, value)
    user.save(update_fields=list(changed))
    audit.record(by=by, action=AuditAction.UPDATE, obj=user, service=user.service, detail={"changed": detail})
    return user


def _check_capacity_details(user, fte, training_started_on, caseload_capacity, supervisor):
    from steptwo.accounts.models import Role

    fte = Decimal(str(fte))
    if not FTE_MIN <= fte <= FTE_MAX or fte != fte.quantize(Decimal("0.01")):
        raise NotAllowed("Whole-time equivalent must be between 0.1 and 1.0, like 0.6, with at most 2 decimal places")
    if training_started_on is not None and user.role != Role.TRAINEE_PWP:
        raise NotAllowed("Only a trainee PWP has a training start date")
    if caseload_capacity is not None:
        if user.role not in (Role.PWP, Role.TRAINEE_PWP, Role.PWP_SUPERVISOR):
            raise NotAllowed(
                f"{user} holds no caseload ({user.get_role_display().lower()}), so has no caseload capacity"
            )
        if not 0 <= caseload_capacity <= CAPACITY_MAX:
            raise NotAllowed(f"Caseload capacity must be between 0 and {CAPACITY_MAX} open cases")
    if supervisor is not None:
        if supervisor.pk == user.pk:
            raise NotAllowed("A member of staff cannot be their own supervisor")
        if supervisor.role != Role.PWP_SUPERVISOR or not supervisor.is_active:
            raise NotAllowed(f"{supervisor} is not a PWP supervisor, so cannot supervise")
        if supervisor.service_id != user.service_id:
            raise NotAllowed(f"{supervisor} works for another service, so cannot supervise {user}")


def _two_places(fte):
    return Decimal(str(fte)).quantize(Decimal("0.01"))


def _audited(value):
    """A JSON-friendly form of a capacity detail for the audit trail (a user by id, dates in ISO)."""
    if value is None:
        return None
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
