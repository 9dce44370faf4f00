"""The pages people see when something is missing or not theirs to see."""

import pytest
from playwright.sync_api import expect

from steptwo.tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.browser


def test_page_not_found_for_a_patient_that_does_not_exist(signed_in_page):
    page = signed_in_page

    response = page.goto("/patients/999999/")

    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)


def test_permission_denied_for_a_pwp_opening_the_audit_log(signed_in_page):
    page = signed_in_page

    response = page.goto("/audit/")

    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have permission to see this page")
    assert_accessible(page)
