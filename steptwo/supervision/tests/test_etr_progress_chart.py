"""The expected-response band on the progress chart, its text description and its table (ADR 0010)."""

import re
from decimal import Decimal

import pytest

from steptwo.measures import charts
from steptwo.measures.charts import Expected, Point
from steptwo.supervision import etr_build
from steptwo.supervision.models import SupervisionSettings
from steptwo.supervision.tests.etr_history import course


def chart(points, expected):
    svg = charts.line_chart(
        chart_id="chart-phq9", title="PHQ-9", description="Text.", points=points, y_min=0, y_max=27, expected=expected
    )
    return str(svg)


def test_band_is_drawn_as_steps_across_each_points_slot_with_a_legend():
    # Three slots of 290 / 3 across x 40-330; y = 260 - value / 27 × 230 (17 → 115.2, 15 → 132.2, 14 → 140.7).
    svg = chart(
        [Point("1 Oct", 18, "S0"), Point("8 Oct", 16, "S1"), Point("15 Oct", 18, "S2")],
        Expected((None, (Decimal(15), Decimal(17)), (Decimal(14), Decimal(17))), notes=("Built from synthetic data",)),
    )

    assert '<polyline class="app-chart__boundary" points="136.7,115.2 233.3,115.2 233.3,115.2 330.0,115.2"' in svg
    assert '<polyline class="app-chart__expected" points="136.7,132.2 233.3,132.2 233.3,140.7 330.0,140.7"' in svg
    assert svg.count('class="app-chart__expected-range"') == 1
    assert svg.index("app-chart__expected-range") < svg.index("app-chart__point")  # behind the patient's line
    assert 'viewBox="0 0 480 388"' in svg  # four rows of 22: session labels, the key, what S0 means, one note
    assert ">S0</text>" in svg and ">S2</text>" in svg
    assert ">Expected (median)</text>" in svg and ">Not-on-track boundary</text>" in svg
    assert ">S0, S1, S2 …: treatment sessions attended by then</text>" in svg
    assert ">Built from synthetic data</text>" in svg


def test_points_without_a_curve_split_the_band():
    band = (Decimal(15), Decimal(17))
    svg = chart([Point(str(n), 16) for n in range(4)], Expected((band, None, band, band)))

    assert svg.count('class="app-chart__expected-range"') == 2
    assert "synthetic" not in svg


def page(client, referral):
    return client.get(f"/measures/referral/{referral.pk}/progress/").content.decode()


def progress(client, referral):
    """The page's text without tags."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page(client, referral)))


# The starter table (synthetic) for PHQ-9 moderately severe (15-19): session 2 expected 14, boundary 17.
@pytest.mark.parametrize(("latest", "verdict"), [(18, "Not on track"), (17, "On track")])
def test_progress_page_judges_the_latest_score_against_the_synthetic_starter(
    pwp_client, patient, team, pwp, latest, verdict
):
    referral = course(patient, team, pwp, intake=17, sessions=[16, latest], discharged=False)

    text = progress(pwp_client, referral)

    assert (
        f"{verdict}: the latest PHQ-9 score, {latest} after 2 treatment sessions, is "
        f"{'above' if latest == 18 else 'not above'} the not-on-track boundary of 17 for people starting in the "
        "moderately severe (15 to 19) band (expected: 14). The expected response is built from synthetic data."
    ) in text
    assert (
        "PHQ-9 against the expected response for people starting in the moderately severe (15 to 19) band, "
        "built from synthetic data"
    ) in text
    assert f"Treatment session 2 Score {latest} Expected (median) 14 Not-on-track boundary 17" in text
    assert "The shaded range shows the expected response at each treatment session" in text


@pytest.fixture
def own_curves(service, patient, team, pwp):
    """The service's own PHQ-9 curves, used from 3 episodes: three finished courses starting severe (20-27).
    Session 2 scores 14 19 24 → expected 19, boundary 24 (nearest rank 3 of 3); no other band has a curve."""
    for slot, (intake, sessions) in enumerate([(24, [22, 19]), (21, [18, 14]), (26, [25, 24])]):
        course(patient, team, pwp, intake=intake, sessions=sessions, slot=slot)
    etr_build.rebuild(by=None, service=service, minimum=3)
    SupervisionSettings.objects.create(service=service, etr_minimum_episodes=3)


def test_progress_page_uses_the_services_own_curves_once_it_has_enough_episodes(
    pwp_client, own_curves, patient, team, pwp
):
    referral = course(patient, team, pwp, intake=24, sessions=[22, 25], slot=4, discharged=False)

    text = progress(pwp_client, referral)

    assert (
        "Not on track: the latest PHQ-9 score, 25 after 2 treatment sessions, is above the not-on-track boundary "
        "of 24 for people starting in the severe (20 to 27) band (expected: 19)."
    ) in text
    assert "synthetic data" not in text


def test_no_band_once_the_referral_has_left_treatment(pwp_client, patient, team, pwp):
    referral = course(patient, team, pwp, intake=17, sessions=[16, 18])

    html = page(pwp_client, referral)

    assert "expected response" not in html and "app-chart__expected" not in html


def test_intake_below_caseness_has_no_expected_response(pwp_client, patient, team, pwp):
    referral = course(patient, team, pwp, intake=8, sessions=[9, 12], discharged=False)

    text = progress(pwp_client, referral)

    assert "The first PHQ-9 score, 8, is below caseness, so there is no expected response to compare with." in text
    assert "Above the boundary" not in text


def test_a_band_without_a_curve_says_so(pwp_client, own_curves, patient, team, pwp):
    referral = course(patient, team, pwp, intake=12, sessions=[12, 13], slot=4, discharged=False)

    text = progress(pwp_client, referral)

    assert (
        "There is no expected-response curve yet for people starting in the moderate (10 to 14) band: too few "
        "finished episodes started there."
    ) in text
