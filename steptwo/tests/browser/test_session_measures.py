"""A PWP records PHQ-9 and GAD-7 in a session, from the patient record, keyboard first."""

import time

import pytest
from playwright.sync_api import expect

from steptwo.tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.browser

PHQ9 = ["2", "2", "2", "1", "1", "1", "1", "1", "1"]  # 12, moderate; item 9 endorsed
GAD7 = ["1", "1", "1", "1", "1", "1", "1"]  # 7, mild


def type_answers(page, answers):
    for answer in answers:
        page.keyboard.type(answer)
        page.keyboard.press("Tab")


def test_pwp_records_phq9_and_gad7_in_a_session(signed_in_page, patient, referral):
    page = signed_in_page
    started = time.monotonic()

    # Given I open the patient's record and choose to record questionnaires
    page.goto(f"/patients/{patient.pk}/")
    page.get_by_role("link", name="Record questionnaires").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record questionnaires")
    assert_accessible(page)

    # When I leave out one answer and save
    page.get_by_label("1. Little interest or pleasure in doing things").focus()
    type_answers(page, PHQ9[:8])
    page.keyboard.press("Tab")  # skip question 9
    page.keyboard.press("Tab")  # and the unscored difficulty question
    type_answers(page, GAD7)
    page.get_by_role("button", name="Save questionnaires").click()

    # Then the error names the question and everything I typed is still there
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("PHQ-9: Answer question 9")
    expect(page.get_by_label("1. Little interest or pleasure in doing things")).to_have_value("2")
    expect(page.get_by_label("7. Feeling afraid as if something awful might happen")).to_have_value("1")
    assert_accessible(page)

    # When I follow the error link, answer question 9 and save
    summary.get_by_role("link", name="PHQ-9: Answer question 9").click()
    page.keyboard.type("1")
    page.get_by_role("button", name="Save questionnaires").click()

    # Then I see the totals, bands, caseness and a risk warning for question 9
    expect(page.get_by_role("heading", level=1)).to_have_text("Questionnaires saved")
    expect(page.locator(".nhsuk-summary-list")).to_contain_text("12 (Moderate)")
    expect(page.locator(".nhsuk-summary-list")).to_contain_text("7 (Mild)")
    expect(page.locator(".nhsuk-card--warning")).to_contain_text("Risk review needed")
    assert_accessible(page)
    assert time.monotonic() - started < 60  # "under a minute", even for a test robot with two pages of axe

    # And the patient record shows the alert until I record the review
    page.get_by_role("link", name=f"Back to {patient.full_name}").click()
    alert = page.locator(".nhsuk-card--warning")
    expect(alert).to_contain_text("Risk review needed")
    assert_accessible(page)
    alert.get_by_label("What did you find and do?").fill("Phoned: passive thoughts, no plan or intent")
    alert.get_by_role("button", name="Record risk review").click()
    expect(page.get_by_role("status")).to_contain_text("Risk review recorded")
    expect(page.locator(".nhsuk-card--warning")).to_have_count(0)
