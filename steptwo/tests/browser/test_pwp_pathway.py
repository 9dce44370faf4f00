"""One patient's whole step 2 pathway, as the people involved do it, with axe on every page on the way:
self-referral, triage, assessment with a risk assessment, four treatment contacts with measures (one
missed), discharge with letters to the GP and the patient."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from steptwo.referrals.models import IncomingReferral, Referral
from steptwo.tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.browser

PHQ9_BY_SESSION = {1: "222222111", 2: "111111110", 3: "111100000"}  # totals 15, 8, 4
GAD7_BY_SESSION = {1: "2222111", 2: "1111110", 3: "1110000"}  # totals 11, 6, 3


def answer(page, question, choice):
    page.get_by_role("group", name=question).get_by_label(choice, exact=True).check()


def fill_date(page, group, day):
    dates = page.get_by_role("group", name=group)
    dates.get_by_label("Day").fill(str(day.day))
    dates.get_by_label("Month").fill(str(day.month))
    dates.get_by_label("Year").fill(str(day.year))


def refer_myself(page):
    page.goto("/self-referral/")
    assert_accessible(page)
    page.get_by_label("First name").fill("Jordan")
    page.get_by_label("Last name").fill("Testcase")
    fill_date(page, "Date of birth", datetime.date(1990, 4, 2))
    page.get_by_label("Address line 1").fill("2 Test Street")
    page.get_by_label("Postcode").fill("NE9 9ZZ")
    page.get_by_label("Mobile phone number (optional)").fill("07700 900983")
    page.get_by_label("Your GP practice").fill("Riverside Surgery")
    page.get_by_label("3 to 12 months").check()
    page.get_by_label("What would you like help with?").fill("Low mood, staying in bed, seeing nobody")
    page.get_by_role("button", name="Send my referral").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Referral sent")
    assert_accessible(page)


def book(page, referral, day, *, app_type, minutes):
    page.goto(f"/referrals/{referral.pk}/")
    page.get_by_role("button", name="Book an appointment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Book an appointment")
    fill_date(page, "Date", day)
    page.get_by_label("Time", exact=True).fill("10:00")
    page.get_by_label("Length in minutes").fill(str(minutes))
    page.get_by_label(app_type, exact=True).check()
    page.get_by_label("Telephone").check()
    assert_accessible(page)
    page.get_by_role("button", name="Book appointment").click()
    expect(page.get_by_role("status")).to_contain_text("appointment booked for")


def record_outcome(page, outcome):
    page.get_by_role("link", name="Record outcome").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the outcome of the appointment")
    page.get_by_label(outcome, exact=True).check()
    assert_accessible(page)
    page.get_by_role("button", name="Save outcome").click()
    expect(page.get_by_role("status")).to_contain_text(f"Outcome recorded: {outcome}")
    assert_accessible(page)


def type_scores(page, first_label, digits):
    page.get_by_label(first_label).focus()
    for digit in digits:
        page.keyboard.type(digit)
        page.keyboard.press("Tab")


def treatment_session(page, number):
    """The note for an attended session, with PHQ-9 and GAD-7 recorded for it."""
    page.get_by_role("link", name="Session note").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Session {number} note")
    page.get_by_role("link", name="Record measures for this session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record questionnaires")
    type_scores(page, "1. Little interest or pleasure in doing things", PHQ9_BY_SESSION[number])
    page.keyboard.press("Tab")  # the unscored difficulty question
    type_scores(page, "1. Feeling nervous, anxious or on edge", GAD7_BY_SESSION[number])
    assert_accessible(page)
    page.get_by_role("button", name="Save questionnaires").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Questionnaires saved")
    assert_accessible(page)
    page.get_by_role("link", name="Back to the session note").click()
    page.get_by_label("Behavioural activation (Guided self-help (book))").check()
    page.get_by_label("Work done in the session").fill(f"Session {number}: reviewed the activity diary")
    assert_accessible(page)
    page.get_by_role("button", name="Finalise").click()
    expect(page.get_by_role("status")).to_contain_text("final")


def assess(page, referral):
    page.goto(f"/referrals/{referral.pk}/")
    page.get_by_role("link", name="Start the assessment").click()
    page.get_by_role("group", name="Which appointment is this assessment for?").get_by_role("radio").first.check()
    page.get_by_role("button", name="Start the assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Assessment")
    page.get_by_label("Problem statement").fill("Low mood since losing my job: I stay in bed and see no one")
    page.get_by_label("What happens").fill("Stays in bed until midday")
    page.get_by_label("Goal 1 (optional)", exact=True).fill("Walk to the park three times a week")
    page.get_by_label("Rating for goal 1 now, from 0 to 10").fill("2")
    answer(page, "Is the patient prescribed psychotropic medication?", "Not prescribed")
    answer(page, "What is the patient's employment status?", "Unemployed and seeking work")
    assert_accessible(page)
    page.get_by_role("button", name="Go to the decision").click()

    page.get_by_role("link", name="Record a risk assessment").click()
    answer(page, "Does the patient have thoughts of ending their life?", "No")
    for question in [
        "Have they ever attempted or prepared to end their life?", "Do they feel hopeless about the future?",
        "Is there a risk that they neglect themselves?", "Is there a risk to other people?",
        "Is the patient at risk from other people (a safeguarding concern)?",
    ]:  # fmt: skip
        answer(page, question, "No")
    answer(page, "Overall risk level", "Low")
    page.get_by_label("Risk management plan").fill("Crisis numbers given; review risk at every session")
    assert_accessible(page)
    page.get_by_role("button", name="Save risk assessment").click()
    expect(page.get_by_role("status")).to_contain_text("Risk assessment recorded: low risk")

    page.get_by_role("button", name="Go to the decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Assessment decision")
    answer(page, "What did you and the patient decide?", "Treat at step 2")
    page.get_by_label("Behavioural activation").check()
    page.get_by_label("Reason for the decision").fill("Chose behavioural activation for low mood")
    assert_accessible(page)
    page.get_by_role("button", name="Complete the assessment").click()
    expect(page.get_by_role("status")).to_contain_text("In step 2 treatment")
    assert_accessible(page)


def test_a_patient_from_self_referral_to_discharge(page, sign_in, pwp, team):
    today = timezone.localdate()
    # Given someone refers themselves: the referral reached the service five weeks ago
    refer_myself(page)
    IncomingReferral.objects.update(received_date=today - datetime.timedelta(days=35))

    # When a PWP triages it onto their team's waiting list
    sign_in(pwp)
    page.goto("/intake/")
    assert_accessible(page)
    page.get_by_role("link", name="TESTCASE, Jordan").click()
    assert_accessible(page)
    page.get_by_label("Team").first.select_option(label=team.name)
    page.get_by_role("button", name="Accept as a new patient").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jordan Testcase")
    assert_accessible(page)
    referral = Referral.objects.get(patient__family_name="Testcase")

    # And assesses them by phone four weeks ago, with a risk assessment, deciding to treat
    book(page, referral, today - datetime.timedelta(days=28), app_type="Assessment", minutes=60)
    record_outcome(page, "Attended")
    assess(page, referral)

    # And sees them for four treatment sessions, one of them missed, with measures at each attended one
    for number, weeks_ago in enumerate((3, 2, 1, 0), start=1):
        day = today - datetime.timedelta(weeks=weeks_ago, days=1)
        book(page, referral, day, app_type="Treatment", minutes=30)
        missed = number == 2
        record_outcome(page, "Did not attend (no advance warning)" if missed else "Attended")
        if not missed:
            treatment_session(page, number - (number > 2))

    # Then the referral shows three treatment sessions and a DNA follow-up task
    page.goto(f"/referrals/{referral.pk}/")
    appointments = page.get_by_role("table", name="Appointments for the referral received")
    expect(appointments).to_contain_text("Did not attend")
    assert_accessible(page)
    assert referral.tasks.filter(kind="dna_follow_up").count() == 1

    # When they discharge the patient, having completed treatment
    page.get_by_role("link", name="Discharge this referral").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Discharge")
    assert_accessible(page)
    page.get_by_label("46 – Mutually agreed completion of treatment").check()
    page.get_by_label("Outcome summary").fill("Mood lifted as routine returned")
    page.get_by_label("Warning signs (optional)").fill("Staying in bed late")
    page.get_by_role("button", name="Discharge and create letters").click()
    expect(page.get_by_role("status")).to_contain_text("Jordan Testcase has been discharged")
    assert_accessible(page)

    # Then both letters are stored as PDFs and listed on the referral
    page.goto(f"/referrals/{referral.pk}/")
    letters = page.get_by_role("table", name="Letters for the referral received")
    expect(letters).to_contain_text("Discharge letter to the GP")
    expect(letters).to_contain_text("Discharge letter to the patient")
    assert_accessible(page)
    for link in letters.get_by_role("link", name="Download PDF").all():
        response = page.request.get(link.get_attribute("href"))
        assert response.headers["content-type"] == "application/pdf"
        assert response.body().startswith(b"%PDF")
    referral.refresh_from_db()
    assert (referral.status, referral.discharge.end_code) == ("discharged", "46")
