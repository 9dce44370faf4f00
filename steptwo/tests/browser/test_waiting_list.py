"""A PWP looks at the team's waiting list and narrows it with the filters."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from steptwo.appointments.codes import AppType
from steptwo.appointments.tests.make import book, days_from_now
from steptwo.tests import builders
from steptwo.tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.browser


def test_waiting_list_with_filters(signed_in_page, pwp, service, team, patient):
    page = signed_in_page
    long_wait = builders.make_referral(
        patient, team, pwp, received_date=timezone.localdate() - datetime.timedelta(days=60)
    )
    book(long_wait, by=pwp, starts_at=days_from_now(3), app_type=AppType.ASSESSMENT)
    newcomer = builders.make_patient(service, pwp, nhs_number="9999999999", given_name="Nia", family_name="Newman")
    builders.make_referral(newcomer, team, pwp, practitioner=None, received_date=timezone.localdate())

    # Given I open my team's waiting list
    page.goto("/waiting-list/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Waiting list")
    table = page.get_by_role("table")
    expect(table).to_contain_text("2 referrals waiting, oldest first")
    expect(table.get_by_role("row").nth(1)).to_contain_text("EXAMPLE, Alex")
    expect(table.get_by_role("row").nth(1)).to_contain_text("Breached 6 weeks")
    assert_accessible(page)

    # When I show only referrals nobody has been allocated
    page.get_by_label("PWP").select_option(label="Not allocated")
    page.get_by_role("button", name="Show waiting list").click()

    # Then only the newcomer is listed, and the filter keeps its choice
    expect(table).to_contain_text("1 referral waiting")
    expect(table.get_by_role("link", name="NEWMAN, Nia")).to_be_visible()
    expect(page.get_by_label("PWP")).to_have_value("none")
    assert_accessible(page)

    # When I also ask for those waiting for treatment only
    page.get_by_label("Treatment").check()
    page.get_by_role("button", name="Show waiting list").click()

    # Then nobody matches, and I am told so
    expect(page.get_by_text("No referrals are waiting that match these filters.")).to_be_visible()
    assert_accessible(page)
