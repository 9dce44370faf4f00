"""Guided self-help treatment: the plan, a trainee's session note signed off by their supervisor,
stepping up to high intensity, and the signposting directory."""

import pytest
from playwright.sync_api import expect

from steptwo.tests.browser.accessibility import assert_accessible
from steptwo.treatment.tests.helpers import session, start_treatment

pytestmark = pytest.mark.browser


@pytest.fixture
def in_treatment(referral, pwp):
    return start_treatment(referral, pwp)


def test_a_trainees_note_is_sent_for_sign_off_and_signed_off(page, sign_in, trainee, supervisor, in_treatment):
    appointment = session(in_treatment, trainee)

    # Given I am a trainee and add behavioural activation to the plan
    sign_in(trainee)
    page.goto(f"/treatment/plan/{in_treatment.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Treatment plan")
    page.get_by_role("button", name="Add to the plan").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Select the intervention to add")
    assert_accessible(page)
    page.get_by_label("Intervention", exact=True).select_option(label="Behavioural activation")
    page.get_by_role("button", name="Add to the plan").click()
    expect(page.get_by_role("status")).to_contain_text("Behavioural activation added to the treatment plan.")
    expect(page.get_by_role("table", name="Current interventions")).to_contain_text("748051000000105")
    assert_accessible(page)

    # When I write the session note and send it for sign-off
    page.goto(f"/treatment/note/{appointment.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Session 1 note")
    assert_accessible(page)
    page.get_by_label("Behavioural activation (Guided self-help (book))").check()
    page.get_by_label("Work done in the session").fill("Reviewed the activity diary; planned two valued activities")
    page.get_by_label("Homework set (optional)").fill("Walk twice this week")
    page.get_by_role("button", name="Send for sign-off").click()

    # Then it waits for my supervisor, and I can no longer change it
    expect(page.get_by_role("status")).to_contain_text("Note sent to Sam Supervisor for sign-off.")
    expect(page.locator("main")).to_contain_text("Awaiting supervisor sign-off")
    expect(page.get_by_label("Work done in the session")).to_have_count(0)
    assert_accessible(page)

    # When my supervisor signs it off from their list
    page.context.clear_cookies()
    sign_in(supervisor)
    page.goto("/treatment/sign-offs/")
    expect(page.get_by_role("table", name="Your supervisees' notes")).to_contain_text("Tara Trainee")
    assert_accessible(page)
    page.get_by_role("button", name="Sign off session 1 note for Alex Example").click()

    # Then the note is final, signed off by them
    expect(page.get_by_role("status")).to_contain_text("Signed off Alex Example's session 1 note.")
    expect(page.locator("main")).to_contain_text("None of your supervisees' notes are waiting for sign-off.")
    page.goto(f"/treatment/note/{appointment.pk}/")
    expect(page.locator(".nhsuk-summary-list").last).to_contain_text("Sam Supervisor on")
    expect(page.locator("main")).to_contain_text("Final")
    assert_accessible(page)


def test_a_pwp_steps_a_referral_up_and_it_joins_the_high_intensity_waiting_list(signed_in_page, in_treatment):
    page = signed_in_page

    # Given I open the step-up page
    page.goto(f"/treatment/step-up/{in_treatment.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Step up to high intensity")

    # When I give no reason, I am told what to do
    page.get_by_role("button", name="Step up to high intensity").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Give the reason for stepping up")
    assert_accessible(page)

    # When I give the reason and step up
    page.get_by_label("Reason for stepping up").fill("No improvement after six sessions of behavioural activation")
    page.get_by_role("button", name="Step up to high intensity").click()

    # Then the referral is on the high-intensity waiting list
    expect(page.get_by_role("status")).to_contain_text("the referral is on the high-intensity waiting list")
    page.goto("/treatment/high-intensity-waiting-list/")
    expect(page.get_by_role("table")).to_contain_text("No improvement after six sessions")
    assert_accessible(page)


def test_the_signposting_directory_and_signposting_a_patient(signed_in_page, in_treatment):
    page = signed_in_page

    # Given I add an organisation to the directory
    page.goto("/treatment/signposting/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Signposting directory")
    page.get_by_role("button", name="Add an organisation").click()
    page.get_by_label("Name").fill("Northshire Debt Advice")
    page.get_by_label("What it offers").fill("Free, confidential debt advice")
    page.get_by_label("Area covered (optional)").fill("Northshire")
    page.get_by_label("Website (optional)").fill("not a website")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter a website address like")
    assert_accessible(page)
    page.get_by_label("Website (optional)").fill("https://debt.example.org")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("table", name="In the directory")).to_contain_text("Free, confidential debt advice")
    assert_accessible(page)

    # When I signpost the patient to it
    page.goto(f"/treatment/signpost/{in_treatment.pk}/")
    assert_accessible(page)
    page.get_by_label("Organisation").select_option(label="Northshire Debt Advice (Northshire)")
    page.get_by_role("button", name="Record signposting").click()

    # Then it is recorded and the referral stays open
    expect(page.get_by_role("status")).to_contain_text("Signposted to Northshire Debt Advice. The referral stays open.")
