"""Sign-in bookkeeping and staff changes. Every outcome is audited."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

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
