"""The review list page: who may see it, what it lists for each supervisee, the audit, and its query count."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.appointments.codes import AttendOrDNACode
from steptwo.core.formatting import format_date
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import ReferralStatus
from steptwo.supervision.models import SupervisionSettings
from steptwo.supervision.tests.test_case_facts_builders import contact, discuss, score, start_treatment
from steptwo.tests import builders

pytestmark = pytest.mark.django_db
URL = "/supervision/review/"


def received(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def make_case(service, team, practitioner, *, given_name="Nia", nhs_number="", days=60):
    patient = builders.make_patient(service, practitioner, nhs_number=nhs_number, given_name=given_name)
    return builders.make_referral(patient, team, practitioner, received_date=received(days))


def page(client, user, **query):
    client.force_login(user)
    return client.get(URL, query)


def test_lists_each_supervisees_cases_with_every_reason_and_links(client, service, team, supervisor, trainee):
    referral = make_case(service, team, trainee, nhs_number="9990000018")

    response = page(client, supervisor)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Tara Trainee: 1 case to discuss" in html
    assert "EXAMPLE, Nia" in html and "999 000 0018" in html
    assert f'href="{reverse("referrals:detail", args=[referral.pk])}"' in html
    reasons = re.search(r"<ul class=\"nhsuk-list nhsuk-list--bullet[^>]*>(.*?)</ul>", html, re.DOTALL).group(1)
    on = format_date(received(60))
    assert re.findall(r"<li>(.*?)</li>", reasons) == [
        f"No contact for 60 days (none since the referral was received on {on}; nothing booked)",
        f"Never discussed in supervision (referral received {on}, 8 weeks ago)",
    ]
    assert f'href="{reverse("supervision:caseload_of", kwargs={"user_pk": trainee.pk})}"' in html
    assert f'href="{reverse("supervision:record_session")}?supervisee={trainee.pk}"' in html
    assert "not national standards" in html


def test_a_case_without_reasons_is_not_listed_and_the_count_says_so(client, service, team, supervisor, trainee):
    quiet = start_treatment(make_case(service, team, trainee, days=10), by=trainee)
    contact(quiet, by=trainee, days=2)

    html = page(client, supervisor).content.decode()

    assert "Tara Trainee: 0 cases to discuss" in html
    assert "No cases need discussion." in html
    assert html.count("<table") == 1  # the supervisees overview only


def test_cases_are_listed_most_urgent_first(client, service, team, supervisor, trainee):
    make_case(service, team, trainee, given_name="Ola", days=60)  # no contact, never discussed
    missed = start_treatment(make_case(service, team, trainee, given_name="Mo", days=20), by=trainee)
    contact(missed, by=trainee, days=9, attendance=AttendOrDNACode.DID_NOT_ATTEND)
    contact(missed, by=trainee, days=2, attendance=AttendOrDNACode.DID_NOT_ATTEND)

    html = page(client, supervisor).content.decode()

    assert html.index("EXAMPLE, Mo") < html.index("EXAMPLE, Ola")
    assert "Did not attend the last 2 appointments" in html


def test_shows_the_latest_phq9_and_gad7_with_the_reliable_change_in_words(client, service, team, supervisor, trainee):
    referral = start_treatment(make_case(service, team, trainee), by=trainee)
    score(referral, "phq9", 12, days=30)
    score(referral, "phq9", 19, days=3)
    score(referral, "gad7", 9, days=3)

    html = page(client, supervisor).content.decode()

    assert "Reliable deterioration on PHQ-9 (first 12, latest 19)" in html
    assert re.search(r"19</span> <span[^>]*>latest, first 12</span>\s*<br><strong class=\"nhsuk-tag nhsuk-tag--red\">\s*"
                     r"Reliable deterioration", html)  # fmt: skip
    assert re.search(r"9</span> <span[^>]*>latest</span>\s*<br><strong[^>]*>\s*Change not judged yet", html)


def test_lists_only_the_supervisors_own_supervisees_open_step_2_cases(
    client, service, team, supervisor, trainee, pwp, staff_in_role
):
    make_case(service, team, pwp, given_name="Notmine")  # pwp has no supervisor
    other_supervisor = staff_in_role(Role.PWP_SUPERVISOR)
    pwp.supervisor = other_supervisor
    pwp.save(update_fields=["supervisor"])
    discharged = make_case(service, team, trainee, given_name="Gone")
    referrals.change_status(by=trainee, referral=discharged, to=ReferralStatus.DISCHARGED)
    stepped_up = make_case(service, team, trainee, given_name="Stepped")
    referrals.change_status(by=trainee, referral=stepped_up, to=ReferralStatus.STEPPED_UP)

    html = page(client, supervisor).content.decode()

    assert "Tara Trainee: 0 cases to discuss" in html
    assert "Notmine" not in html and "Gone" not in html and "Stepped" not in html


def test_the_services_own_thresholds_decide_and_are_shown(client, service, team, supervisor, trainee):
    make_case(service, team, trainee, days=60)
    SupervisionSettings.objects.create(service=service, no_contact_days=61, not_discussed_weeks=9)

    html = page(client, supervisor).content.decode()

    assert "Tara Trainee: 0 cases to discuss" in html
    assert "No contact for 61 days or more." in html
    assert "Not discussed in supervision for 9 weeks or more" in html


def test_a_supervisor_without_supervisees_is_told_so(client, supervisor):
    assert "You have no supervisees." in page(client, supervisor).content.decode()


def test_the_page_view_is_audited_with_the_patients_shown(client, service, team, supervisor, trainee):
    referral = make_case(service, team, trainee)

    page(client, supervisor)

    event = AuditEvent.objects.get(action=AuditAction.VIEW, detail__page="supervision_review_list")
    assert event.actor_id == supervisor.pk
    assert event.detail["supervisor"] == supervisor.pk
    assert event.detail["shown"] == [referral.patient_id]
    assert event.detail["supervisee"] == trainee.pk


@pytest.mark.parametrize("role", [Role.PWP, Role.TRAINEE_PWP, Role.ADMIN_STAFF, Role.HIGH_INTENSITY])
def test_staff_who_neither_supervise_nor_manage_are_refused(client, staff_in_role, role):
    assert page(client, staff_in_role(role)).status_code == 403


def test_a_service_manager_chooses_a_supervisor_first(client, staff_in_role, supervisor, trainee, service, team):
    make_case(service, team, trainee)
    manager = staff_in_role(Role.SERVICE_MANAGER)

    html = page(client, manager).content.decode()

    assert "Choose a supervisor to see the cases" in html
    assert f'<option value="{supervisor.pk}"' in html
    assert "EXAMPLE, Nia" not in html
    assert not AuditEvent.objects.filter(detail__page="supervision_review_list").exists()


def test_a_service_manager_sees_any_supervisors_list(client, staff_in_role, supervisor, trainee, service, team):
    make_case(service, team, trainee)

    html = page(client, staff_in_role(Role.SERVICE_MANAGER), supervisor=supervisor.pk).content.decode()

    assert "Tara Trainee: 1 case to discuss" in html
    assert f'<option value="{supervisor.pk}" selected' in html


def test_a_supervisor_may_look_at_another_supervisors_list(client, staff_in_role, supervisor, trainee, service, team):
    make_case(service, team, trainee)

    html = page(client, staff_in_role(Role.PWP_SUPERVISOR), supervisor=supervisor.pk).content.decode()

    assert "Tara Trainee: 1 case to discuss" in html


def test_another_service_or_a_non_supervisor_is_not_found(client, staff_in_role, pwp, other_service, other_team):
    manager = staff_in_role(Role.SERVICE_MANAGER)
    elsewhere = builders.make_staff(other_service, Role.PWP_SUPERVISOR, teams=[other_team])

    assert page(client, manager, supervisor=elsewhere.pk).status_code == 404
    assert page(client, manager, supervisor=pwp.pk).status_code == 404
    assert page(client, manager, supervisor="x").status_code == 404


def test_query_count_is_the_same_for_1_and_10_cases(client, service, team, supervisor, trainee, pwp):
    pwp.supervisor = supervisor
    pwp.save(update_fields=["supervisor"])
    make_case(service, team, pwp, given_name="Other")  # the other supervisee's: counted, not listed

    def add_cases(numbers):
        for n in numbers:
            referral = start_treatment(make_case(service, team, trainee, given_name=f"Pat{n}"), by=trainee)
            contact(referral, by=trainee, days=40 + n, attendance=AttendOrDNACode.DID_NOT_ATTEND)
            score(referral, "phq9", 18, days=40 + n)
            score(referral, "gad7", 12, days=40 + n)
            discuss(referral, supervisor=supervisor, supervisee=trainee, days=35 + n)

    add_cases(range(1))
    client.force_login(supervisor)
    with CaptureQueriesContext(connection) as one:
        client.get(URL, {"supervisee": trainee.pk})
    add_cases(range(1, 10))

    with CaptureQueriesContext(connection) as ten:
        response = client.get(URL, {"supervisee": trainee.pk})

    assert len(ten) == len(one), "\n".join(query["sql"] for query in ten.captured_queries)
    assert len(re.findall(r'href="/referrals/\d+/"', response.content.decode())) == 10


def test_the_overview_counts_every_supervisee_and_lists_one_supervisees_cases(
    client, service, team, supervisor, trainee, pwp
):
    pwp.supervisor = supervisor
    pwp.save(update_fields=["supervisor"])
    make_case(service, team, trainee, given_name="Tia")
    risky = make_case(service, team, pwp, given_name="Pia")
    risky.risk_level = "high"
    risky.save(update_fields=["risk_level"])
    discuss(make_case(service, team, pwp, given_name="Poe"), supervisor=supervisor, supervisee=pwp, days=9)

    first = page(client, supervisor).content.decode()
    chosen = page(client, supervisor, supervisee=trainee.pk).content.decode()

    rows = re.findall(r"<tr class=\"nhsuk-table__row\">\s*<th scope=\"row\"[^>]*>(.*?)</tr>", first, re.DOTALL)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in rows[:2]]
    names = [re.sub(r"<[^>]+>|\s+", " ", row.split("</th>")[0]).strip() for row in rows[:2]]
    assert names[0].startswith(str(pwp)) and names[1].startswith(str(trainee))  # ordered by last name
    assert cells[0][:3] == ["2", "1", "0"] and cells[1][:3] == ["1", "0", "0"]
    assert cells[0][3] == format_date(timezone.localdate() - datetime.timedelta(days=9))
    assert cells[1][3] == "None recorded"
    # The first supervisee by name is shown unless another is chosen; only the shown one's cases are listed.
    assert f"{pwp}: 2 cases to discuss" in first
    assert "EXAMPLE, Pia" in first and "EXAMPLE, Tia" not in first
    assert f"{trainee}: 1 case to discuss" in chosen
    assert "EXAMPLE, Tia" in chosen and "EXAMPLE, Pia" not in chosen
    assert f'href="?supervisee={pwp.pk}#cases"' in chosen


def test_a_supervisee_of_someone_else_is_not_found(client, service, team, supervisor, trainee, pwp):
    assert page(client, supervisor, supervisee=pwp.pk).status_code == 404
    assert page(client, supervisor, supervisee="x").status_code == 404


def test_a_service_manager_is_pointed_to_the_settings_and_a_supervisor_is_not(
    client, staff_in_role, supervisor, trainee
):
    settings_link = f'href="{reverse("supervision:settings")}"'
    manager = staff_in_role(Role.SERVICE_MANAGER)

    assert settings_link in page(client, manager, supervisor=supervisor.pk).content.decode()
    assert settings_link not in page(client, supervisor).content.decode()
