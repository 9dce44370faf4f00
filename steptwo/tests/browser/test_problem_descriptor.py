"""A PWP records a referral's problem descriptor, which decides the anxiety measure offered."""

import pytest
from playwright.sync_api import expect

from steptwo.tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.browser


def test_pwp_records_a_problem_descriptor_and_is_offered_its_measure(signed_in_page, patient, referral):
    page = signed_in_page

    # Given I open the referral's problem descriptor form from the patient record
    page.goto(f"/patients/{patient.pk}/")
    page.get_by_role("link", name="Record problem descriptor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the problem descriptor")
    assert_accessible(page)

    # When I save without choosing one, I am told what to do
    page.get_by_role("button", name="Save problem descriptor").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Select the primary problem descriptor")
    assert_accessible(page)

    # When I choose social phobia and save
    page.get_by_label("Primary problem descriptor").select_option(label="F40.1 Social phobias")
    page.get_by_role("button", name="Save problem descriptor").click()

    # Then the record shows it, and recording questionnaires offers the SPIN
    expect(page.get_by_role("status")).to_contain_text("Problem descriptor recorded: F40.1 Social phobias")
    page.get_by_role("link", name="Record questionnaires").click()
    expect(page.locator("main")).to_contain_text("calls for the SPIN as the anxiety measure")
    expect(page.get_by_role("heading", name="SPIN")).to_be_visible()
    assert_accessible(page)
