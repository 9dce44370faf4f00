"""Ending a referral: the end code must fit what happened, and nothing may be left booked."""

from django.db import transaction
from django.utils import timezone

from steptwo.appointments.codes import AppType
from steptwo.appointments.models import Appointment
from steptwo.core.errors import NotAllowed
from steptwo.core.formatting import format_date, format_datetime
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.measures.first_last import first_and_last
from steptwo.referrals import services
from steptwo.referrals.codes import END_CODE_GROUPS, EndCode, EndCodeGroup, ReferralStatus
from steptwo.referrals.models import Discharge

PLAN_FIELDS = ("outcome_summary", "warning_signs", "what_helps", "support_contacts", "setback_plan")


def end_code_group(referral):
    """Which group of end codes fits: taken on for treatment (any treatment contact), seen, or not seen."""
    contacts = Appointment.objects.filter(referral=referral).exclude(app_type=AppType.FOLLOW_UP)
    if contacts.treatment().exists():
        return EndCodeGroup.TREATED
    if contacts.attended().exists():
        return EndCodeGroup.SEEN_NOT_TREATED
    return EndCodeGroup.NOT_SEEN


def allowed_end_codes(referral):
    return END_CODE_GROUPS[end_code_group(referral)]


def check_can_discharge(referral):
    """Raise NotAllowed, saying what to do first, unless the referral can be discharged now."""
    services.check_transition(referral, ReferralStatus.DISCHARGED)
    booked = (
        Appointment.objects.filter(referral=referral).awaiting_outcome().exclude(app_type=AppType.FOLLOW_UP).first()
    )
    if booked:
        raise NotAllowed(
            f"This referral has an appointment booked for {format_datetime(booked.starts_at)}. "
            "Record its outcome, or cancel it, before discharging."
        )


@transaction.atomic
def discharge(*, by, referral, end_code, discharge_date, **plan):
    """Discharge with a data-set end code; the first and last scores are kept with the discharge."""
    unknown = set(plan) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown discharge fields: {sorted(unknown)}")
    check_can_discharge(referral)
    end_code = EndCode(end_code)
    group = end_code_group(referral)
    if end_code not in END_CODE_GROUPS[group]:
        raise NotAllowed(
            f"End code {end_code.value} ({end_code.label}) does not fit this referral, which was "
            f"‘{group.label.lower()}’. Choose one of: {', '.join(code.value for code in END_CODE_GROUPS[group])}."
        )
    _check_date(referral, discharge_date)
    record = Discharge.objects.create(
        referral=referral, end_code=end_code, discharge_date=discharge_date, scores=first_and_last(referral),
        recorded_by=by, **plan,
    )  # fmt: skip
    services.change_status(by=by, referral=referral, to=ReferralStatus.DISCHARGED, note=f"End code {end_code.value}")
    audit.record(by=by, action=AuditAction.CREATE, obj=record, patient=referral.patient)
    return record


def _check_date(referral, discharge_date):
    if discharge_date > timezone.localdate():
        raise NotAllowed("The discharge date cannot be in the future")
    if discharge_date < referral.received_date:
        raise NotAllowed(
            f"The discharge date cannot be before the referral was received ({format_date(referral.received_date)})"
        )
    last = Appointment.objects.filter(referral=referral).attended().exclude(app_type=AppType.FOLLOW_UP).last()
    if last and discharge_date < timezone.localdate(last.starts_at):
        raise NotAllowed(f"The discharge date cannot be before the last appointment ({format_date(last.starts_at)})")
