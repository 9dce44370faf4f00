"""Signing in, and the home page after it."""

import re

import pytest
from playwright.sync_api import expect

from steptwo.tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.browser


def test_sign_in_page_is_accessible_and_nhsuk_styles_and_icons_load(page, pwp):
    # Given I am not signed in
    # When I open Step Two
    page.goto("/")

    # Then I am asked to sign in, on a page styled by the NHS.UK design system
    expect(page).to_have_url(re.compile(r"/account/sign-in/"))
    expect(page).to_have_title("Sign in – Step Two")
    expect(page.locator(".nhsuk-header")).to_have_css("background-color", "rgb(0, 94, 184)")  # NHS blue
    # And the design system's icons, which its CSS asks for at /assets/, are served
    assert page.request.get("/assets/images/nhsuk-icon-arrow-down.svg").ok
    assert_accessible(page)


def test_wrong_password_shows_the_error_summary_and_moves_focus_to_it(page, pwp):
    # Given I am on the sign-in page
    page.goto("/account/sign-in/")

    # When I sign in with the wrong password
    page.get_by_label("Username").fill(pwp.username)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()

    # Then the error summary explains the problem and has the focus, and the title says there is an error
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter a correct username and password")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    # And the username I typed is kept, the password is not
    expect(page.get_by_label("Username")).to_have_value(pwp.username)
    expect(page.get_by_label("Password")).to_have_value("")
    assert_accessible(page)


def test_home_page_after_sign_in(signed_in_page, referral):
    page = signed_in_page

    # Then I see my caseload and my teams, and the header names me and my role
    expect(page).to_have_title("Home – Step Two")
    expect(page.get_by_role("link", name="My caseload")).to_be_visible()
    expect(page.get_by_role("link", name="Add a patient")).to_be_visible()
    expect(page.locator(".nhsuk-header")).to_contain_text("Priya Shah")
    assert_accessible(page)
