"""A practitioner's diary (day and week) and a team's diary."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.appointments.codes import AppType, AttendOrDNACode
from steptwo.appointments.tests.make import attend, book, local
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.tests import builders

pytestmark = pytest.mark.django_db
MONDAY = datetime.date(2026, 11, 23)


def test_day_view_shows_each_appointment_with_what_to_do(pwp_client, pwp, referral):
    past = book(referral, by=pwp, starts_at=local(MONDAY, 9, 0), minutes=60, app_type=AppType.ASSESSMENT)
    attended = book(referral, by=pwp, starts_at=local(MONDAY, 11, 0), app_type=AppType.ASSESSMENT)
    attend(attended, by=pwp)

    content = pwp_client.get("/appointments/diary/", {"date": "2026-11-23"}).content.decode()

    assert "<h1>Monday 23 November 2026</h1>" in content
    assert "9:00am to 10:00am" in content
    assert f'href="/patients/{referral.patient_id}/"' in content
    assert "Outcome needed" in content  # the 9am, in the past with no outcome
    assert "Attended" in content
    assert f'href="/appointments/{past.pk}/outcome/?next=/appointments/diary/%3Fdate%3D2026-11-23"' in content
    assert 'href="/appointments/diary/?date=2026-11-22"' in content  # previous day
    assert 'href="/appointments/diary/?date=2026-11-24"' in content  # next day
    assert AuditEvent.objects.get(action=AuditAction.VIEW, detail__page="diary").detail["shown"] == [
        referral.patient_id
    ]


def test_future_appointments_are_booked_not_overdue(pwp_client, pwp, referral):
    book(referral, by=pwp, starts_at=local(datetime.date(2099, 3, 4), 9, 0), app_type=AppType.ASSESSMENT)

    content = pwp_client.get("/appointments/diary/", {"date": "2099-03-04"}).content.decode()

    assert "Booked" in content
    assert "Outcome needed" not in content


def test_week_view_lists_monday_to_sunday(pwp_client, pwp, referral):
    book(referral, by=pwp, starts_at=local(MONDAY + datetime.timedelta(days=3), 14, 0), app_type=AppType.ASSESSMENT)

    content = pwp_client.get("/appointments/diary/", {"date": "2026-11-26", "view": "week"}).content.decode()

    assert "<h1>Week beginning Monday 23 November 2026</h1>" in content
    headings = re.findall(r'<h2 class="nhsuk-heading-m">(\w+day) ', content)
    assert headings == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    assert content.count("No appointments.") == 6
    assert 'href="/appointments/diary/?view=week&amp;date=2026-11-19"' in content


def test_another_practitioners_diary_in_the_same_service(pwp_client, service, team, patient):
    colleague = builders.make_staff(service, Role.PWP, teams=[team], first_name="Ola", last_name="Other")
    referral = builders.make_referral(patient, team, colleague)
    book(referral, by=colleague, starts_at=local(MONDAY, 10, 0), app_type=AppType.ASSESSMENT)

    content = pwp_client.get(
        "/appointments/diary/", {"practitioner": colleague.pk, "date": "2026-11-23"}
    ).content.decode()

    assert "Diary of Ola Other" in content
    assert "10:00am to 10:30am" in content


def test_practitioner_of_another_service_is_not_found(pwp_client, other_pwp):
    assert pwp_client.get("/appointments/diary/", {"practitioner": other_pwp.pk}).status_code == 404


def test_cancelled_appointments_show_their_outcome(pwp_client, pwp, referral):
    cancelled = book(referral, by=pwp, starts_at=local(MONDAY, 9, 0), app_type=AppType.ASSESSMENT)
    attend(cancelled, by=pwp, attendance=AttendOrDNACode.CANCELLED_BY_PATIENT)

    content = pwp_client.get("/appointments/diary/", {"date": "2026-11-23"}).content.decode()

    assert "Cancelled by the patient" in content
    assert "Change outcome" in content


def test_admin_staff_choose_whose_diary(client, staff_in_role, pwp):
    client.force_login(staff_in_role(Role.ADMIN_STAFF))

    content = client.get("/appointments/diary/").content.decode()

    assert "Choose a practitioner to see their diary." in content
    assert "Priya Shah" in content  # offered in the list


def test_team_diary_has_a_section_per_member(pwp_client, pwp, service, team, patient, referral):
    colleague = builders.make_staff(service, Role.TRAINEE_PWP, teams=[team], first_name="Ola", last_name="Other")
    book(referral, by=pwp, starts_at=local(MONDAY, 9, 0), app_type=AppType.ASSESSMENT)
    book(referral, by=colleague, starts_at=local(MONDAY, 9, 0), app_type=AppType.ASSESSMENT)

    content = pwp_client.get(f"/appointments/diary/team/{team.pk}/", {"date": "2026-11-23"}).content.decode()

    assert re.findall(r'<h2 class="nhsuk-heading-m">([^<]+)</h2>', content) == ["Ola Other", "Priya Shah"]
    assert content.count("9:00am to 9:30am") == 2
    assert "Team diary: North team" in content


def test_team_of_another_service_is_not_found(pwp_client, other_team):
    assert pwp_client.get(f"/appointments/diary/team/{other_team.pk}/").status_code == 404


def same_query_count(client, path, params, add, django_assert_num_queries):
    """Load the page with one appointment, then with ten: the number of queries must not change."""
    add(range(1))
    with CaptureQueriesContext(connection) as one:
        client.get(path, params)
    add(range(1, 10))
    with django_assert_num_queries(len(one)):
        response = client.get(path, params)
    return response.content.decode()


def test_diary_query_count_is_the_same_for_1_and_10_appointments(
    pwp_client, pwp, service, team, django_assert_num_queries
):
    def add(numbers):
        for n in numbers:
            referral = builders.make_referral(builders.make_patient(service, pwp, nhs_number=""), team, pwp)
            book(referral, by=pwp, starts_at=local(MONDAY, 8, 0) + datetime.timedelta(minutes=30 * n), app_type="01")

    content = same_query_count(
        pwp_client, "/appointments/diary/", {"date": "2026-11-23", "view": "week"}, add, django_assert_num_queries
    )

    assert len(re.findall(r'href="/patients/\d+/"', content)) == 10


def test_team_diary_query_count_is_the_same_for_1_and_10_members(
    pwp_client, pwp, service, team, django_assert_num_queries
):
    def add(numbers):
        for _ in numbers:
            member = builders.make_staff(service, Role.PWP, teams=[team])
            referral = builders.make_referral(builders.make_patient(service, pwp, nhs_number=""), team, member)
            book(referral, by=member, starts_at=local(MONDAY, 9, 0), app_type=AppType.ASSESSMENT)

    content = same_query_count(
        pwp_client, f"/appointments/diary/team/{team.pk}/", {"date": "2026-11-23"}, add, django_assert_num_queries
    )

    assert len(re.findall(r'href="/patients/\d+/"', content)) == 10


def test_today_is_the_default_day(pwp_client):
    today = timezone.localdate()

    content = pwp_client.get("/appointments/diary/").content.decode()

    assert f"<h1>{today:%A} {today.day} {today:%B %Y}</h1>" in content
