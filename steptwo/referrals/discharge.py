"""Ending a referral: the end code must fit what happened, and nothing may be left booked."""

from dataclasses import dataclass

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
from steptwo.referrals.models import Discharge, Referral
from steptwo.treatment.codes import Intervention

PLAN_FIELDS = ("outcome_summary", "warning_signs", "what_helps", "support_contacts", "setback_plan")


class DischargeDateNotAllowed(NotAllowed):
    """A refusal about the discharge date: forms show it on that field."""

    field = "discharge_date"


class EndCodeNotAllowed(NotAllowed):
    field = "end_code"


@dataclass(frozen=True)
class CourseSummary:
    """What happened in a referral, as the discharge page and letters describe it."""

    group: EndCodeGroup
    attended_contacts: int  # attended care contacts, follow-ups after discharge left out
    treatment_sessions: int  # attended contacts of a treatment type (domain reference §4.2)
    interventions: tuple  # labels of the treatment plan's interventions, in the order they were added


def course_summary(referral):
    contacts = Appointment.objects.filter(referral=referral).exclude(app_type=AppType.FOLLOW_UP)
    labels = referral.interventions.order_by("added_at", "id").values_list("intervention", flat=True)
    return CourseSummary(
        group=end_code_group(referral),
        attended_contacts=contacts.attended().count(),
        treatment_sessions=contacts.treatment().count(),
        interventions=tuple(dict.fromkeys(Intervention(value).label for value in labels)),
    )


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
    booked = booked_appointment(referral)
    if booked:
        raise NotAllowed(
            f"This referral has an appointment booked for {format_datetime(booked.starts_at)}. "
            "Record its outcome, or cancel it, before discharging."
        )


def booked_appointment(referral):
    """The first appointment still waiting for its outcome (follow-ups after discharge aside), or None."""
    return Appointment.objects.filter(referral=referral).awaiting_outcome().exclude(app_type=AppType.FOLLOW_UP).first()


@transaction.atomic
def discharge(*, by, referral, end_code, discharge_date, **plan):
    """Discharge with a data-set end code; the first and last scores are kept with the discharge."""
    unknown = set(plan) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"Unknown discharge fields: {sorted(unknown)}")
    _lock(referral)
    check_can_discharge(referral)
    end_code = EndCode(end_code)
    group = end_code_group(referral)
    if end_code not in END_CODE_GROUPS[group]:
        raise EndCodeNotAllowed(
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


def _lock(referral):
    """Re-read the status under a row lock, so two people discharging at once cannot both pass the checks."""
    referral.status = Referral.objects.select_for_update().values_list("status", flat=True).get(pk=referral.pk)


def _check_date(referral, discharge_date):
    if discharge_date > timezone.localdate():
        raise DischargeDateNotAllowed("The discharge date cannot be in the future")
    if discharge_date < referral.received_date:
        raise DischargeDateNotAllowed(
            f"The discharge date cannot be before the referral was received ({format_date(referral.received_date)})"
        )
    last = Appointment.objects.filter(referral=referral).attended().exclude(app_type=AppType.FOLLOW_UP).last()
    last_day = last and timezone.localdate(last.starts_at)
    if last and discharge_date < last_day:
        raise DischargeDateNotAllowed(
            f"The discharge date cannot be before the last attended appointment ({format_date(last_day)})"
        )
