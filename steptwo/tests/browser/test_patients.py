"""Finding a patient, reading their record, and adding a patient."""

import re

import pytest
from playwright.sync_api import expect

from steptwo.tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.browser


def search_patients(page, text):
    page.get_by_label("Search by name, NHS number or date of birth").fill(text)
    page.get_by_role("button", name="Search").click()


def test_patient_list_finds_a_patient_by_nhs_number_and_by_name(signed_in_page, patient, referral):
    page = signed_in_page

    # Given I am on the patient list
    page.get_by_role("link", name="Patients", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My patients")
    assert_accessible(page)

    # When I search by NHS number, typed with spaces
    search_patients(page, "943 476 5919")

    # Then the patient is found
    table = page.get_by_role("table")
    expect(table).to_contain_text("1 patient matching")
    expect(table.get_by_role("link", name="EXAMPLE, Alex")).to_be_visible()
    assert_accessible(page)

    # When I search by name instead
    search_patients(page, "alex")

    # Then the same patient is found
    expect(table).to_contain_text("943 476 5919")
    assert_accessible(page)

    # When I search for a name nobody has
    search_patients(page, "Nobody")

    # Then I am told nothing matched
    expect(page.get_by_text("No patients match “Nobody”")).to_be_visible()
    assert_accessible(page)


def test_patient_record(signed_in_page, patient, referral):
    page = signed_in_page

    # When I open the patient's record from the list
    page.goto("/patients/")
    page.get_by_role("link", name="EXAMPLE, Alex").click()

    # Then I see their details, their referral and the timeline
    expect(page.get_by_role("heading", level=1)).to_have_text("Alex Example")
    expect(page.get_by_text("NHS number 943 476 5919")).to_be_visible()
    expect(page.get_by_role("heading", name="Referrals")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Low mood and worry")
    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    assert_accessible(page)


def save_a_new_patient_with_a_wrong_check_digit(page):
    page.get_by_role("link", name="Add a patient").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a patient")
    page.get_by_label("NHS number").fill("943 476 5918")
    page.get_by_label("First name").fill("Robin")
    page.get_by_role("button", name="Save").click()
    # Wait for the page with the errors, or the next step could type into the page being left; and for
    # the design system's script to focus the error summary (it scrolls the page), or a later click could
    # land while the page moves.
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    expect(page.locator(".nhsuk-error-summary")).to_be_focused()


def fill_date(page, group_name, day, month, year):
    group = page.get_by_role("group", name=group_name)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_add_patient_with_an_invalid_nhs_number_keeps_what_was_typed(signed_in_page):
    page = signed_in_page

    # Given I am adding a patient
    page.get_by_role("link", name="Add a patient").click()
    assert_accessible(page)

    # When I type an NHS number with a wrong check digit and a first name, and save
    page.get_by_role("link", name="Back").click()
    save_a_new_patient_with_a_wrong_check_digit(page)

    # Then the error summary has the focus and says the NHS number is not valid
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name="This is not a valid NHS number")).to_be_visible()
    expect(page.locator("#id_nhs_number-error")).to_contain_text("This is not a valid NHS number")
    expect(page).to_have_title(re.compile(r"^Error: Add a patient"))
    # And what I typed is still there
    expect(page.get_by_label("NHS number")).to_have_value("943 476 5918")
    expect(page.get_by_label("First name")).to_have_value("Robin")
    assert_accessible(page)

    # When I follow the error's link, the NHS number field has the focus
    summary.get_by_role("link", name="This is not a valid NHS number").click()
    expect(page.get_by_label("NHS number")).to_be_focused()


def test_add_patient_after_correcting_the_nhs_number_then_add_their_referral(signed_in_page):
    page = signed_in_page

    # Given I tried to add a patient with an NHS number that fails its check digit
    save_a_new_patient_with_a_wrong_check_digit(page)

    # When I correct the NHS number, fill in the other required fields and save
    page.get_by_label("NHS number").fill("943 4765919")
    page.get_by_label("Last name").fill("Taylor")
    fill_date(page, "Date of birth", "3", "11", "1990")
    page.get_by_role("button", name="Save").click()

    # Then the patient is added and I am asked for their referral
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a referral")
    expect(page.get_by_role("status")).to_contain_text("Robin Taylor has been added")
    expect(page.locator(".nhsuk-caption-l")).to_have_text("Robin Taylor, NHS number 943 476 5919")
    assert_accessible(page)

    # When I add their referral
    fill_date(page, "Date referral received", "1", "10", "2026")
    page.get_by_label("Source of referral").select_option(label="GP practice")
    page.get_by_label("Reason for referral").fill("Panic attacks on the bus")
    page.get_by_role("button", name="Add referral").click()

    # Then I am on their record, with the referral on the team's waiting list
    expect(page.get_by_role("heading", level=1)).to_have_text("Robin Taylor")
    expect(page.get_by_role("status")).to_contain_text("Referral added")
    expect(page.get_by_role("table")).to_contain_text("Panic attacks on the bus")
    assert_accessible(page)


def test_add_patient_with_a_nine_digit_nhs_number(signed_in_page):
    page = signed_in_page

    # When I save a new patient with a 9-digit NHS number
    page.goto("/patients/new/")
    page.get_by_label("NHS number").fill("943 476 591")
    page.get_by_role("button", name="Save").click()

    # Then I am told it must be 10 digits, alongside the other missing answers
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("NHS number must be 10 digits")
    expect(summary).to_contain_text("Enter the patient's first name")
    expect(page.locator("#id_nhs_number-error")).to_contain_text("NHS number must be 10 digits")
    assert_accessible(page)
