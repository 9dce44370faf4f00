"""Appointment rules: what may be booked when, outcomes, DNA follow-ups and treatment session numbers."""

import datetime

import pytest
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.appointments import services
from steptwo.appointments.codes import AppType, AttendOrDNACode, ConsMechanism
from steptwo.appointments.models import Appointment
from steptwo.appointments.tests.make import assess, attend, book, days_from_now, discharge, local
from steptwo.core.errors import NotAllowed, StaleEditError
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.tasks.models import Task, TaskKind
from steptwo.tests import builders

pytestmark = pytest.mark.django_db


def refused(message, call, *args, **kwargs):
    with pytest.raises(NotAllowed) as error:
        call(*args, **kwargs)
    assert str(error.value) == message
    return error.value


def test_booking_is_audited(pwp, referral):
    appointment = book(referral, by=pwp, starts_at=days_from_now(3), app_type=AppType.ASSESSMENT)

    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="appointment", object_id=str(appointment.pk)
    ).exists()


def test_outcome_of_a_future_appointment_is_refused(pwp, referral):
    appointment = book(referral, by=pwp, starts_at=local(datetime.date(2099, 3, 4), 14, 5), app_type=AppType.ASSESSMENT)

    error = refused(
        "This appointment is on 4 March 2099 at 2:05pm: you can record that it was attended once it has "
        "started. A cancellation can be recorded now.",
        attend, appointment, by=pwp,
    )  # fmt: skip
    assert error.field == "attendance"
    appointment.refresh_from_db()
    assert appointment.attendance == ""


def test_a_future_appointment_can_be_cancelled_ahead(pwp, referral):
    appointment = book(referral, by=pwp, starts_at=days_from_now(3), app_type=AppType.ASSESSMENT)

    attend(appointment, by=pwp, attendance=AttendOrDNACode.CANCELLED_BY_PATIENT)

    assert appointment.attendance == AttendOrDNACode.CANCELLED_BY_PATIENT
    assert appointment.outcome_recorded_by == pwp


def test_outcome_based_on_an_old_version_is_refused(pwp, referral):
    appointment = book(referral, by=pwp, starts_at=days_from_now(-1), app_type=AppType.ASSESSMENT)
    attend(appointment, by=pwp)

    with pytest.raises(StaleEditError):
        services.record_outcome(
            by=pwp, appointment=appointment, attendance=AttendOrDNACode.DID_NOT_ATTEND, expected_version=1
        )
    appointment.refresh_from_db()
    assert appointment.attendance == AttendOrDNACode.ATTENDED


def test_only_a_follow_up_can_be_booked_after_discharge(pwp, referral):
    discharge(referral, by=pwp)

    error = refused(
        "This referral has been discharged: only a follow-up appointment can be booked",
        book, referral, by=pwp, starts_at=days_from_now(3),
    )  # fmt: skip
    assert error.field == "app_type"
    assert book(referral, by=pwp, starts_at=days_from_now(3), app_type=AppType.FOLLOW_UP).pk


def test_follow_up_is_refused_before_discharge(pwp, referral):
    assess(referral, by=pwp)

    refused(
        "A follow-up appointment is for after discharge: book a treatment or review instead",
        book, referral, by=pwp, starts_at=days_from_now(3), app_type=AppType.FOLLOW_UP,
    )  # fmt: skip


@pytest.mark.parametrize("app_type", [AppType.TREATMENT, AppType.REVIEW_AND_TREATMENT])
def test_treatment_before_assessment_is_refused(pwp, referral, app_type):
    refused(
        "This patient has not been assessed yet: book an assessment first",
        book, referral, by=pwp, starts_at=days_from_now(3), app_type=app_type,
    )  # fmt: skip


def test_assessment_and_treatment_can_be_booked_before_assessment(pwp, referral):
    appointment = book(referral, by=pwp, starts_at=days_from_now(3), app_type=AppType.ASSESSMENT_AND_TREATMENT)

    assert appointment.app_type == AppType.ASSESSMENT_AND_TREATMENT


def test_overlapping_appointment_for_the_same_practitioner_is_refused(pwp, referral, service, team):
    book(referral, by=pwp, starts_at=local(datetime.date(2099, 3, 4), 14, 0), minutes=60, app_type=AppType.ASSESSMENT)
    other = builders.make_referral(builders.make_patient(service, pwp, nhs_number="9999999999"), team, pwp)

    error = refused(
        "Priya Shah already has an appointment from 4 March 2099 at 2:00pm for 60 minutes",
        book, other, by=pwp, starts_at=local(datetime.date(2099, 3, 4), 14, 45), app_type=AppType.ASSESSMENT,
    )  # fmt: skip
    assert error.field == "time"


