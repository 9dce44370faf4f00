"""A service manager reads last month's data-quality report, follows a check to a referral record, and
downloads the month's data-set files."""

import datetime
import re
import zipfile

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from steptwo.referrals.models import Referral
from steptwo.tests import builders
from steptwo.tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.browser


def test_manager_reads_the_report_follows_a_referral_and_downloads_the_files(
    sign_in, manager, team, pwp, patient, tmp_path
):
    last_month = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    referral = builders.make_referral(patient, team, pwp, received_date=last_month.replace(day=2))
    Referral.objects.filter(pk=referral.pk).update(source="Z9")  # as an import from another system might leave it
    label = f"{last_month:%B %Y}"
    page = sign_in(manager)

    # Given I open the data-quality report: last month is shown, with a summary of the checks
    page.goto("/data-set/quality/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Data quality: {label}")
    summary = page.get_by_role("table", name=f"Checks for {label}")
    expect(summary.get_by_role("row").filter(has_text="Source of referral missing or invalid")).to_contain_text("1")
    assert_accessible(page)

    # When I choose the month again from the list and show the report
    page.get_by_label("Reporting month").select_option(label=label)
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Data quality: {label}")

    # Then the check links to its section, which links to the referral record
    page.get_by_role("link", name="Source of referral missing or invalid").click()
    section = page.get_by_role("table", name="Source of referral missing or invalid")
    expect(section.get_by_role("caption")).to_have_text("Source of referral missing or invalid: 1 referral")
    section.get_by_role("link", name="Alex Example").click()
    expect(page).to_have_url(re.compile(rf"/referrals/{referral.pk}/$"))

    # When I go to the download page from the report
    page.go_back()
    page.get_by_role("link", name=f"Download the data-set files for {label}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Download the data-set files")
    assert_accessible(page)

    # Then downloading gives a zip of the seven files
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the files").click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        assert "IDS101Referral.csv" in archive.namelist()
        assert "Z9" in archive.read("IDS101Referral.csv").decode()
