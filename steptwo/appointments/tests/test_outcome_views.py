"""Recording an appointment's outcome."""

import datetime

import pytest

from steptwo.appointments.codes import AppType, AttendOrDNACode
from steptwo.appointments.tests.make import attend, book, days_from_now, local
from steptwo.tasks.models import Task
from steptwo.tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def appointment(pwp, referral):
    return book(referral, by=pwp, starts_at=days_from_now(-1), app_type=AppType.ASSESSMENT)


def url(appointment):
    return f"/appointments/{appointment.pk}/outcome/"


def test_form_shows_the_appointment_and_its_version(pwp_client, appointment):
    content = pwp_client.get(url(appointment)).content.decode()

    assert "<h1>Record the outcome of the appointment</h1>" in content
    assert 'name="version" value="1"' in content
    assert "Did not attend (no advance warning)" in content


def test_dna_is_recorded_and_returns_to_the_diary(pwp_client, pwp, appointment):
    response = pwp_client.post(
        url(appointment), {"attendance": "3", "note": "No answer", "version": "1", "next": "/appointments/diary/"}
    )

    appointment.refresh_from_db()
    assert response["Location"] == "/appointments/diary/"
    assert (appointment.attendance, appointment.outcome_note) == (AttendOrDNACode.DID_NOT_ATTEND, "No answer")
    assert Task.objects.get().owner == pwp


def test_an_outside_next_address_is_ignored(pwp_client, appointment):
    response = pwp_client.post(url(appointment), {"attendance": "5", "version": "1", "next": "https://evil.example/"})

    assert response["Location"] == f"/referrals/{appointment.referral_id}/"


def test_future_outcome_is_refused_with_the_reason(pwp_client, pwp, referral):
    future = book(referral, by=pwp, starts_at=local(datetime.date(2099, 3, 4), 9, 0), app_type=AppType.ASSESSMENT)

    content = pwp_client.post(url(future), {"attendance": "5", "version": "1"}).content.decode()

    assert "This appointment is on 4 March 2099 at 9:00am: you can record that it was attended once it" in content
    assert 'href="#id_attendance"' in content
    future.refresh_from_db()
    assert future.attendance == ""


def test_someone_elses_outcome_is_not_overwritten(pwp_client, pwp, appointment):
    attend(appointment, by=pwp, attendance=AttendOrDNACode.ATTENDED_LATE)  # saved while the form was open

    content = pwp_client.post(url(appointment), {"attendance": "3", "version": "1"}).content.decode()

    assert "It now says: Arrived late but was seen." in content
    assert 'name="version" value="2"' in content
    assert 'value="3" checked' in content
    appointment.refresh_from_db()
    assert appointment.attendance == AttendOrDNACode.ATTENDED_LATE


def test_appointment_of_another_service_is_not_found(pwp_client, other_patient, other_pwp):
    other = builders.make_referral(other_patient, other_pwp.teams.get(), other_pwp)
    appointment = book(other, by=other_pwp, starts_at=days_from_now(-1), app_type=AppType.ASSESSMENT)

    assert pwp_client.get(url(appointment)).status_code == 404
