"""A PWP reviews their caseload with filters, opens their tasks and marks a missed-appointment follow-up done."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from steptwo.appointments.codes import AttendOrDNACode
from steptwo.referrals.codes import RiskLevel
from steptwo.supervision.tests.test_case_facts_builders import contact, risk_assessment, score, start_treatment
from steptwo.tests import builders
from steptwo.tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def caseload(service, team, pwp, patient, referral):
    """Alex Example: in treatment, high risk, PHQ-9 18 → 11, missed their last appointment (a follow-up task).
    Robin Quiet: waiting, never seen, received 40 days ago."""
    start_treatment(referral, by=pwp)
    contact(referral, by=pwp, days=20)
    contact(referral, by=pwp, days=13)
    contact(referral, by=pwp, days=2, attendance=AttendOrDNACode.DID_NOT_ATTEND)
    score(referral, "phq9", 18, days=20)
    score(referral, "phq9", 11, days=13)
    risk_assessment(referral, by=pwp, level=RiskLevel.HIGH, days=13)
    quiet = builders.make_patient(service, pwp, nhs_number="9999999999", given_name="Robin", family_name="Quiet")
    builders.make_referral(quiet, team, pwp, received_date=timezone.localdate() - datetime.timedelta(days=40))


def test_pwp_filters_their_caseload_and_marks_a_dna_follow_up_done(signed_in_page, caseload):
    page = signed_in_page
    table = page.get_by_role("table")

    # Given I open my caseload
    page.goto("/supervision/caseload/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your caseload")
    expect(page.locator("main")).to_contain_text("2 open cases against a capacity of 45")
    expect(table).to_contain_text("PHQ-9 18 → 11 (−7, reliable improvement)")
    assert_accessible(page)

    # When I show only the cases without contact for 28 days, sorted by name
    page.get_by_label("No contact for 28 days or more").check()
    page.get_by_label("Sort by").select_option(label="Patient's name")
    page.get_by_role("button", name="Show caseload").click()

    # Then only the patient never seen is listed, and the filter stays chosen
    expect(table.get_by_role("link")).to_have_text(["QUIET, Robin"])
    expect(page.get_by_label("No contact for 28 days or more")).to_be_checked()
    assert_accessible(page)

    # When I show the high-risk cases instead
    page.get_by_label("No contact for 28 days or more").uncheck()
    page.get_by_label("Risk level").select_option(label="High")
    page.get_by_role("button", name="Show caseload").click()
    expect(table.get_by_role("link")).to_have_text(["EXAMPLE, Alex"])
    expect(table).to_contain_text("High risk")

    # When I open my tasks from the caseload
    page.get_by_role("link", name="1 open task").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your tasks")
    expect(page.get_by_role("table")).to_contain_text("Follow up a missed appointment")
    assert_accessible(page)

    # And mark the follow-up done without saying what was done, I am told to
    page.get_by_role("link", name="Mark as done").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mark a task as done")
    assert_accessible(page)
    page.get_by_role("button", name="Mark as done").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter what was done")
    assert_accessible(page)

    # When I say what was done
    page.get_by_label("What was done?").fill("Phoned: forgot the appointment, no new risk; rebooked")
    page.get_by_role("button", name="Mark as done").click()

    # Then the task has gone from my list
    expect(page.get_by_role("status")).to_contain_text("Marked done: Follow up missed appointment")
    expect(page.locator("main")).to_contain_text("You have no open tasks.")
    assert_accessible(page)
