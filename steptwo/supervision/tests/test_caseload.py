"""The caseload page: whose caseload may be seen, what each row shows, sorting and filtering, capacity,
auditing, and a fixed number of queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.appointments.codes import AttendOrDNACode
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.measures import remote
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import ReferralStatus, RiskLevel
from steptwo.supervision.models import SupervisionSettings
from steptwo.supervision.tests.test_case_facts_builders import (
    contact,
    curves,
    discuss,
    risk_assessment,
    score,
    start_treatment,
)
from steptwo.tasks import services as tasks
from steptwo.tests import builders

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def patient_links(content):
    """The patients' names in the table, in the order shown."""
    return re.findall(r'<a href="/referrals/\d+/">([^<]+)</a>', content)


@pytest.fixture
def make_case(service, team, pwp):
    def make(given_name, family_name, *, practitioner=None, received_days_ago=60, nhs_number=""):
        patient = builders.make_patient(
            service, pwp, nhs_number=nhs_number, given_name=given_name, family_name=family_name
        )
        received = today() - datetime.timedelta(days=received_days_ago)
        return builders.make_referral(patient, team, practitioner or pwp, received_date=received)

    return make


def test_shows_each_open_case_with_its_facts(pwp_client, pwp, make_case):
    referral = start_treatment(make_case("Ann", "Able"), by=pwp)
    contact(referral, by=pwp, days=12)
    contact(referral, by=pwp, days=-3, attendance="")
    score(referral, "phq9", 18, days=30)
    score(referral, "phq9", 11, days=12)
    score(referral, "gad7", 9, days=12)
    risk_assessment(referral, by=pwp, level=RiskLevel.HIGH, days=12)
    score(referral, "phq9", 11, days=1, q9=1)  # an open risk review
    remote.create_request(by=pwp, referral=referral, instrument_ids=["phq9"])

    content = pwp_client.get("/supervision/caseload/").content.decode()

    assert f'<a href="/referrals/{referral.pk}/">ABLE, Ann</a>' in content
    assert "In step 2 treatment" in content
    assert "PHQ-9 18 → 11 (−7, reliable improvement)" in content
    assert "GAD-7 9 (one score)" in content
    assert "High risk" in content and "1 risk review open" in content
    assert ">12<" in content  # days since contact
    assert "1 open case" in content


def test_an_unverified_index_is_said_so(pwp_client, pwp, make_case):
    referral = start_treatment(make_case("Ann", "Able"), by=pwp)
    referrals.record_presenting_complaint(
        by=pwp, referral=referral, code_system="ICD-10", code="F40.1", label="Social phobias"
    )
    score(referral, "spin", 40, days=30)
    score(referral, "spin", 35, days=3)

    content = pwp_client.get("/supervision/caseload/").content.decode()

    assert "SPIN 40 → 35 (−5, no reliable change: index unverified)" in content


def test_deterioration_is_in_words_and_a_measure_without_an_index_is_not_judged(pwp_client, pwp, make_case):
    referral = start_treatment(make_case("Ann", "Able"), by=pwp)
    referrals.record_presenting_complaint(
        by=pwp, referral=referral, code_system="SNOMED CT", code="83482000", label="Body dysmorphic disorder"
    )
    score(referral, "gad7", 8, days=30)
    score(referral, "gad7", 13, days=3)
    score(referral, "aai", 20, days=30)
    score(referral, "aai", 23, days=3)

    content = pwp_client.get("/supervision/caseload/").content.decode()

    assert "GAD-7 8 → 13 (<strong>+5, reliable deterioration</strong>)" in content
    assert "AAI 20 → 23 (+3, no reliable-change index known)" in content


def test_not_on_track_says_when_judged_on_synthetic_curves(pwp_client, pwp, make_case):
    curves("phq9", points=[(15, 27, 1, 16, 18)])
    referral = start_treatment(make_case("Ann", "Able"), by=pwp)
    score(referral, "phq9", 20, days=30)
    contact(referral, by=pwp, days=10)
    score(referral, "phq9", 20, days=10, hour=18)

    content = pwp_client.get("/supervision/caseload/").content.decode()

    assert "Not on track" in content
    assert "PHQ-9 20 is above 18, the expected range&#39;s upper boundary at session 1" in content
    assert "(starter curves built from synthetic data)" in content


