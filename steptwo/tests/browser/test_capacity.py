"""A service manager looks at caseloads against capacity, changes the supervision settings (after a refused
trainee ramp) and a PWP's whole-time equivalent, and sees the capacity follow."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from steptwo.tests import builders
from steptwo.tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.browser


def test_manager_changes_settings_and_a_pwps_fte_and_sees_capacity_follow(
    sign_in, manager, team, pwp, trainee, patient
):
    for days in (10, 50):
        builders.make_referral(patient, team, pwp, received_date=timezone.localdate() - datetime.timedelta(days=days))
    page = sign_in(manager)

    # Given I open the capacity page: Priya holds 2 of a full-time PWP's 45 cases
    page.goto("/supervision/capacity/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseloads and capacity")
    priya = page.get_by_role("row").filter(has_text="Priya Shah")
    expect(priya).to_contain_text("45")
    expect(page.locator("main")).to_contain_text("Past 6 weeks 1")
    assert_accessible(page)

    # When I set a trainee ramp that goes down, I am told why and what I typed stays
    page.get_by_role("link", name="Change the supervision settings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Supervision settings")
    assert_accessible(page)
    page.get_by_label("Caseload capacity of a full-time qualified PWP (open cases)").fill("40")
    page.get_by_label("Trainee capacity at the start of training (% of qualified)").fill("75")
    page.get_by_label("Trainee capacity at the end of the training year (% of qualified)").fill("60")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("must be the same as or more than at the start")
    expect(page.get_by_label("Caseload capacity of a full-time qualified PWP (open cases)")).to_have_value("40")
    assert_accessible(page)

    # When I correct it and save
    page.get_by_label("Trainee capacity at the start of training (% of qualified)").fill("20")
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("status")).to_contain_text("Supervision settings saved.")
    assert_accessible(page)

    # And I change Priya's whole-time equivalent to 0.6
    page.get_by_role("link", name="Back to capacity").click()
    page.get_by_role("link", name="Capacity details of Priya Shah").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Capacity details of Priya Shah")
    page.get_by_label("Whole-time equivalent").fill("0.6")
    page.get_by_role("button", name="Save capacity details").click()
    expect(page.get_by_role("status")).to_contain_text("Capacity details of Priya Shah saved.")
    expect(page.locator("main")).to_contain_text("40 open cases for a full-time qualified PWP × 0.6")
    assert_accessible(page)

    # Then the capacity page shows her capacity as 40 × 0.6 = 24
    page.get_by_role("link", name="Back to capacity").click()
    expect(page.get_by_role("row").filter(has_text="Priya Shah")).to_contain_text("0.60")
    expect(page.get_by_role("row").filter(has_text="Priya Shah")).to_contain_text("24")
    assert_accessible(page)
