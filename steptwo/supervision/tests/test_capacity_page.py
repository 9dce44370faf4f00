"""The capacity page: each team's caseloads against capacity, with the waiting list beside them."""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.accounts.services import update_capacity_details
from steptwo.appointments.codes import AppType, AttendOrDNACode
from steptwo.letters.tests.pathway import contact
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import ReferralStatus
from steptwo.supervision.capacity import waiting_counts
from steptwo.supervision.models import SupervisionSettings
from steptwo.tests import builders

URL = reverse("supervision:capacity")


def text(response):
    """The page's text with tags turned to spaces and runs of space squeezed, for reading rows."""
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(response.content.decode())).split())


def received(days_ago):
    return timezone.localdate() - datetime.timedelta(days=days_ago)


def open_cases(patient, team, practitioner, count):
    return [builders.make_referral(patient, team, practitioner, received_date=received(5)) for _ in range(count)]


def set_details(manager, person, **changes):
    values = {
        "fte": person.fte, "training_started_on": person.training_started_on,
        "caseload_capacity": person.caseload_capacity, "supervisor": person.supervisor,
    } | changes  # fmt: skip
    update_capacity_details(by=manager, user=person, **values)


def test_each_caseload_holder_against_capacity(manager_client, manager, team, pwp, trainee, supervisor, patient):
    set_details(manager, pwp, fte=Decimal("0.6"))  # 45 × 0.6 = 27
    set_details(manager, trainee, training_started_on=timezone.localdate() - datetime.timedelta(days=182))
    set_details(manager, supervisor, caseload_capacity=2)
    open_cases(patient, team, pwp, 3)
    open_cases(patient, team, trainee, 1)
    open_cases(patient, team, supervisor, 3)
    page = text(manager_client.get(URL))
    assert (
        "Priya Shah : caseload Capacity details of Priya Shah Psychological wellbeing practitioner 0.60 Qualified 3 27 11% 24 places free"
        in page
    )
    # Trainee 6 months in: 45 × 44.93 % = 20.2 → 20; 1 of 20 = 5 %.
    assert (
        "Tara Trainee : caseload Capacity details of Tara Trainee Trainee psychological wellbeing practitioner 1.00 Trainee, month 6 of 12 1 20 5%"
        in page
    )
    assert (
        "Sam Supervisor : caseload Capacity details of Sam Supervisor PWP supervisor 1.00 Qualified 3 2 set by a manager 150% Over capacity by 1"
        in page
    )
    # Team: 7 open of 27 + 20 + 2 = 49 (14 %).
    assert "Team total 7 49 14% 42 places free" in page


def test_staff_who_hold_no_caseload_are_not_listed(manager_client, service, team, pwp):
    builders.make_staff(service, Role.HIGH_INTENSITY, teams=[team], first_name="Hana", last_name="Intensity")
    page = text(manager_client.get(URL))
    assert str(pwp) in page and "Hana Intensity" not in page


def test_trainee_with_no_training_start_date_is_explained(manager_client, trainee):
    assert "Trainee, no training start date (so 20% of a qualified caseload)" in text(manager_client.get(URL))


def test_trainee_past_the_training_year(manager_client, manager, trainee):
    set_details(manager, trainee, training_started_on=timezone.localdate() - datetime.timedelta(days=400))
    assert "Trainee, training year complete 0 32" in text(manager_client.get(URL))


def test_at_capacity_is_said_in_words(manager_client, manager, team, pwp, patient):
    set_details(manager, pwp, caseload_capacity=2)
    open_cases(patient, team, pwp, 2)
    assert "2 2 set by a manager 100% At capacity" in text(manager_client.get(URL))


def test_zero_capacity_with_cases_is_over_capacity(manager_client, manager, team, pwp, patient):
    set_details(manager, pwp, caseload_capacity=0)
    open_cases(patient, team, pwp, 1)
    assert "1 0 set by a manager No capacity Over capacity by 1" in text(manager_client.get(URL))


def test_capacity_follows_the_service_settings(manager_client, service, pwp):
    SupervisionSettings.objects.create(service=service, qualified_caseload_capacity=30)
    page = text(manager_client.get(URL))
    assert "Qualified 0 30 0% 30 places free" in page
    assert "A full-time qualified PWP's capacity is 30 open cases" in page


def test_manager_sees_every_team_of_the_service(manager_client, service, pwp, other_service, other_team):
    builders.make_staff(other_service, Role.PWP, teams=[other_team], first_name="Otto", last_name="Elsewhere")
    second = builders.make_team(service, name="South Bank team")
    builders.make_staff(service, Role.PWP, teams=[second], first_name="Ben", last_name="Bank")
    page = text(manager_client.get(URL))
    assert "North team" in page and "South Bank team" in page and "Ben Bank" in page
    assert "Otto Elsewhere" not in page and "South team" not in page  # another service's


