"""A PWP discharges a treated referral: a refusal shown on the form, then success and both letters listed."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from steptwo.letters.tests import pathway
from steptwo.tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.browser


def fill_date(page, day):
    dates = page.get_by_role("group", name="Discharge date")
    dates.get_by_label("Day").fill(str(day.day))
    dates.get_by_label("Month").fill(str(day.month))
    dates.get_by_label("Year").fill(str(day.year))


def test_pwp_discharges_a_referral_and_both_letters_are_made(signed_in_page, pwp, patient, referral):
    pathway.treated(pwp, referral)  # last attended appointment: 19 October 2026
    page = signed_in_page

    # Given I open the discharge page, it sums up the treatment and offers the treated end codes
    page.goto(f"/discharge/{referral.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Discharge")
    expect(page.get_by_role("table", name="First and last scores")).to_contain_text("down 11")
    expect(page.get_by_label("50 – Not assessed")).to_have_count(0)
    assert_accessible(page)

    # When I give a date before the last appointment, I am told why and keep what I typed
    page.get_by_label("46 – Mutually agreed completion of treatment").check()
    fill_date(page, pathway.at(10, 18).date())
    page.get_by_label("Outcome summary").fill("Mood lifted as routine returned")
    page.get_by_label("Warning signs (optional)").fill("Staying in bed late")
    page.get_by_role("button", name="Discharge and create letters").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "The discharge date cannot be before the last attended appointment (19 October 2026)"
    )
    expect(page.get_by_label("Outcome summary")).to_have_value("Mood lifted as routine returned")
    expect(page.get_by_label("46 – Mutually agreed completion of treatment")).to_be_checked()
    assert_accessible(page)

    # When I correct the date and discharge
    fill_date(page, timezone.localdate())
    page.get_by_role("button", name="Discharge and create letters").click()

    # Then I am back on the patient record, and the discharge page lists both letters to download
    expect(page.get_by_role("status")).to_contain_text("Alex Example has been discharged")
    page.goto(f"/discharge/{referral.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Discharged")
    letters = page.get_by_role("table", name="Letters for the referral received 1 October 2026")
    expect(letters.get_by_role("row")).to_have_count(3)  # a header row and two letters
    expect(letters).to_contain_text("Discharge letter to the GP")
    expect(letters).to_contain_text("Discharge letter to the patient")
    assert_accessible(page)
    with page.expect_download() as download:
        letters.get_by_role("link", name=re.compile(r"^Download PDF\s+of the discharge letter to the GP")).click()
    assert download.value.suggested_filename.endswith(".pdf")
