"""A PWP looks at a referral's progress: charts, their tables, the item-by-item answers, and the FHIR download."""

import datetime
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from steptwo.measures import services
from steptwo.measures.models import CompletedBy
from steptwo.tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def phq9(level, q9=0):
    return {f"q{n}": level for n in range(1, 9)} | {"q9": q9, "difficulty": level}


@pytest.fixture
def treated(pwp, referral):
    """Six weekly sessions: PHQ-9 falls from 24 to 8, GAD-7 from 21 to 7."""
    for week, (phq9_level, gad7_level) in enumerate([(3, 3), (3, 2), (2, 2), (2, 2), (1, 1), (1, 1)]):
        when = datetime.datetime(2026, 10, 5, 10, tzinfo=datetime.UTC) + datetime.timedelta(weeks=week)
        completed_by = CompletedBy.PATIENT_REMOTELY if week % 2 else CompletedBy.CLINICIAN_IN_SESSION
        for instrument_id, answers in (
            ("phq9", phq9(phq9_level)),
            ("gad7", {f"q{n}": gad7_level for n in range(1, 8)}),
        ):
            services.record_response(
                by=None if week % 2 else pwp, referral=referral, instrument_id=instrument_id, answers=answers,
                completed_by=completed_by, completed_at=when,
            )  # fmt: skip
    return referral


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_progress_page_charts_tables_and_fhir_download(signed_in_page, treated):
    page = signed_in_page

    # When I open the referral's progress page
    page.goto(f"/measures/referral/{treated.pk}/progress/")

    # Then each measure has a chart (an image named by its title and summary), its data table and the answers
    # by question
    expect(page.get_by_role("heading", level=1)).to_have_text("Progress")
    chart = page.get_by_role("img", name="PHQ-9 total by date completed")
    expect(chart).to_be_visible()
    expect(chart).to_have_accessible_name(
        "PHQ-9 total by date completed First: 24 (severe) on 5 October 2026. Latest: 8 (mild) on 9 November 2026. Change: −16 over 6 responses. "
        "The dashed line marks caseness at 10 or above."
    )
    expect(page.get_by_role("table", name="PHQ-9 totals, oldest first. Caseness ≥ 10")).to_contain_text("−16")
    expect(page.get_by_role("region", name="GAD-7 answers, question by question")).to_be_visible()
    expect(page.get_by_text("This is a reliable improvement").first).to_be_visible()
    assert_accessible(page)

    # When I download the FHIR file
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download FHIR (JSON)").click()

    # Then it is a Bundle with the patient, and a response and a total for each of the 12 questionnaires
    download = download_info.value
    assert download.suggested_filename == f"steptwo-patient-{treated.patient.pk}-questionnaires.fhir.json"
    bundle = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert (bundle["type"], len(bundle["entry"])) == ("collection", 1 + 12 * 2)


def test_progress_page_fits_a_phone(signed_in_page, treated):
    page = signed_in_page

    # When I open the progress page on a phone
    page.set_viewport_size(PHONE)
    page.goto(f"/measures/referral/{treated.pk}/progress/")

    # Then the charts shrink to fit, wide tables scroll in their own box, and the page never scrolls sideways
    chart = page.get_by_role("img", name="GAD-7 total by date completed")
    expect(chart).to_be_visible()
    assert chart.bounding_box()["width"] <= PHONE["width"]
    assert no_sideways_scroll(page)
    assert_accessible(page)
