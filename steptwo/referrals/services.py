"""Writes for referrals: creation and status changes (each an immutable ReferralStatusChange)."""

from django.db import transaction

from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.referrals.codes import ALLOWED_TRANSITIONS, ReferralStatus
from steptwo.referrals.models import PresentingComplaint, Referral, ReferralStatusChange


class TransitionNotAllowed(Exception):
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


@transaction.atomic
def change_status(*, by, referral, to, note=""):
    to = ReferralStatus(to)
    if to not in ALLOWED_TRANSITIONS[ReferralStatus(referral.status)]:
        raise TransitionNotAllowed(f"A referral cannot go from {referral.get_status_display()} to {to.label}")
    ReferralStatusChange.objects.create(referral=referral, status=to, changed_by=by, note=note)
    referral.status = to
    referral.version += 1
    referral.save(update_fields=["status", "version"])
    audit.record(by=by, action=AuditAction.UPDATE, obj=referral, detail={"status": to.value})
    return referral


@transaction.atomic
def record_presenting_complaint(*, by, referral, code_system, code, label, primary=True):
    complaint = PresentingComplaint.objects.create(
        referral=referral, code_system=code_system, code=code, label=label, primary=primary, recorded_by=by
    )
    audit.record(by=by, action=AuditAction.CREATE, obj=complaint, patient=referral.patient)
    return complaint
