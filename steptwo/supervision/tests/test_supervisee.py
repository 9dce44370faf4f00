"""A supervisee's supervision page: sessions, and hours per week, fortnight and month with gaps in words."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.supervision import hours, services
from steptwo.supervision.codes import SupervisionKind
from steptwo.tests import builders


@pytest.fixture
def pwp(pwp):
    pwp.date_joined = timezone.now() - datetime.timedelta(days=400)
    pwp.save(update_fields=["date_joined"])
    return pwp


def url(person):
    return f"/supervision/supervisees/{person.pk}/"


def record(by, supervisee, days_ago, kind=SupervisionKind.CASE_MANAGEMENT, minutes=60):
    held_on = timezone.localdate() - datetime.timedelta(days=days_ago)
    return services.record_session(by=by, supervisee=supervisee, held_on=held_on, kind=kind, minutes=minutes)


def last_week_monday():
    return hours.week_start(timezone.localdate()) - datetime.timedelta(weeks=1)


def test_a_supervisor_sees_the_sessions_and_the_gaps_in_words(client, supervisor, pwp):
    monday = last_week_monday()
    held = (timezone.localdate() - monday).days
    session = record(supervisor, pwp, held, minutes=50)
    client.force_login(supervisor)

    html = client.get(url(pwp)).content.decode()

    assert f'href="/supervision/sessions/{session.pk}/"' in html
    assert "Gaps in the last 12 weeks" in html
    assert (
        f"Week of {monday.day} {monday:%B %Y}: 50 minutes of case-management supervision, 10 minutes short of 1 hour"
        in html
    )
    assert "1 hour a week (1 hour for a full-time PWP, pro rata)" in html


def test_a_part_time_pwp_needs_pro_rata_supervision(client, supervisor, pwp):
    pwp.fte = "0.50"
    pwp.save(update_fields=["fte"])
    client.force_login(supervisor)

    assert "30 minutes a week" in client.get(url(pwp)).content.decode()


def test_service_managers_may_see_it(client, pwp, staff_in_role):
    client.force_login(staff_in_role(Role.SERVICE_MANAGER))

    response = client.get(url(pwp))

    assert response.status_code == 200
    assert "Record a supervision session" not in response.content.decode()


def test_pwps_may_not_see_it(pwp_client, pwp):
    assert pwp_client.get(url(pwp)).status_code == 403


def test_staff_of_another_service_are_not_found(client, supervisor, other_pwp):
    client.force_login(supervisor)

    assert client.get(url(other_pwp)).status_code == 404


def test_someone_without_a_caseload_is_not_found(client, supervisor, staff_in_role):
    client.force_login(supervisor)

    assert client.get(url(staff_in_role(Role.ADMIN_STAFF))).status_code == 404


def test_query_count_is_the_same_for_1_and_10_sessions(
    client, supervisor, pwp, service, team, django_assert_num_queries
):
    colleague = builders.make_staff(service, Role.PWP_SUPERVISOR, teams=[team])
    client.force_login(supervisor)
    record(supervisor, pwp, 1)
    with CaptureQueriesContext(connection) as one:
        client.get(url(pwp))
    for days in range(2, 11):
        record(colleague if days % 2 else supervisor, pwp, days * 7, kind=SupervisionKind.CLINICAL_SKILLS)

    with django_assert_num_queries(len(one)):
        html = client.get(url(pwp)).content.decode()

    assert len(re.findall(r'href="/supervision/sessions/\d+/"', html)) == 10
