"""A service manager looks at the service's outcomes for October 2026, by team, after a refused period;
opens a trend's table; and drills down from the recovery figure to the referral behind it."""

import re

import pytest
from playwright.sync_api import expect

from steptwo.outcomes.tests.histories import finished_course, new_referral
from steptwo.tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.browser


def fill_period(page, start, end):
    for legend, (day, month, year) in (("From", start), ("To", end)):
        group = page.get_by_role("group", name=legend)
        group.get_by_label("Day").fill(day)
        group.get_by_label("Month").fill(month)
        group.get_by_label("Year").fill(year)


def test_manager_reads_outcomes_and_drills_down(sign_in, manager, pwp, patient, team, referral):
    finished_course(pwp, referral)  # recovered: PHQ-9 17 → 6, GAD-7 12 → 5, discharged 20 October 2026
    finished_course(pwp, new_referral(patient, team, pwp), phq=(17, 15), gad=(12, 11), hour=11)
    page = sign_in(manager)

    # Given I open the outcomes page
    page.goto("/outcomes/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Outcomes: {manager.service.name}")
    assert_accessible(page)

    # When I ask for a period that ends before it starts, I am told so and what I typed stays
    fill_period(page, ("1", "10", "2026"), ("30", "9", "2026"))
    page.get_by_role("button", name="Show outcomes").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "The last day of the period must be the same as or after the first day"
    )
    expect(page.get_by_role("group", name="To").get_by_label("Month")).to_have_value("9")
    assert_accessible(page)

    # When I choose October 2026, figures for each team
    fill_period(page, ("1", "10", "2026"), ("31", "10", "2026"))
    page.get_by_label("Each team").check()
    page.get_by_role("button", name="Show outcomes").click()
    expect(page.get_by_role("heading", name="Figures, 1 October 2026 to 31 October 2026")).to_be_visible()
    recovery = page.get_by_role("row", name="Recovery", exact=False).first
    expect(recovery).to_contain_text("50.0%")  # 1 recovered of 2 finished at caseness
    expect(page.get_by_role("heading", level=3, name=team.name)).to_be_visible()
    expect(page.get_by_role("link", name="Download the figures (CSV)")).to_be_visible()
    assert_accessible(page)

    # And I open the recovery trend's table
    page.get_by_text("Recovery: the figures in a table", exact=True).click()
    table = page.get_by_role(
        "table", name="Recovery: numerator out of the referrals that finished a course at caseness"
    )
    expect(table.get_by_role("row", name="Oct 2026")).to_contain_text("50.0%")
    expect(page.get_by_role("img", name=f"Recovery, {manager.service.name}, by month", exact=True)).to_be_visible()

    # Then the recovery numerator lists the referral behind it
    page.get_by_role("link", name="Recovery, numerator: 1", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery")
    expect(page.locator("main")).to_contain_text("1 referral counted in “Recovery” (the numerator).")
    expect(page.get_by_role("row").filter(has_text="Alex Example")).to_contain_text("17 → 6")
    assert_accessible(page)

    # And from there I open the referral record (from the keyboard)
    page.get_by_role("link", name="Referral of Alex Example received 1 October 2026").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/referrals/{referral.pk}/$"))


def test_a_pwp_reads_their_own_outcomes(sign_in, pwp, referral):
    finished_course(pwp, referral)
    page = sign_in(pwp)

    # Given I open my outcomes for October 2026
    page.goto("/outcomes/mine/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcomes: Priya Shah")
    fill_period(page, ("1", "10", "2026"), ("31", "10", "2026"))
    page.get_by_label("Publication mode").check()
    page.get_by_role("button", name="Show outcomes").click()

    # Then in publication mode my single finished course is hidden, and nothing links to a list
    expect(page.get_by_role("row", name="Finished a course of treatment").first).to_contain_text("*")
    expect(page.get_by_role("link", name="Finished a course of treatment: 1")).to_have_count(0)
    assert_accessible(page)

    # And without it I can list my finished courses
    page.get_by_label("Publication mode").uncheck()
    page.get_by_role("button", name="Show outcomes").click()
    page.get_by_role("link", name="Finished a course of treatment: 1", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Finished a course of treatment")
    assert_accessible(page)