def test_lists_only_open_step_2_cases_of_the_practitioner(pwp_client, pwp, make_case, other_pwp_in_team):
    waiting = make_case("Wendy", "Waiting")
    assessed = make_case("Ali", "Assessed")
    referrals.change_status(by=pwp, referral=assessed, to=ReferralStatus.ASSESSED)
    stepped_up = make_case("Sue", "Stepped")
    referrals.change_status(by=pwp, referral=stepped_up, to=ReferralStatus.STEPPED_UP)
    discharged = make_case("Dan", "Discharged")
    referrals.change_status(by=pwp, referral=discharged, to=ReferralStatus.DISCHARGED)
    make_case("Colin", "Colleague", practitioner=other_pwp_in_team)

    content = pwp_client.get("/supervision/caseload/", {"sort": "name"}).content.decode()

    assert patient_links(content) == ["ASSESSED, Ali", "WAITING, Wendy"]
    assert waiting.status == ReferralStatus.WAITING


@pytest.fixture
def other_pwp_in_team(service, team):
    return builders.make_staff(
        service, Role.PWP, teams=[team], username="colleague", first_name="Col", last_name="League"
    )


@pytest.fixture
def three_cases(pwp, make_case):
    """Able: high risk, PHQ-9 10, 2 sessions, seen 5 days ago. Brown: low risk, PHQ-9 20, 1 session, seen
    40 days ago. Cole: waiting, not assessed, never seen (received 50 days ago)."""
    able = start_treatment(make_case("Ann", "Able"), by=pwp)
    contact(able, by=pwp, days=12)
    contact(able, by=pwp, days=5)
    score(able, "phq9", 10, days=5)
    risk_assessment(able, by=pwp, level=RiskLevel.HIGH, days=5)
    brown = start_treatment(make_case("Bob", "Brown"), by=pwp)
    contact(brown, by=pwp, days=40)
    score(brown, "phq9", 20, days=40)
    risk_assessment(brown, by=pwp, level=RiskLevel.LOW, days=40)
    cole = make_case("Cat", "Cole", received_days_ago=50)
    return able, brown, cole


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["ABLE, Ann", "BROWN, Bob", "COLE, Cat"]),
        ("risk", ["ABLE, Ann", "BROWN, Bob", "COLE, Cat"]),
        ("contact", ["COLE, Cat", "BROWN, Bob", "ABLE, Ann"]),
        ("phq9", ["BROWN, Bob", "ABLE, Ann", "COLE, Cat"]),
        ("sessions", ["ABLE, Ann", "BROWN, Bob", "COLE, Cat"]),
    ],
)
def test_sorts(pwp_client, three_cases, sort, expected):
    content = pwp_client.get("/supervision/caseload/", {"sort": sort}).content.decode()

    assert patient_links(content) == expected


def test_sorts_by_risk_by_default_and_says_so(pwp_client, three_cases):
    content = pwp_client.get("/supervision/caseload/").content.decode()

    assert patient_links(content) == ["ABLE, Ann", "BROWN, Bob", "COLE, Cat"]
    assert "3 cases, sorted by risk, highest first" in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"stage": ReferralStatus.WAITING}, ["COLE, Cat"]),
        ({"risk": RiskLevel.LOW}, ["BROWN, Bob"]),
        ({"risk": "none"}, ["COLE, Cat"]),
        ({"only": "no_contact"}, ["BROWN, Bob", "COLE, Cat"]),
        ({"only": "not_on_track"}, ["BROWN, Bob"]),
        ({"risk": "severe"}, ["ABLE, Ann", "BROWN, Bob", "COLE, Cat"]),  # not offered: any
    ],
)
def test_filters(pwp_client, three_cases, query, expected):
    curves("phq9", points=[(15, 27, 1, 14, 16), (0, 14, 1, 8, 12)])

    content = pwp_client.get("/supervision/caseload/", query | {"sort": "name"}).content.decode()

    assert patient_links(content) == expected


def test_no_contact_uses_the_services_threshold(pwp_client, three_cases, service):
    SupervisionSettings.objects.create(service=service, no_contact_days=45)

    content = pwp_client.get("/supervision/caseload/", {"only": "no_contact"}).content.decode()

    assert patient_links(content) == ["COLE, Cat"]
    assert "No contact for 45 days or more" in content


