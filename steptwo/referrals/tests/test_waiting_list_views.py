"""The waiting list page: team choice, filters, scoping, fixed query count."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.appointments.codes import AppType
from steptwo.appointments.tests.make import book, days_from_now
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.referrals import services as referrals
from steptwo.tests import builders

pytestmark = pytest.mark.django_db


def test_lists_the_users_team_with_dates_and_flags(pwp_client, pwp, patient, team):
    received = timezone.localdate() - datetime.timedelta(days=50)
    referral = builders.make_referral(patient, team, pwp, received_date=received)
    book(referral, by=pwp, starts_at=days_from_now(2), app_type=AppType.ASSESSMENT)

    content = pwp_client.get("/waiting-list/").content.decode()

    assert f'href="/patients/{patient.pk}/"' in content
    assert "EXAMPLE, Alex" in content
    assert ">50<" in content
    assert "Breached 6 weeks" in content
    assert "Will breach 18 weeks" not in content
    assert "1 referral waiting, oldest first" in content
    event = AuditEvent.objects.get(action=AuditAction.VIEW, detail__page="waiting_list")
    assert event.detail["shown"] == [patient.pk]


def test_filters_by_problem(pwp_client, pwp, patient, referral, team):
    other = builders.make_referral(patient, team, pwp)
    referrals.record_presenting_complaint(
        by=pwp, referral=other, code_system="ICD-10", code="F40.1", label="Social phobias"
    )

    content = pwp_client.get("/waiting-list/", {"problem": "F40.1"}).content.decode()

    assert "1 referral waiting" in content
    assert '<option value="F40.1" selected>F40.1 Social phobias</option>' in content


def test_says_when_nothing_matches(pwp_client, referral):
    content = pwp_client.get("/waiting-list/", {"practitioner": "none"}).content.decode()

    assert "No referrals are waiting that match these filters." in content


def test_a_filter_value_no_longer_offered_means_any(pwp_client, referral, other_pwp):
    response = pwp_client.get("/waiting-list/", {"practitioner": other_pwp.pk})

    content = response.content.decode()
    assert "1 referral waiting" in content
    assert "There is a problem" not in content


def test_team_of_another_service_is_not_found(pwp_client, other_team):
    assert pwp_client.get("/waiting-list/", {"team": other_team.pk}).status_code == 404


def test_a_pwp_sees_only_their_own_teams(pwp_client, service):
    south = builders.make_team(service, name="South team")

    assert pwp_client.get("/waiting-list/", {"team": south.pk}).status_code == 404


def test_a_service_manager_may_choose_any_team_in_the_service(client, service, staff_in_role, patient, pwp):
    south = builders.make_team(service, name="South team")
    builders.make_referral(patient, south, pwp)
    client.force_login(staff_in_role(Role.SERVICE_MANAGER))

    content = client.get("/waiting-list/", {"team": south.pk}).content.decode()

    assert "South team" in content
    assert "1 referral waiting" in content


def test_staff_without_a_team_are_told_so(client, service):
    client.force_login(builders.make_staff(service, Role.PWP))

    assert "You are not in a team yet" in client.get("/waiting-list/").content.decode()


def test_system_administrators_cannot_see_it(client, staff_in_role):
    client.force_login(staff_in_role(Role.SYSTEM_ADMIN))

    assert client.get("/waiting-list/").status_code == 403


def test_query_count_is_the_same_for_1_and_10_referrals(pwp_client, pwp, service, team, django_assert_num_queries):
    def add_referrals(numbers):
        for n in numbers:
            patient = builders.make_patient(service, pwp, nhs_number="", given_name=f"Pat{n}")
            referral = builders.make_referral(patient, team, pwp)
            referrals.record_presenting_complaint(
                by=pwp, referral=referral, code_system="ICD-10", code="F32", label="Depressive episode"
            )
            book(referral, by=pwp, starts_at=days_from_now(n + 1), app_type=AppType.ASSESSMENT)

    add_referrals(range(1))
    with CaptureQueriesContext(connection) as one:
        pwp_client.get("/waiting-list/")
    add_referrals(range(1, 10))

    # The page's own: teams, the team's clinicians, problem choices, count, rows, audit. The rest is the
    # layout's (session, user, permissions, navigation), so the number is measured rather than written here.
    with django_assert_num_queries(len(one)):
        response = pwp_client.get("/waiting-list/")

    assert len(re.findall(r'href="/patients/\d+/"', response.content.decode())) == 10
