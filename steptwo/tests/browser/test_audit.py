"""A service manager checks who has looked at a patient's record."""

import pytest
from playwright.sync_api import expect

from steptwo.accounts.models import Role
from steptwo.tests import builders
from steptwo.tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.browser


def test_audit_log_shows_a_pwp_viewing_a_patient_record(page, sign_in, pwp, patient, service, team):
    manager = builders.make_staff(service, Role.SERVICE_MANAGER, teams=[team], username="manager", first_name="Morgan")

    # Given the PWP has viewed the patient's record, then signed out
    sign_in(pwp)
    page.goto(f"/patients/{patient.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Alex Example")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Step Two")

    # When the service manager searches the audit log by the patient's NHS number
    sign_in(manager)
    assert_accessible(page)
    page.get_by_role("link", name="Audit log").first.click()
    assert_accessible(page)
    page.get_by_label("Patient's NHS number").fill("943 476 5919")
    page.get_by_role("button", name="Search").click()

    # Then the PWP's view of the record is listed
    expect(page.get_by_text("Showing entries about Alex Example")).to_be_visible()
    view = page.get_by_role("row").filter(has_text="pwp").filter(has_text="Patient record")
    expect(view.first).to_be_visible()
    expect(view.first).to_contain_text("Alex Example (943 476 5919)")
    assert_accessible(page)
