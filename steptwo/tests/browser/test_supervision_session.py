"""Acceptance (issue 6): a supervisor opens the review list, records a supervision session deciding to step
up one case and to discharge another, and the actions appear in the PWP's task list."""

import datetime
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from steptwo.appointments.codes import AttendOrDNACode
from steptwo.supervision.tests.test_case_facts_builders import contact, start_treatment
from steptwo.tests import builders
from steptwo.tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.browser
SCREENSHOT = os.environ.get("SCREENSHOT")


def received(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def cases(service, team, pwp, supervisor):
    """Priya Shah, supervised by Sam Supervisor, has two cases on the review list: one who missed their last
    two appointments, and one waiting seven weeks that has never been discussed."""
    pwp.supervisor = supervisor
    pwp.save(update_fields=["supervisor"])
    missed = builders.make_patient(service, pwp, nhs_number="9990000018", given_name="Mo", family_name="Missed")
    missing = start_treatment(builders.make_referral(missed, team, pwp, received_date=received(60)), by=pwp)
    contact(missing, by=pwp, days=30)
    contact(missing, by=pwp, days=16, attendance=AttendOrDNACode.DID_NOT_ATTEND)
    contact(missing, by=pwp, days=9, attendance=AttendOrDNACode.DID_NOT_ATTEND)
    waiting = builders.make_patient(service, pwp, nhs_number="9990000026", given_name="Wyn", family_name="Waiting")
    builders.make_referral(waiting, team, pwp, received_date=received(50))


def fill_first_action(page, patient_name, description, due, owner):
    """The first action row of a case: the owner is the supervisee unless changed."""
    action = page.get_by_role("group", name=f"Action 1 for {patient_name} (optional)")
    action.get_by_label("What needs to be done").fill(description)
    expect(action.get_by_label("Owner")).to_have_value(str(owner.pk))
    action.get_by_label("Day").fill(str(due.day))
    action.get_by_label("Month").fill(str(due.month))
    action.get_by_label("Year").fill(str(due.year))


def test_supervisor_records_step_up_and_discharge_and_the_pwp_gets_the_actions(page, sign_in, supervisor, pwp, cases):
    due = timezone.localdate() + datetime.timedelta(days=7)
    due_text = f"{due.day} {due:%B %Y}"

    # Given I am a supervisor looking at my review list
    sign_in(supervisor)
    page.goto("/supervision/review/")
    expect(page.get_by_role("heading", level=2, name="Priya Shah: 2 cases to discuss")).to_be_visible()
    assert_accessible(page)

    # When I record a supervision session with Priya
    page.get_by_role("button", name="Record a supervision session with Priya Shah").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a supervision session")
    missed, waiting = page.get_by_role("region", name="Mo Missed"), page.get_by_role("region", name="Wyn Waiting")
    expect(missed).to_contain_text("Did not attend the last 2 appointments")
    expect(waiting).to_contain_text("Never discussed in supervision")
    assert_accessible(page)

    # and decide to step Mo up without saying who will do it, I am told an action is needed
    page.get_by_label("Length in minutes").fill("60")
    missed.get_by_label("Discussed in this session").check()
    missed.get_by_role("group", name="Decision about Mo Missed").get_by_label("Step up to high intensity").check()
    missed.get_by_label("Notes about Mo Missed (optional)").fill("No engagement with guided self-help")
    page.get_by_role("button", name="Save supervision session").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Mo Missed: A decision to step up to high intensity needs at least one action"
    )
    expect(page.get_by_label("Length in minutes")).to_have_value("60")
    expect(missed.get_by_label("Notes about Mo Missed (optional)")).to_have_value("No engagement with guided self-help")
    assert_accessible(page)
    page.screenshot(path="/tmp/supervision_session_error.png", full_page=True) if SCREENSHOT else None

    # When I give each decision its action, owned by Priya, and save
    fill_first_action(page, "Mo Missed", "Step up to HI", due, pwp)
    waiting.get_by_label("Discussed in this session").check()
    waiting.get_by_role("group", name="Decision about Wyn Waiting").get_by_label("Discharge").check()
    fill_first_action(page, "Wyn Waiting", "Discharge: offer signposting and write to the GP", due, pwp)
    page.get_by_role("button", name="Save supervision session").click()

    # Then the session shows both decisions with their actions
    expect(page.get_by_role("status")).to_contain_text(
        "Supervision session with Priya Shah recorded: 2 cases discussed, 2 actions added to task lists"
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("Case management supervision on")
    step_up_row = page.get_by_role("table", name="Actions for Mo Missed").get_by_role("row").nth(1)
    expect(step_up_row.get_by_role("cell")).to_have_text(["Step up to HI", "Priya Shah", due_text, "Open"])
    expect(page.get_by_role("table", name="Actions for Wyn Waiting")).to_contain_text("Discharge: offer signposting")
    expect(page.locator("main")).to_contain_text("Decision: Step up to high intensity")
    expect(page.locator("main")).to_contain_text("Decision: Discharge")
    assert_accessible(page)
    page.screenshot(path="/tmp/supervision_session.png", full_page=True) if SCREENSHOT else None

    # and Priya's supervision record counts the hour this week
    page.goto(f"/supervision/supervisees/{pwp.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Supervision of Priya Shah")
    expect(page.get_by_role("table", name="Supervision each week, the last 12 weeks, newest first")).to_contain_text(
        "1 hour"
    )
    assert_accessible(page)
    page.screenshot(path="/tmp/supervisee.png", full_page=True) if SCREENSHOT else None

    # When Priya signs in, both actions are in her task list
    page.context.clear_cookies()
    sign_in(pwp)
    page.goto("/tasks/")
    tasks = page.get_by_role("table", name="Your open tasks, overdue first, then by due date")
    actions = tasks.get_by_role("row").filter(has_text="Supervision action")
    expect(actions).to_have_count(2)
    expect(actions.filter(has_text="MISSED, Mo")).to_contain_text(f"Due {due_text}")
    expect(actions.filter(has_text="MISSED, Mo")).to_contain_text("Step up to HI")
    expect(actions.filter(has_text="WAITING, Wyn")).to_contain_text("Discharge: offer signposting and write to the GP")
    assert_accessible(page)
