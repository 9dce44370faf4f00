"""The partial the patient record includes for each referral: its appointments and what can be done."""

import re

import pytest
from django.template.loader import get_template

from steptwo.accounts.models import Role
from steptwo.appointments.codes import AppType, AttendOrDNACode
from steptwo.appointments.tests.make import assess, attend, book, days_from_now, discharge
from steptwo.referrals.models import Referral

pytestmark = pytest.mark.django_db


def render(referral, user):
    referral = Referral.objects.prefetch_related("appointments__practitioner").get(pk=referral.pk)
    return get_template("appointments/_referral_appointments.jinja").render({"referral": referral, "user": user})


def session_column(html):
    cells = re.findall(r'nhsuk-table__cell--numeric">([^<]*)</td>', html)
    return [cell.strip() for cell in cells]


def test_numbers_attended_treatment_sessions_only(pwp, referral):
    attend(book(referral, by=pwp, starts_at=days_from_now(-20), app_type=AppType.ASSESSMENT), by=pwp)
    assess(referral, by=pwp)
    attend(book(referral, by=pwp, starts_at=days_from_now(-13)), by=pwp)
    attend(book(referral, by=pwp, starts_at=days_from_now(-6)), by=pwp, attendance=AttendOrDNACode.DID_NOT_ATTEND)
    attend(book(referral, by=pwp, starts_at=days_from_now(-5)), by=pwp)
    discharge(referral, by=pwp)
    attend(book(referral, by=pwp, starts_at=days_from_now(-1), app_type=AppType.FOLLOW_UP), by=pwp)

    html = render(referral, pwp)

    assert session_column(html) == ["", "1", "", "2", ""]
    assert "Follow-up (after discharge)" in html
    assert len(re.findall(r'href="/treatment/note/\d+/"', html)) == 2  # the attended treatment sessions


def test_booking_staff_record_outcomes_but_not_session_notes(staff_in_role, pwp, referral):
    assess(referral, by=pwp)
    session = attend(book(referral, by=pwp, starts_at=days_from_now(-1)), by=pwp)

    html = render(referral, staff_in_role(Role.ADMIN_STAFF))

    assert f'href="/appointments/{session.pk}/outcome/"' in html
    assert "/treatment/note/" not in html


def test_shows_outcome_needed_and_actions_for_bookers(pwp, referral):
    past = book(referral, by=pwp, starts_at=days_from_now(-1), app_type=AppType.ASSESSMENT)

    html = render(referral, pwp)

    assert "Outcome needed" in html
    assert f'href="/appointments/{past.pk}/outcome/"' in html
    assert f'href="/appointments/book/{referral.pk}/"' in html
    assert f'href="/appointments/unplanned/{referral.pk}/"' in html


def test_no_actions_for_staff_who_cannot_book(staff_in_role, pwp, referral):
    book(referral, by=pwp, starts_at=days_from_now(2), app_type=AppType.ASSESSMENT)

    html = render(referral, staff_in_role(Role.SERVICE_MANAGER))

    assert "Booked" in html
    assert "/appointments/book/" not in html
    assert "/outcome/" not in html


def test_says_when_there_are_none(pwp, referral):
    assert "No appointments for the referral received 1 October 2026." in render(referral, pwp)


@pytest.mark.parametrize("count", [1, 5])
def test_rendering_needs_no_queries_once_prefetched(pwp, referral, count, django_assert_num_queries):
    for n in range(count):
        book(referral, by=pwp, starts_at=days_from_now(n + 1), app_type=AppType.ASSESSMENT)
    referral = Referral.objects.prefetch_related("appointments__practitioner").get(pk=referral.pk)
    pwp.has_perm("appointments.book_appointment")  # permissions are cached on the user

    with django_assert_num_queries(0):
        get_template("appointments/_referral_appointments.jinja").render({"referral": referral, "user": pwp})
