"""A supervisor opens the review list; a service manager looks at it for a supervisor they choose."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from steptwo.accounts.models import Role
from steptwo.appointments.codes import AttendOrDNACode
from steptwo.supervision.tests.test_case_facts_builders import contact, score, start_treatment
from steptwo.tests import builders
from steptwo.tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.browser


def received(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def cases(service, team, trainee):
    """Two of the trainee's cases: one missing appointments and getting worse, one nobody has seen."""
    worse = builders.make_patient(service, trainee, nhs_number="9990000018", given_name="Mo", family_name="Worse")
    worsening = start_treatment(builders.make_referral(worse, team, trainee, received_date=received(40)), by=trainee)
    contact(worsening, by=trainee, days=30)
    contact(worsening, by=trainee, days=16, attendance=AttendOrDNACode.DID_NOT_ATTEND)
    contact(worsening, by=trainee, days=9, attendance=AttendOrDNACode.DID_NOT_ATTEND)
    score(worsening, "phq9", 11, days=30)
    score(worsening, "phq9", 18, days=5)
    unseen = builders.make_patient(service, trainee, nhs_number="9990000026", given_name="Ola", family_name="Unseen")
    builders.make_referral(unseen, team, trainee, received_date=received(50))


def test_supervisor_reads_the_review_list(sign_in, supervisor, cases):
    page = sign_in(supervisor)

    # When I open my review list
    page.goto("/supervision/review/")

    # Then my trainee's cases are listed, most urgent first, each with its reasons
    expect(page.get_by_role("heading", level=1)).to_have_text("Review list")
    expect(page.get_by_role("heading", level=2, name="Tara Trainee: 2 cases to discuss")).to_be_visible()
    table = page.get_by_role("table", name="Cases to discuss with Tara Trainee, most urgent first")
    rows = table.get_by_role("row")
    expect(rows.nth(1)).to_contain_text("WORSE, Mo")
    expect(rows.nth(1)).to_contain_text("999 000 0018")
    expect(rows.nth(1).get_by_role("listitem")).to_have_text(
        [
            "Reliable deterioration on PHQ-9 (first 11, latest 18)",
            re.compile(r"^Not on track: PHQ-9 18 at treatment session 1, above the expected boundary of "),
            "Did not attend the last 2 appointments",
            "No contact for 30 days (last contact " + _long(received(30)) + "; nothing booked)",
            "Never discussed in supervision (referral received " + _long(received(40)) + ", 5 weeks ago)",
        ]
    )
    expect(rows.nth(1)).to_contain_text("Reliable deterioration")
    expect(rows.nth(2)).to_contain_text("UNSEEN, Ola")
    expect(page.get_by_role("button", name="Record a supervision session with Tara Trainee")).to_be_visible()

    # And the thresholds are explained as the service's own
    page.get_by_text("Why a case is listed").click()
    expect(page.get_by_text("this service's own settings, not national standards")).to_be_visible()
    assert_accessible(page)

    # When I follow a case, I reach its referral
    table.get_by_role("link", name="WORSE, Mo").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Referral")


def test_service_manager_chooses_a_supervisor(sign_in, staff_in_role, supervisor, cases):
    manager = staff_in_role(Role.SERVICE_MANAGER)
    page = sign_in(manager)

    page.goto("/supervision/review/")
    expect(page.get_by_text("Choose a supervisor to see the cases")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Supervisor").select_option(label=str(supervisor))
    page.get_by_role("button", name="Show review list").click()

    expect(page.get_by_role("heading", level=2, name="Tara Trainee: 2 cases to discuss")).to_be_visible()
    assert_accessible(page)


def _long(day):
    return f"{day.day} {day:%B %Y}"
