"""Writes for appointments (care contacts): booking, outcomes, unplanned contacts. Each is audited.

A refusal is a NotAllowed; where it is about one thing the user chose, its subclass names that form
field (`field`), so the booking and outcome forms show the reason next to it.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from steptwo.appointments.codes import TREATMENT_APP_TYPES, AppType, AttendOrDNACode
from steptwo.appointments.models import Appointment
from steptwo.core.concurrency import update_if_unchanged
from steptwo.core.errors import NotAllowed
from steptwo.core.formatting import format_datetime
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.referrals.codes import OPEN_STATUSES, ReferralStatus
from steptwo.tasks import services as tasks

# Outcomes that say the appointment happened (or was missed): only once it has started.
OUTCOMES_NEEDING_START = (
    AttendOrDNACode.ATTENDED, AttendOrDNACode.ATTENDED_LATE, AttendOrDNACode.DID_NOT_ATTEND,
    AttendOrDNACode.LATE_NOT_SEEN,
)  # fmt: skip
CANCELLED_CODES = (AttendOrDNACode.CANCELLED_BY_PATIENT, AttendOrDNACode.CANCELLED_BY_SERVICE)
MIN_MINUTES, MAX_MINUTES = 5, 180


class TypeNotAllowed(NotAllowed):
    field = "app_type"


class PractitionerNotAllowed(NotAllowed):
    field = "practitioner"


class LengthNotAllowed(NotAllowed):
    field = "duration_minutes"


class TimeNotAllowed(NotAllowed):
    field = "time"


class OutcomeNotAllowed(NotAllowed):
    field = "attendance"


@transaction.atomic
def book_appointment(*, by, referral, practitioner, starts_at, duration_minutes, app_type, mechanism):
    _check_booking(referral, practitioner, starts_at, duration_minutes, app_type)
    appointment = Appointment.objects.create(
        referral=referral, practitioner=practitioner, starts_at=starts_at, duration_minutes=duration_minutes,
        app_type=app_type, mechanism=mechanism, booked_by=by,
    )  # fmt: skip
    audit.record(by=by, action=AuditAction.CREATE, obj=appointment, patient=referral.patient)
    return appointment


@transaction.atomic
def record_outcome(*, by, appointment, attendance, expected_version, note=""):
    """Record attended / DNA / cancelled ... A DNA raises a follow-up task for the practitioner."""
    attendance = AttendOrDNACode(attendance)
    if attendance in OUTCOMES_NEEDING_START and appointment.starts_at > timezone.now():
        raise OutcomeNotAllowed(
            f"This appointment is on {format_datetime(appointment.starts_at)}: you can record that it was "
            f"{attendance.label.lower()} once it has started. A cancellation can be recorded now."
        )
    first_dna = attendance == AttendOrDNACode.DID_NOT_ATTEND and appointment.attendance != attendance
    update_if_unchanged(
        appointment, expected_version=expected_version, attendance=attendance, outcome_note=note,
        outcome_recorded_at=timezone.now(), outcome_recorded_by=by,
    )  # fmt: skip
    audit.record(by=by, action=AuditAction.UPDATE, obj=appointment, detail={"attendance": attendance.value})
    if first_dna:
        tasks.raise_dna_follow_up(by=by, appointment=appointment)
    return appointment


@transaction.atomic
def record_unplanned_contact(*, by, referral, practitioner, starts_at, duration_minutes, app_type, mechanism, note=""):
    """A contact that was not booked (e.g. the patient rang in): recorded afterwards as attended."""
    if starts_at > timezone.now():
        raise TimeNotAllowed("An unplanned contact is recorded after it happened: its time cannot be in the future")
    _check_booking(referral, practitioner, starts_at, duration_minutes, app_type)
    now = timezone.now()
    appointment = Appointment.objects.create(
        referral=referral, practitioner=practitioner, starts_at=starts_at, duration_minutes=duration_minutes,
        app_type=app_type, mechanism=mechanism, planned=False, attendance=AttendOrDNACode.ATTENDED,
        outcome_note=note, outcome_recorded_at=now, outcome_recorded_by=by, booked_by=by,
    )  # fmt: skip
    audit.record(by=by, action=AuditAction.CREATE, obj=appointment, patient=referral.patient)
    return appointment


def treatment_session_number(appointment):
    """This contact's number among the referral's attended treatment contacts (1 for the first), in
    the order the diary shows them (time, then booking order). None when it is not a treatment contact:
    assessments, follow-ups after discharge (AppType 06, domain reference §4.2) and missed ones never count.
    """
    if not appointment.is_treatment:
        return None
    earlier = (
        Appointment.objects.filter(referral_id=appointment.referral_id)
        .treatment()
        .filter(Q(starts_at__lt=appointment.starts_at) | Q(starts_at=appointment.starts_at, pk__lt=appointment.pk))
        .count()
    )
    return earlier + 1


def _check_booking(referral, practitioner, starts_at, duration_minutes, app_type):
    _check_type(referral, app_type)
    if practitioner.service_id != referral.patient.service_id or not practitioner.is_clinical:
        raise PractitionerNotAllowed(f"{practitioner} is not a clinician in this service")
    if not MIN_MINUTES <= duration_minutes <= MAX_MINUTES:
        raise LengthNotAllowed(f"An appointment lasts between {MIN_MINUTES} and {MAX_MINUTES} minutes")
    clash = _clash(practitioner, starts_at, duration_minutes)
    if clash:
        raise TimeNotAllowed(
            f"{practitioner} already has an appointment from {format_datetime(clash.starts_at)} "
            f"for {clash.duration_minutes} minutes"
        )


def _check_type(referral, app_type):
    if app_type == AppType.FOLLOW_UP:
        if referral.status != ReferralStatus.DISCHARGED:
            raise TypeNotAllowed("A follow-up appointment is for after discharge: book a treatment or review instead")
    elif referral.status not in OPEN_STATUSES:
        raise TypeNotAllowed("This referral has been discharged: only a follow-up appointment can be booked")
    if (
        referral.status == ReferralStatus.WAITING
        and app_type in TREATMENT_APP_TYPES
        and app_type != AppType.ASSESSMENT_AND_TREATMENT
    ):
        raise TypeNotAllowed("This patient has not been assessed yet: book an assessment first")


def _clash(practitioner, starts_at, duration_minutes):
    """The practitioner's first appointment (not cancelled) overlapping [starts_at, starts_at + length)."""
    ends_at = starts_at + timedelta(minutes=duration_minutes)
    nearby = Appointment.objects.filter(
        practitioner=practitioner,
        starts_at__lt=ends_at,
        starts_at__gt=starts_at - timedelta(minutes=MAX_MINUTES),
    ).exclude(attendance__in=CANCELLED_CODES)
    for other in nearby:
        if other.starts_at + timedelta(minutes=other.duration_minutes) > starts_at:
            return other
    return None