def test_back_to_back_and_cancelled_appointments_do_not_clash(pwp, referral):
    first = book(referral, by=pwp, starts_at=days_from_now(3, 9), minutes=60, app_type=AppType.ASSESSMENT)
    attend(first, by=pwp, attendance=AttendOrDNACode.CANCELLED_BY_SERVICE)

    book(referral, by=pwp, starts_at=days_from_now(3, 9, 30), minutes=30, app_type=AppType.ASSESSMENT)
    book(referral, by=pwp, starts_at=days_from_now(3, 10), minutes=30, app_type=AppType.ASSESSMENT)

    assert Appointment.objects.filter(referral=referral).count() == 3


@pytest.mark.parametrize("minutes", [4, 181])
def test_length_out_of_range_is_refused(pwp, referral, minutes):
    error = refused(
        "An appointment lasts between 5 and 180 minutes",
        book, referral, by=pwp, starts_at=days_from_now(3), minutes=minutes, app_type=AppType.ASSESSMENT,
    )  # fmt: skip
    assert error.field == "duration_minutes"


def test_practitioner_must_be_a_clinician_in_the_service(pwp, referral, staff_in_role, other_pwp):
    admin = staff_in_role(Role.ADMIN_STAFF)

    refused(
        f"{admin} is not a clinician in this service",
        book, referral, by=pwp, practitioner=admin, starts_at=days_from_now(3), app_type=AppType.ASSESSMENT,
    )  # fmt: skip
    refused(
        f"{other_pwp} is not a clinician in this service",
        book, referral, by=pwp, practitioner=other_pwp, starts_at=days_from_now(3), app_type=AppType.ASSESSMENT,
    )  # fmt: skip


def test_dna_raises_one_follow_up_task_for_the_practitioner_due_the_next_working_day(
    pwp, referral, staff_in_role, monkeypatch
):
    booker = staff_in_role(Role.ADMIN_STAFF)
    appointment = book(referral, by=pwp, starts_at=days_from_now(-1), app_type=AppType.ASSESSMENT)
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 11, 27))  # a Friday

    attend(appointment, by=booker, attendance=AttendOrDNACode.DID_NOT_ATTEND)
    attend(appointment, by=booker, attendance=AttendOrDNACode.DID_NOT_ATTEND)  # saved again: no second task

    task = Task.objects.get(kind=TaskKind.DNA_FOLLOW_UP)
    assert (task.owner, task.due_date, task.source_appointment) == (pwp, datetime.date(2026, 11, 30), appointment)
    assert task.patient == referral.patient


def test_attended_and_cancelled_outcomes_raise_no_task(pwp, referral):
    attend(book(referral, by=pwp, starts_at=days_from_now(-2), app_type=AppType.ASSESSMENT), by=pwp)
    attend(
        book(referral, by=pwp, starts_at=days_from_now(-1), app_type=AppType.ASSESSMENT),
        by=pwp, attendance=AttendOrDNACode.CANCELLED_BY_PATIENT,
    )  # fmt: skip

    assert not Task.objects.exists()


def test_unplanned_contact_is_recorded_as_attended(pwp, referral):
    contact = services.record_unplanned_contact(
        by=pwp, referral=referral, practitioner=pwp, starts_at=days_from_now(0, 0, 5), duration_minutes=15,
        app_type=AppType.ASSESSMENT, mechanism=ConsMechanism.TELEPHONE, note="Rang in upset",
    )  # fmt: skip

    assert (contact.planned, contact.attendance, contact.outcome_recorded_by) == (False, "5", pwp)


def test_unplanned_contact_in_the_future_is_refused(pwp, referral):
    error = refused(
        "An unplanned contact is recorded after it happened: its time cannot be in the future",
        services.record_unplanned_contact, by=pwp, referral=referral, practitioner=pwp,
        starts_at=timezone.now() + datetime.timedelta(minutes=5), duration_minutes=15,
        app_type=AppType.ASSESSMENT, mechanism=ConsMechanism.TELEPHONE,
    )  # fmt: skip
    assert error.field == "time"


def test_treatment_sessions_are_numbered_in_time_order(pwp, referral):
    assessment = attend(book(referral, by=pwp, starts_at=days_from_now(-10), app_type=AppType.ASSESSMENT), by=pwp)
    assess(referral, by=pwp)
    second = attend(book(referral, by=pwp, starts_at=days_from_now(-3)), by=pwp)
    missed = attend(book(referral, by=pwp, starts_at=days_from_now(-5)), by=pwp, attendance="3")
    first = attend(book(referral, by=pwp, starts_at=days_from_now(-7)), by=pwp)

    assert [services.treatment_session_number(a) for a in (assessment, first, missed, second)] == [None, 1, None, 2]


def test_follow_ups_after_discharge_never_count_as_treatment(pwp, referral):
    assess(referral, by=pwp)
    session = attend(book(referral, by=pwp, starts_at=days_from_now(-7)), by=pwp)
    discharge(referral, by=pwp)
    follow_up = attend(book(referral, by=pwp, starts_at=days_from_now(-1), app_type=AppType.FOLLOW_UP), by=pwp)

    assert list(Appointment.objects.filter(referral=referral).treatment()) == [session]
    assert services.treatment_session_number(follow_up) is None
    assert services.treatment_session_number(session) == 1
