"""A PWP assesses a patient: the structured assessment, a risk assessment, then the decision to treat."""

import pytest
from playwright.sync_api import expect

from steptwo.assessments.tests.conftest import book
from steptwo.tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.browser


def answer(page, question, choice):
    page.get_by_role("group", name=question).get_by_label(choice, exact=True).check()


def test_pwp_completes_an_assessment_with_a_risk_assessment_and_a_decision(signed_in_page, pwp, patient, referral):
    page = signed_in_page
    book(referral, pwp)  # an assessment appointment an hour ago, recorded as attended

    # Given I start the assessment, choosing the attended assessment appointment after forgetting to
    page.goto(f"/assessments/start/{referral.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Start the assessment")
    page.get_by_role("button", name="Start the assessment").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Select the assessment appointment")
    assert_accessible(page)
    page.get_by_role("group", name="Which appointment is this assessment for?").get_by_role("radio").first.check()
    page.get_by_role("button", name="Start the assessment").click()
    expect(page.get_by_role("status")).to_contain_text("Assessment started")
    expect(page.get_by_role("heading", level=1)).to_have_text("Assessment")
    assert_accessible(page)

    # When I give a goal without its rating and save
    page.get_by_label("Problem statement").fill("Low mood since losing my job: I stay in bed and see no one")
    page.get_by_label("What happens").fill("Stays in bed until midday")
    page.get_by_label("Goal 1 (optional)", exact=True).fill("Walk to the park three times a week")
    answer(page, "Is the patient prescribed psychotropic medication?", "Not prescribed")
    answer(page, "What is the patient's employment status?", "Unemployed and seeking work")
    page.get_by_role("button", name="Save and continue later").click()

    # Then I am told to rate it, and what I typed is kept
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter a rating from 0 to 10 for goal 1")
    expect(page.get_by_label("What happens")).to_have_value("Stays in bed until midday")
    assert_accessible(page)

    # When I rate it and go to the decision, I am told a risk assessment is needed first
    page.get_by_label("Rating for goal 1 now, from 0 to 10").fill("2")
    page.get_by_role("button", name="Go to the decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Assessment decision")
    expect(page.locator(".nhsuk-card--warning")).to_contain_text("Record a risk assessment")

    # When I open the risk assessment and save it unanswered, I see what is needed
    page.get_by_role("link", name="Record a risk assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a risk assessment")
    page.get_by_role("button", name="Save risk assessment").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Write the risk management plan")
    assert_accessible(page)

    # When I answer it, with suicidal thoughts revealing intent and plans
    answer(page, "Does the patient have thoughts of ending their life?", "Yes")
    answer(page, "Do they intend to act on these thoughts?", "No")
    answer(page, "Have they made plans to act on them?", "No")
    page.get_by_label("Details of the thoughts of ending their life").fill("Passive thoughts most days, no intent")
    for question in [
        "Have they ever attempted or prepared to end their life?", "Do they feel hopeless about the future?",
        "Is there a risk that they neglect themselves?", "Is there a risk to other people?",
        "Is the patient at risk from other people (a safeguarding concern)?",
    ]:  # fmt: skip
        answer(page, question, "No")
    answer(page, "Overall risk level", "Moderate")
    page.get_by_label("Risk management plan").fill("Crisis line numbers given; review risk at every session")
    assert_accessible(page)
    page.get_by_role("button", name="Save risk assessment").click()

    # Then I am back on the assessment, and go to the decision
    expect(page.get_by_role("status")).to_contain_text("Risk assessment recorded: moderate risk")
    page.get_by_role("button", name="Go to the decision").click()
    expect(page.locator(".nhsuk-card--warning")).to_have_count(0)

    # When I choose to treat but pick no intervention
    answer(page, "What did you and the patient decide?", "Treat at step 2")
    page.get_by_label("Reason for the decision").fill("Chose behavioural activation for low mood")
    page.get_by_role("button", name="Complete the assessment").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Select at least one low-intensity intervention")
    expect(page.get_by_label("Reason for the decision")).to_have_value("Chose behavioural activation for low mood")
    assert_accessible(page)

    # Then choosing one completes the assessment and starts treatment
    page.get_by_label("Behavioural activation").check()
    page.get_by_role("button", name="Complete the assessment").click()
    expect(page.get_by_role("status")).to_contain_text("Assessment completed: treat at step 2")
    expect(page.get_by_role("status")).to_contain_text("In step 2 treatment")

    # And the risk history shows the level and who recorded it
    page.goto(f"/assessments/risk/{referral.pk}/")
    expect(page.get_by_role("table")).to_contain_text("First recorded as moderate")
    expect(page.get_by_role("table")).to_contain_text("Priya Shah")
    assert_accessible(page)
