"""Writes for referrals: creation and the referral state machine (each status an immutable row)."""

from django.db import transaction

from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.referrals.codes import ALLOWED_TRANSITIONS, ReferralStatus
from steptwo.referrals.models import PresentingComplaint, Referral, ReferralStatusChange


class TransitionNotAllowed(NotAllowed):
    pass


@transaction.atomic
def create_referral(
    *, by, patient, team, received_date, source, reason, practitioner=None, status=ReferralStatus.WAITING
):
    if team.service_id != patient.service_id:
        raise ValueError("A referral's team must belong to the patient's service")
    referral = Referral.objects.create(
        patient=patient, team=team, received_date=received_date, source=source, reason=reason,
        practitioner=practitioner, status=status, created_by=by,
    )  # fmt: skip
    ReferralStatusChange.objects.create(referral=referral, status=status, changed_by=by)
    audit.record(by=by, action=AuditAction.CREATE, obj=referral)
    return referral


def check_transition(referral, to):
    """Raise TransitionNotAllowed, saying why, unless the state machine lets `referral` move to `to`."""
    to = ReferralStatus(to)
    current = ReferralStatus(referral.status)
    if to not in ALLOWED_TRANSITIONS[current]:
        if current == ReferralStatus.DISCHARGED:
            raise TransitionNotAllowed(
                "This referral has been discharged: make a new referral to see the patient again"
            )
        raise TransitionNotAllowed(f"A referral cannot go from ‘{current.label}’ to ‘{to.label}’")
    return to


@transaction.atomic
def change_status(*, by, referral, to, note=""):
    """The only writer of Referral.status: one new ReferralStatusChange row per change, with who and why."""
    to = check_transition(referral, to)
    ReferralStatusChange.objects.create(referral=referral, status=to, changed_by=by, note=note)
    referral.status = to
    referral.version += 1
    referral.save(update_fields=["status", "version"])
    audit.record(by=by, action=AuditAction.UPDATE, obj=referral, detail={"status": to.value})
    return referral


def replay(referral):
    """The referral's statuses in order, re-checked against the state machine: [(change, allowed)]."""
    changes = list(referral.status_changes.all())
    replayed = []
    for previous, change in zip([None, *changes], changes, strict=False):
        allowed = previous is None or ReferralStatus(change.status) in ALLOWED_TRANSITIONS[previous.status]
        replayed.append((change, allowed))
    return replayed


@transaction.atomic
def record_presenting_complaint(*, by, referral, code_system, code, label, primary=True):
    complaint = PresentingComplaint.objects.create(
        referral=referral, code_system=code_system, code=code, label=label, primary=primary, recorded_by=by
    )
    audit.record(by=by, action=AuditAction.CREATE, obj=complaint, patient=referral.patient)
    return complaint