def test_says_when_no_case_matches(pwp_client, three_cases):
    content = pwp_client.get("/supervision/caseload/", {"stage": ReferralStatus.ASSESSED}).content.decode()

    assert "No open cases match these filters." in content


def test_open_cases_against_capacity_and_open_tasks(pwp_client, pwp, three_cases):
    pwp.caseload_capacity = 2
    pwp.save(update_fields=["caseload_capacity"])
    able = three_cases[0]
    tasks.raise_supervision_action(by=pwp, action_description="Call GP", owner=pwp, referral=able, due_date=today())

    content = pwp_client.get("/supervision/caseload/").content.decode()

    assert "3 open cases against a capacity of 2: <strong>1 over capacity</strong>." in content
    assert 'You have <a href="/tasks/">1 open task</a>.' in content


def test_a_supervisor_sees_a_colleagues_caseload(client, supervisor, pwp, three_cases):
    client.force_login(supervisor)

    content = client.get(f"/supervision/caseload/{pwp.pk}/").content.decode()

    assert "Priya Shah&#39;s caseload" in content
    assert len(patient_links(content)) == 3
    assert "Priya Shah has 0 open tasks." in content


def test_a_pwp_cannot_see_a_colleagues_caseload(pwp_client, other_pwp_in_team):
    assert pwp_client.get(f"/supervision/caseload/{other_pwp_in_team.pk}/").status_code == 404


def test_a_caseload_in_another_service_is_not_found(client, supervisor, other_pwp):
    client.force_login(supervisor)

    assert client.get(f"/supervision/caseload/{other_pwp.pk}/").status_code == 404


def test_a_service_manager_sees_caseloads_but_holds_none(staff_in_role, pwp, three_cases):
    manager = Client()
    manager.force_login(staff_in_role(Role.SERVICE_MANAGER))

    assert manager.get("/supervision/caseload/").status_code == 403
    assert len(patient_links(manager.get(f"/supervision/caseload/{pwp.pk}/").content.decode())) == 3


def test_the_page_is_audited_with_the_patients_shown(pwp_client, pwp, three_cases):
    pwp_client.get("/supervision/caseload/", {"risk": RiskLevel.HIGH})

    event = AuditEvent.objects.get(action=AuditAction.VIEW, detail__page="caseload")
    assert event.detail["practitioner"] == pwp.pk
    assert event.detail["shown"] == [three_cases[0].patient_id]


def _busy_case(n, *, make_case, pwp, supervisor):
    referral = start_treatment(make_case(f"Pat{n}", "Busy"), by=pwp)
    contact(referral, by=pwp, days=20 + n, hour=9)
    contact(referral, by=pwp, days=10 + n, hour=9, attendance=AttendOrDNACode.DID_NOT_ATTEND)
    contact(referral, by=pwp, days=-1 - n, hour=9, attendance="")
    score(referral, "phq9", 20, days=20 + n, q9=1)
    score(referral, "phq9", 14, days=10 + n)
    score(referral, "gad7", 15, days=20 + n)
    risk_assessment(referral, by=pwp, level=RiskLevel.MODERATE, days=20 + n)
    discuss(referral, supervisor=supervisor, supervisee=pwp, days=5 + n)
    remote.create_request(by=pwp, referral=referral, instrument_ids=["phq9"])


def test_query_count_is_the_same_for_1_and_10_cases(pwp_client, pwp, supervisor, make_case, django_assert_num_queries):
    curves("phq9", points=[(15, 27, 1, 14, 16)])
    _busy_case(0, make_case=make_case, pwp=pwp, supervisor=supervisor)
    with CaptureQueriesContext(connection) as one:
        pwp_client.get("/supervision/caseload/")
    for n in range(1, 10):
        _busy_case(n, make_case=make_case, pwp=pwp, supervisor=supervisor)

    # Measured rather than written here: the layout's own queries (session, user, navigation) are included.
    with django_assert_num_queries(len(one)):
        response = pwp_client.get("/supervision/caseload/")

    assert len(patient_links(response.content.decode())) == 10
