"""Booking an appointment and recording an unplanned contact from a referral."""

import datetime

import pytest
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.appointments.codes import AppType, AttendOrDNACode
from steptwo.appointments.models import Appointment
from steptwo.appointments.tests.make import assess, book, discharge, local
from steptwo.tests import builders

pytestmark = pytest.mark.django_db
DAY = datetime.date(2099, 3, 4)


def booking_post(pwp, **overrides):
    return {
        "practitioner": pwp.pk, "date-day": "4", "date-month": "3", "date-year": "2099", "time": "14:30",
        "duration_minutes": "60", "app_type": AppType.ASSESSMENT, "mechanism": "02",
    } | overrides  # fmt: skip


def test_form_defaults_to_an_hour_long_assessment_with_the_referrals_practitioner(pwp_client, referral):
    content = pwp_client.get(f"/appointments/book/{referral.pk}/").content.decode()

    assert "<h1>Book an appointment</h1>" in content
    assert 'value="60"' in content
    assert 'value="01" checked' in content
    assert "PWP sessions are usually 20 to 30 minutes; assessments longer" in content


def test_after_assessment_the_form_offers_a_30_minute_treatment(pwp_client, pwp, referral):
    assess(referral, by=pwp)

    content = pwp_client.get(f"/appointments/book/{referral.pk}/").content.decode()

    assert 'value="30"' in content
    assert 'value="02" checked' in content


def test_booking_makes_an_aware_london_time_and_returns_to_the_patient(pwp_client, pwp, referral):
    response = pwp_client.post(f"/appointments/book/{referral.pk}/", booking_post(pwp, **{"date-month": "7"}))

    appointment = Appointment.objects.get()
    assert response["Location"] == f"/referrals/{referral.pk}/"
    # 14:30 British Summer Time is 13:30 UTC
    assert appointment.starts_at == datetime.datetime(2099, 7, 4, 13, 30, tzinfo=datetime.UTC)
    assert (appointment.practitioner, appointment.booked_by, appointment.duration_minutes) == (pwp, pwp, 60)


def test_admin_staff_can_book_for_a_clinician(client, staff_in_role, pwp, referral):
    client.force_login(staff_in_role(Role.ADMIN_STAFF))

    client.post(f"/appointments/book/{referral.pk}/", booking_post(pwp))

    assert Appointment.objects.get().practitioner == pwp


def test_a_time_that_is_not_hh_mm_is_explained(pwp_client, pwp, referral):
    content = pwp_client.post(f"/appointments/book/{referral.pk}/", booking_post(pwp, time="half two")).content
    content = content.decode()

    assert "Time must be in the 24-hour clock with hours and minutes, like 09:30 or 14:00" in content
    assert 'value="half two"' in content
    assert not Appointment.objects.exists()


def test_refusals_are_shown_on_the_form_keeping_the_input(pwp_client, pwp, referral):
    book(referral, by=pwp, starts_at=local(DAY, 14, 0), minutes=60, app_type=AppType.ASSESSMENT)

    content = pwp_client.post(f"/appointments/book/{referral.pk}/", booking_post(pwp)).content.decode()

    assert "Priya Shah already has an appointment from 4 March 2099 at 2:00pm for 60 minutes" in content
    assert 'href="#id_time"' in content  # the error summary links to the time
    assert 'value="14:30"' in content
    assert Appointment.objects.count() == 1


def test_treatment_before_assessment_is_refused_on_the_form(pwp_client, pwp, referral):
    content = pwp_client.post(
        f"/appointments/book/{referral.pk}/", booking_post(pwp, app_type=AppType.TREATMENT)
    ).content.decode()

    assert "This patient has not been assessed yet: book an assessment first" in content


def test_discharged_referral_offers_a_follow_up_and_refuses_anything_else(pwp_client, pwp, referral):
    discharge(referral, by=pwp)

    assert 'value="06" checked' in pwp_client.get(f"/appointments/book/{referral.pk}/").content.decode()
    content = pwp_client.post(f"/appointments/book/{referral.pk}/", booking_post(pwp)).content.decode()
    assert "This referral has been discharged: only a follow-up appointment can be booked" in content


def test_length_out_of_range_is_refused(pwp_client, pwp, referral):
    content = pwp_client.post(
        f"/appointments/book/{referral.pk}/", booking_post(pwp, duration_minutes="240")
    ).content.decode()

    assert "Length must be between 5 and 180 minutes" in content


def test_practitioner_must_be_a_clinician_in_the_referrals_team(pwp_client, pwp, service, referral):
    elsewhere = builders.make_staff(service, Role.PWP, teams=[builders.make_team(service, name="South")])

    content = pwp_client.post(
        f"/appointments/book/{referral.pk}/", booking_post(pwp, practitioner=elsewhere.pk)
    ).content.decode()

    assert "Select a practitioner in North team" in content


def test_referral_of_another_service_is_not_found(pwp_client, other_patient, other_pwp):
    other = builders.make_referral(other_patient, other_pwp.teams.get(), other_pwp)

    assert pwp_client.get(f"/appointments/book/{other.pk}/").status_code == 404
    assert pwp_client.get(f"/appointments/unplanned/{other.pk}/").status_code == 404


def test_service_managers_cannot_book(client, staff_in_role, referral):
    client.force_login(staff_in_role(Role.SERVICE_MANAGER))

    assert client.get(f"/appointments/book/{referral.pk}/").status_code == 403


def test_unplanned_contact_is_recorded_as_attended(pwp_client, pwp, referral):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    post = booking_post(
        pwp, **{"date-day": yesterday.day, "date-month": yesterday.month, "date-year": yesterday.year},
        duration_minutes="15", note="Rang in worried about the assessment",
    )  # fmt: skip

    response = pwp_client.post(f"/appointments/unplanned/{referral.pk}/", post)

    contact = Appointment.objects.get()
    assert response["Location"] == f"/referrals/{referral.pk}/"
    assert (contact.planned, contact.attendance) == (False, AttendOrDNACode.ATTENDED)
    assert contact.outcome_note == "Rang in worried about the assessment"


def test_unplanned_contact_in_the_future_is_refused(pwp_client, pwp, referral):
    content = pwp_client.post(f"/appointments/unplanned/{referral.pk}/", booking_post(pwp)).content.decode()

    assert "Date must be today or in the past" in content
    assert not Appointment.objects.exists()
