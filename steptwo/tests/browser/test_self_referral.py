"""Someone refers themselves on a phone; a clinician triages the referral onto a waiting list."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from steptwo.accounts.models import Role
from steptwo.tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def phone_page(new_context, base_url):
    """A separate, signed-out browser, 375 pixels wide, limited to the live server like the staff one."""
    context = new_context(**PHONE)
    context.set_default_timeout(15_000)
    context.route(re.compile(rf"^(?!{re.escape(base_url)}/)"), lambda route: route.abort())
    reverse("self_referral:index")  # load the URLs (and every view module) now, not within the first page's timeout
    return context.new_page()


def assert_fits_the_screen(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways"


def fill_self_referral(page):
    """A synthetic person with the existing patient's date of birth and postcode, but another name."""
    page.get_by_label("First name").fill("Sam")
    page.get_by_label("Last name").fill("Example")
    date_of_birth = page.get_by_role("group", name="Date of birth")
    date_of_birth.get_by_label("Day").fill("15")
    date_of_birth.get_by_label("Month").fill("6")
    date_of_birth.get_by_label("Year").fill("1985")
    page.get_by_label("Address line 1").fill("1 Test Street")
    page.get_by_label("Postcode").fill("NE1 4XX")
    page.get_by_label("Mobile phone number (optional)").fill("07700 900982")
    page.get_by_label("Text messages").check()
    page.get_by_label("Your GP practice").fill("Riverside Surgery")
    page.get_by_label("3 to 12 months").check()


def test_self_referral_on_a_phone_then_triage_onto_the_waiting_list(phone_page, sign_in, pwp, service, team, patient):
    page = phone_page

    # Given I open the self-referral form on a phone (the only service, so straight to its form)
    page.goto("/self-referral/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Refer yourself to {service.name}")
    expect(page.get_by_role("heading", name="If you need help now")).to_be_visible()
    assert_fits_the_screen(page)
    assert_accessible(page)

    # When I send it without saying what I would like help with
    fill_self_referral(page)
    page.get_by_role("button", name="Send my referral").click()

    # Then I am told what is missing, and what I typed is still there
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Enter what you would like help with")
    expect(page.get_by_label("First name")).to_have_value("Sam")
    expect(page.get_by_role("group", name="Date of birth").get_by_label("Year")).to_have_value("1985")
    expect(page.get_by_label("Text messages")).to_be_checked()
    expect(page.get_by_label("3 to 12 months")).to_be_checked()
    summary.get_by_role("link", name="Enter what you would like help with").click()
    expect(page.get_by_label("What would you like help with?")).to_be_focused()
    assert_fits_the_screen(page)
    assert_accessible(page)

    # When I fill it in and send again
    page.get_by_label("What would you like help with?").fill("Worrying all the time and not sleeping")
    page.get_by_role("button", name="Send my referral").click()

    # Then I see my reference, and nothing else about me
    expect(page.get_by_role("heading", level=1)).to_have_text("Referral sent")
    reference = re.search(r"SR-[A-Z0-9]{6}", page.locator("main").inner_text()).group(0)
    for personal in ("Example", "07700 900982", "Riverside Surgery"):
        expect(page.locator("main")).not_to_contain_text(personal)
    assert_fits_the_screen(page)
    assert_accessible(page)

    # When a clinician opens the triage queue
    staff = sign_in(pwp)
    staff.goto("/intake/")
    expect(staff.get_by_role("heading", level=1)).to_have_text("Referrals to triage (1)")
    expect(staff.get_by_role("table")).to_contain_text(reference)
    assert_accessible(staff)

    # Then the referral is shown beside the existing patient it might be, with the differences in words
    staff.get_by_role("link", name="EXAMPLE, Sam").click()
    expect(staff.get_by_role("heading", level=1)).to_have_text("Triage: Sam Example")
    comparison = staff.get_by_role("table", name="The referral compared with Alex Example's record")
    name_row = comparison.get_by_role("row").filter(has=staff.get_by_role("rowheader", name="Name"))
    expect(name_row).to_contain_text("Sam Example")
    expect(name_row).to_contain_text("Alex Example")
    expect(name_row).to_contain_text("Different")
    postcode_row = comparison.get_by_role("row").filter(has=staff.get_by_role("rowheader", name="Postcode"))
    expect(postcode_row).to_contain_text("Same")
    assert_accessible(staff)

    # When they accept Sam as a new patient onto North team's waiting list
    staff.get_by_label("Team").first.select_option(label="North team")
    staff.get_by_role("button", name="Accept as a new patient").click()

    # Then Sam's new record shows the referral waiting for assessment
    expect(staff.get_by_role("heading", level=1)).to_have_text("Sam Example")
    expect(staff.get_by_role("status")).to_contain_text("added as a new patient, on the waiting list of North team")
    expect(staff.locator("main")).to_contain_text("Worrying all the time and not sleeping")
    staff.goto("/intake/")
    expect(staff.get_by_role("heading", level=1)).to_have_text("Referrals to triage (0)")
    assert_accessible(staff)


def test_staff_type_in_a_gp_referral_for_triage(sign_in, staff_in_role):
    reverse("intake:queue")  # load the URLs now, not within the first page's timeout
    page = sign_in(staff_in_role(Role.ADMIN_STAFF))

    # Given I open the form from the triage queue
    page.goto("/intake/")
    page.get_by_role("link", name="Add a referral from a GP or other professional").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a referral from a professional")
    expect(page.get_by_label("Source of referral")).to_have_value("A1")
    assert_accessible(page)

    # When I leave out the reason, I am told, and what I typed is kept
    page.get_by_label("Referrer's name and organisation").fill("Dr A Khan, Riverside Surgery")
    page.get_by_label("First name").fill("Robin")
    page.get_by_label("Last name").fill("Newman")
    date_of_birth = page.get_by_role("group", name="Date of birth")
    date_of_birth.get_by_label("Day").fill("2")
    date_of_birth.get_by_label("Month").fill("3")
    date_of_birth.get_by_label("Year").fill("1990")
    page.get_by_role("button", name="Add to triage queue").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter the reason for referral")
    expect(page.get_by_label("First name")).to_have_value("Robin")
    assert_accessible(page)

    # When I add it and send again, it is in the queue
    page.get_by_label("Reason for referral").fill("Low mood since a bereavement")
    received = page.get_by_role("group", name="Date referral received")
    received_on = timezone.localdate() - datetime.timedelta(days=3)
    received.get_by_label("Day").fill(str(received_on.day))
    received.get_by_label("Month").fill(str(received_on.month))
    received.get_by_label("Year").fill(str(received_on.year))
    page.get_by_role("button", name="Add to triage queue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Referrals to triage (1)")
    expect(page.get_by_role("table")).to_contain_text("NEWMAN, Robin")
