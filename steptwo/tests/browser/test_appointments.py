"""Booking an appointment, recording its outcome, and the diary."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from steptwo.appointments.codes import AppType
from steptwo.appointments.tests.make import book, local
from steptwo.tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.browser


def test_booking_form_explains_errors_and_books(signed_in_page, referral):
    page = signed_in_page
    day = timezone.localdate() + datetime.timedelta(days=7)

    # Given I open the booking form for the referral
    page.goto(f"/appointments/book/{referral.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Book an appointment")
    assert_accessible(page)

    # When I give a time that is not on the 24-hour clock and leave the date out
    page.get_by_label("Time", exact=True).fill("2pm")
    page.get_by_role("button", name="Book appointment").click()

    # Then I am told what to fix, and what I typed is kept
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Enter the date of the appointment")
    expect(summary).to_contain_text("Time must be in the 24-hour clock with hours and minutes, like 09:30 or 14:00")
    expect(page.get_by_label("Time", exact=True)).to_have_value("2pm")
    assert_accessible(page)

    # When I put it right and book
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Time", exact=True).fill("14:00")
    page.get_by_label("Telephone").check()
    page.get_by_role("button", name="Book appointment").click()

    # Then I am on the referral, told it is booked
    expect(page.get_by_role("heading", level=1)).to_have_text("Referral received 1 October 2026")
    expect(page.get_by_role("status")).to_contain_text("Assessment appointment booked for")


def test_recording_an_outcome_from_the_diary(signed_in_page, pwp, referral):
    page = signed_in_page
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    book(referral, by=pwp, starts_at=local(yesterday, 9, 30), minutes=60, app_type=AppType.ASSESSMENT)

    # Given yesterday's diary shows the appointment needs an outcome
    page.goto(f"/appointments/diary/?date={yesterday.isoformat()}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{yesterday.day} {yesterday:%B %Y}")
    expect(page.get_by_role("table")).to_contain_text("Outcome needed")
    assert_accessible(page)

    # When I record that the patient did not attend
    page.get_by_role("link", name="Record outcome for Alex Example at 9:30am").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record the outcome of the appointment")
    assert_accessible(page)
    page.get_by_label("Did not attend (no advance warning)").check()
    page.get_by_role("button", name="Save outcome").click()

    # Then I am back in the diary, which shows it
    expect(page.get_by_role("status")).to_contain_text("Outcome recorded: Did not attend (no advance warning)")
    expect(page.get_by_role("table")).to_contain_text("Did not attend (no advance warning)")


def test_outcome_form_refuses_attendance_before_the_appointment(signed_in_page, pwp, referral):
    page = signed_in_page
    appointment = book(
        referral, by=pwp, starts_at=local(timezone.localdate() + datetime.timedelta(days=2), 9), app_type="01"
    )

    page.goto(f"/appointments/{appointment.pk}/outcome/")
    page.get_by_label("Attended", exact=True).check()
    page.get_by_role("button", name="Save outcome").click()

    expect(page.locator(".nhsuk-error-summary")).to_contain_text("once it has started")
    expect(page.get_by_label("Attended", exact=True)).to_be_checked()
    assert_accessible(page)


def test_diary_day_and_week_views(signed_in_page, pwp, referral):
    page = signed_in_page
    monday = datetime.date(2026, 11, 23)
    book(referral, by=pwp, starts_at=local(monday + datetime.timedelta(days=2), 11), app_type=AppType.ASSESSMENT)

    # Given the diary on the Wednesday
    page.goto("/appointments/diary/?date=2026-11-25")
    expect(page.get_by_role("heading", level=1)).to_have_text("Wednesday 25 November 2026")
    expect(page.get_by_role("table")).to_contain_text("11:00am to 11:30am")
    assert_accessible(page)

    # When I go to the next day, there is nothing booked
    page.get_by_role("link", name="Next day").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thursday 26 November 2026")
    expect(page.get_by_text("No appointments.")).to_be_visible()

    # When I look at the whole week
    page.get_by_role("link", name="Week view").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Week beginning Monday 23 November 2026")
    expect(page.get_by_role("heading", level=2, name="Wednesday 25 November 2026")).to_be_visible()
    expect(page.get_by_role("table")).to_have_count(1)
    assert_accessible(page)