def test_supervisor_sees_only_their_own_teams_without_staff_details_links(client, service, supervisor, pwp):
    second = builders.make_team(service, name="South Bank team")
    builders.make_staff(service, Role.PWP, teams=[second])
    client.force_login(supervisor)
    response = client.get(URL)
    page = response.content.decode()
    assert "North team" in page and "South Bank team" not in page
    assert reverse("supervision:caseload_of", args=[pwp.pk]) in page
    assert reverse("supervision:staff", args=[pwp.pk]) not in page
    assert reverse("supervision:settings") not in page


def test_links_to_caseload_staff_details_settings_and_waiting_list(manager_client, team, pwp):
    page = manager_client.get(URL).content.decode()
    assert reverse("supervision:caseload_of", args=[pwp.pk]) in page
    assert reverse("supervision:staff", args=[pwp.pk]) in page
    assert reverse("supervision:settings") in page
    assert f"{reverse('waiting_list:list')}?team={team.pk}" in page


@pytest.mark.parametrize("role", [Role.PWP, Role.TRAINEE_PWP, Role.HIGH_INTENSITY, Role.ADMIN_STAFF, Role.SYSTEM_ADMIN])
def test_only_supervisors_and_managers_see_capacity(client, staff_in_role, role):
    client.force_login(staff_in_role(role))
    assert client.get(URL).status_code == 403


def test_person_in_two_teams_is_shown_in_each_and_said_so(manager_client, service, team, pwp):
    second = builders.make_team(service, name="South Bank team")
    pwp.teams.add(second)
    page = text(manager_client.get(URL))
    assert page.count("Priya Shah : caseload") == 2
    assert "Priya Shah is in more than one team" in page


def test_waiting_list_beside_the_caseloads(manager_client, team, pwp, patient):
    for days in (42, 43, 126, 127):
        builders.make_referral(patient, team, pwp, received_date=received(days))
    page = text(manager_client.get(URL))
    assert "Referrals waiting 4 Past 6 weeks 3 Past 18 weeks 1" in page


def test_waiting_counts_at_the_edges_of_the_standards(service, team, pwp, patient, django_assert_num_queries):
    # Domain reference §3: a wait is past 6 weeks once today is after received + 42 days (past 18 weeks: 126).
    for days in (0, 42, 43, 126, 127):
        builders.make_referral(patient, team, pwp, received_date=received(days))
    unallocated = builders.make_referral(patient, team, pwp, practitioner=None, received_date=received(10))
    assessed = builders.make_referral(patient, team, pwp, received_date=received(10))
    referrals.change_status(by=pwp, referral=assessed, to=ReferralStatus.ASSESSED)
    discharged = builders.make_referral(patient, team, pwp, received_date=received(200))
    referrals.change_status(by=pwp, referral=discharged, to=ReferralStatus.DISCHARGED)
    treated = builders.make_referral(patient, team, pwp, received_date=received(200))
    referrals.change_status(by=pwp, referral=treated, to=ReferralStatus.IN_TREATMENT)
    contact(pwp, treated, timezone.now() - datetime.timedelta(days=3), AppType.TREATMENT,
            attendance=AttendOrDNACode.ATTENDED)  # fmt: skip
    assert unallocated.practitioner is None
    from steptwo.referrals.models import Referral

    with django_assert_num_queries(1):
        counts = waiting_counts(Referral.objects.all(), teams=[team], today=timezone.localdate())
    # Five waiting for assessment, the unallocated one and the assessed one; not the discharged or treated.
    assert counts[team.pk].waiting == 7
    assert counts[team.pk].past_six_weeks == 3  # 43, 126, 127 days
    assert counts[team.pk].past_eighteen_weeks == 1  # 127 days


def test_waiting_counts_of_a_team_with_none_waiting_are_zero(team):
    from steptwo.referrals.models import Referral

    counts = waiting_counts(Referral.objects.all(), teams=[team], today=timezone.localdate())
    assert (counts[team.pk].waiting, counts[team.pk].past_six_weeks, counts[team.pk].past_eighteen_weeks) == (0, 0, 0)


def queries_for_page(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_staff_or_cases(manager_client, service, team, pwp, patient):
    open_cases(patient, team, pwp, 1)
    one = queries_for_page(manager_client)
    second = builders.make_team(service, name="South Bank team")
    for n in range(10):
        person = builders.make_staff(service, Role.TRAINEE_PWP if n % 2 else Role.PWP, teams=[team, second])
        open_cases(patient, second, person, 2)
    assert queries_for_page(manager_client) == one
