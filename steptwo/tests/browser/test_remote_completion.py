"""Remote completion on a phone: staff make a link, the patient completes it signed out, once."""

import re

import pytest
from playwright.sync_api import expect

from steptwo.accounts.models import Role
from steptwo.measures import instruments
from steptwo.tests import builders
from steptwo.tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
CRISIS_TEXT = "Call the Northshire crisis line on 0800 000 0000, any time.\nIn an emergency call 999."


@pytest.fixture
def browser_context_args(browser_context_args):
    """Every page in these tests is phone-sized."""
    return browser_context_args | PHONE


@pytest.fixture
def patient_page(new_context, base_url):
    """A separate browser (no cookies, never signed in), limited to the live server like the staff one."""
    context = new_context()
    context.set_default_timeout(5_000)
    context.route(re.compile(rf"^(?!{re.escape(base_url)}/)"), lambda route: route.abort())
    return context.new_page()


def answer(page, instrument_id, item_id, option):
    instrument = instruments.get(instrument_id)
    item = instrument.item(item_id)
    legend = f"{item.number}. {item.text}" + ("" if item.required else " (optional)")
    page.get_by_role("group", name=legend, exact=True).get_by_label(option, exact=True).check()


def answer_all(page, leave_out=()):
    for item in instruments.get("phq9").items:
        if ("phq9", item.id) not in leave_out:
            answer(page, "phq9", item.id, "Several days" if item.scored else "Somewhat difficult")
    for item in instruments.get("gad7").items:
        if ("gad7", item.id) not in leave_out:
            answer(page, "gad7", item.id, "Not at all")


def create_link(page, referral):
    page.goto(f"/measures/referrals/{referral.pk}/questionnaire-links/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Questionnaire links")
    assert_accessible(page)
    page.get_by_role("link", name="Send questionnaires").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Send questionnaires")
    assert_accessible(page)
    page.get_by_label("PHQ-9 (Patient Health Questionnaire-9)").check()
    page.get_by_label("GAD-7 (Generalised Anxiety Disorder Assessment-7)").check()
    expect(page.get_by_label("Days until the link expires")).to_have_value("7")
    page.get_by_role("button", name="Create link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Link created")


def test_patient_completes_a_remote_request_on_a_phone(signed_in_page, patient_page, service, referral):
    service.crisis_text = CRISIS_TEXT
    service.save()
    page = signed_in_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])

    # Given I have made a link for PHQ-9 and GAD-7, and copied it
    create_link(page, referral)
    expect(page.get_by_text("You cannot see this link again")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("status")).to_have_text("Link copied")
    link = page.evaluate("navigator.clipboard.readText()")
    assert re.fullmatch(r"http://[^/]+/q/[A-Za-z0-9_-]{43}/", link)
    expect(page.get_by_label("Link to the questionnaires")).to_have_value(link)
    page.get_by_role("link", name="Questionnaire links for this referral").click()
    expect(page.get_by_role("table", name="Links waiting for the patient")).to_contain_text("PHQ-9, GAD-7")
    expect(page.get_by_role("button", name=re.compile(r"^Cancel link created"))).to_be_visible()
    assert_accessible(page)

    # When the patient opens it on their phone, signed out
    patient = patient_page
    patient.goto(link)

    # Then they see the questionnaires from the service, and where to get help now
    expect(patient.get_by_role("heading", level=1)).to_have_text("Questionnaires from Northshire Talking Therapies")
    expect(patient.get_by_text("Call the Northshire crisis line on 0800 000 0000, any time.")).to_be_visible()
    expect(patient.get_by_text("Alex")).to_have_count(0)
    assert_accessible(patient)

    # When they send their answers with one question left out
    answer_all(patient, leave_out={("gad7", "q4")})
    patient.get_by_role("button", name="Send my answers").click()

    # Then the error summary names the question, and their other answers are still there
    summary = patient.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()
    expect(patient).to_have_title(re.compile(r"^Error: Questionnaires from"))
    expect(summary.get_by_role("link")).to_have_text(["Answer question 4 of GAD-7"])
    q9 = patient.get_by_role("group", name=re.compile(r"^9\. Thoughts that you would be better off dead"))
    expect(q9.get_by_label("Several days")).to_be_checked()
    assert_accessible(patient)
    summary.get_by_role("link", name="Answer question 4 of GAD-7").click()
    expect(patient.get_by_role("group", name="4. Trouble relaxing").get_by_label("Not at all")).to_be_focused()

    # When they answer it and send
    answer(patient, "gad7", "q4", "Not at all")
    patient.get_by_role("button", name="Send my answers").click()

    # Then they are thanked and, because they answered PHQ-9 question 9 above 0, shown where to get help now
    expect(patient.get_by_role("heading", level=1)).to_have_text("Your answers have been sent")
    callout = patient.locator(".nhsuk-card--warning")
    expect(callout.get_by_role("heading")).to_contain_text("If you need help now")
    expect(callout).to_contain_text("Call the Northshire crisis line on 0800 000 0000, any time.")
    assert_accessible(patient)

    # When they open the link again, it has been used
    patient.goto(link)
    expect(patient.get_by_role("heading", level=1)).to_have_text("You have already completed these questionnaires")
    assert_accessible(patient)

    # And the link is listed as completed for staff
    page.goto(f"/measures/referrals/{referral.pk}/questionnaire-links/")
    expect(page.get_by_role("table", name="Completed links")).to_contain_text("PHQ-9, GAD-7")
    assert_accessible(page)


def test_a_link_that_does_not_work_has_a_clear_page(patient_page):
    patient_page.goto("/q/not-a-real-token/")

    expect(patient_page.get_by_role("heading", level=1)).to_have_text("This link no longer works")
    expect(patient_page.get_by_text("call NHS 111")).to_be_visible()
    assert_accessible(patient_page)


def test_service_manager_changes_the_crisis_text(sign_in, service):
    page = sign_in(builders.make_staff(service, Role.SERVICE_MANAGER, first_name="Sam"))

    page.goto("/service/crisis-text/")
    assert_accessible(page)
    page.get_by_label("Crisis text").fill(CRISIS_TEXT)
    page.get_by_role("button", name="Save crisis text").click()

    expect(page.get_by_role("status")).to_contain_text("Crisis text saved")
    expect(page.locator(".nhsuk-card--warning")).to_contain_text("In an emergency call 999.")
    assert_accessible(page)
