"""Building expected-treatment-response curves, checked against a hand-worked example (ADR 0010)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from steptwo.core.models import AuditAction, AuditEvent
from steptwo.measures.models import Threshold
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import ReferralStatus
from steptwo.referrals.models import ReferralStatusChange
from steptwo.supervision import etr_build
from steptwo.supervision.etr import load_curves
from steptwo.supervision.etr_build import BANDS, Episode, build_points, nearest_rank
from steptwo.supervision.models import EtrCurveSet, SupervisionSettings
from steptwo.supervision.tests.etr_history import course

MODERATELY_SEVERE = BANDS["phq9"][1]


def test_nearest_rank_is_the_value_at_rank_ceiling_p_times_n():
    assert nearest_rank([19, 12, 17, 15, 16], 75) == 17  # ceil(0.75 × 5) = 4th of 12, 15, 16, 17, 19
    assert nearest_rank([10, 12, 17, 7], 75) == 12  # ceil(0.75 × 4) = 3rd of 7, 10, 12, 17
    assert nearest_rank([5], 75) == 5
    assert nearest_rank([1, 2, 3, 4], 100) == 4


def test_bands_start_at_caseness_and_cover_each_range_without_gaps():
    for instrument_id, top in (("phq9", 27), ("gad7", 21)):
        bands = BANDS[instrument_id]
        assert bands[0].low == {"phq9": 10, "gad7": 8}[instrument_id]  # domain §2.1
        assert [band.low for band in bands[1:]] == [band.high + 1 for band in bands[:-1]]
        assert bands[-1].high == top


def test_points_stop_at_the_first_session_fewer_than_the_minimum_reach():
    episodes = [Episode(Decimal(16), (Decimal(15), Decimal(12), Decimal(10)))] * 3 + [
        Episode(Decimal(16), (Decimal(14), Decimal(11)))
    ]

    points = build_points("phq9", episodes, minimum=4)

    assert [(p.session_number, p.episodes) for p in points] == [(1, 4), (2, 4)]  # only 3 reach session 3
    assert points[0].band == MODERATELY_SEVERE


def test_intake_below_every_band_is_left_out():
    assert build_points("phq9", [Episode(Decimal(9), (Decimal(8), Decimal(7)))], minimum=1) == []


@pytest.fixture
def history(service, team, pwp, patient):
    """The hand-worked example: five finished PHQ-9 courses starting moderately severe (15-19), and others
    that must not count.

    Finished (discharged after at least 2 treatment sessions), intake at caseness:
      E1 intake 18, sessions 16, 13, 10
      E2 intake 16, sessions 15, 14, 12
      E3 intake 19, sessions 19, (none: session 1's 19 carries forward), 17
      E4 intake 15, sessions 12, 9 (completed the evening before session 2), 7
      E5 intake 17, sessions 17, 16 (two sessions only)
      E6 intake 12 (moderate band, alone there), sessions 11, 10
    Session 1 scores: 16, 15, 19, 12, 17 → sorted 12 15 16 17 19: median 16; 75th percentile by nearest
      rank = ceil(0.75 × 5) = 4th value = 17.
    Session 2 scores: 13, 14, 19, 9, 16 → sorted 9 13 14 16 19: median 14; 75th percentile = 4th = 16.
    Session 3 scores: 10, 12, 17, 7: four episodes, under the minimum of five, so the curve stops at session 2.
    """
    courses = [
        {"intake": 18, "sessions": [16, 13, 10]},
        {"intake": 16, "sessions": [15, 14, 12]},
        {"intake": 19, "sessions": [19, None, 17]},
        {"intake": 15, "sessions": [12, 9, 7], "evening_before": (2,)},
        {"intake": 17, "sessions": [17, 16]},
        {"intake": 12, "sessions": [11, 10]},
        # Not counted: below caseness at intake; one treatment session only; still in treatment.
        {"intake": 9, "sessions": [19, 19]},
        {"intake": 18, "sessions": [19]},
        {"intake": 18, "sessions": [27, 27], "discharged": False},
    ]
    for slot, kwargs in enumerate(courses):
        course(patient, team, pwp, slot=slot, **kwargs)
    return courses


@pytest.fixture
def elsewhere(other_patient, other_team, other_pwp):
    """A finished course in another service, far off every curve: it must not count here."""
    return course(other_patient, other_team, other_pwp, intake=18, sessions=[27, 27, 27])


def test_finished_episodes_are_the_discharged_courses_at_caseness_with_two_sessions(
    service, history, elsewhere, django_assert_num_queries
):
    with django_assert_num_queries(4):
        episodes = etr_build.finished_episodes(service)

    phq9 = sorted((int(e.intake), [int(s) for s in e.session_scores]) for e in episodes["phq9"])
    assert phq9 == [
        (12, [11, 10]), (15, [12, 9, 7]), (16, [15, 14, 12]), (17, [17, 16]), (18, [16, 13, 10]), (19, [19, 19, 17]),
    ]  # fmt: skip
    assert episodes["gad7"] == []


def test_rebuild_gives_the_hand_worked_curve_and_keeps_the_starter_until_enough_episodes(service, history, elsewhere):
    [phq9, gad7] = etr_build.rebuild(by=None, service=service, minimum=5)

    assert phq9.curve_set.pk and phq9.curve_set.service == service and not phq9.curve_set.synthetic
    assert phq9.curve_set.episodes == 6  # E1-E6: every finished episode in a band
    assert phq9.episodes_per_band == {BANDS["phq9"][0]: 1, MODERATELY_SEVERE: 5, BANDS["phq9"][2]: 0}
    assert [
        (p.band, p.intake_min, p.intake_max, p.session_number, p.expected, p.boundary, p.episodes)
        for p in phq9.curve_set.points.all()
    ] == [
        ("Moderately severe (15 to 19)", 15, 19, 1, Decimal(16), Decimal(17), 5),
        ("Moderately severe (15 to 19)", 15, 19, 2, Decimal(14), Decimal(16), 5),
    ]
    assert (gad7.curve_set.episodes, gad7.points) == (0, [])
    event = AuditEvent.objects.get(detail__etr_rebuild=True)
    assert (event.action, event.service_id, event.detail["episodes"]) == (
        AuditAction.CREATE, service.pk, {"phq9": 6, "gad7": 0},
    )  # fmt: skip


def test_open_cases_just_above_and_at_the_boundary(service, history):
    etr_build.rebuild(by=None, service=service, minimum=5)
    SupervisionSettings.objects.create(service=service, etr_minimum_episodes=6)  # the service's 6 episodes suffice

    curves = load_curves(service)["phq9"]

    assert curves.curve_set.service == service and not curves.synthetic
    # Intake 17 (moderately severe), after 2 treatment sessions: boundary 16.
    assert curves.is_not_on_track(intake_score=17, session_number=2, score=17) is True  # just above
    assert curves.is_not_on_track(intake_score=17, session_number=2, score=16) is False  # exactly at it
    assert curves.is_not_on_track(intake_score=17, session_number=1, score=17) is False  # session 1 boundary 17
    assert curves.is_not_on_track(intake_score=17, session_number=5, score=17) is True  # past the curve: session 2
    assert curves.is_not_on_track(intake_score=12, session_number=2, score=27) is None  # no curve for that band
    assert curves.is_not_on_track(intake_score=17, session_number=0, score=27) is None  # before treatment


def test_service_keeps_the_synthetic_starter_until_it_has_the_minimum_of_episodes(service, history):
    etr_build.rebuild(by=None, service=service, minimum=5)
    SupervisionSettings.objects.create(service=service, etr_minimum_episodes=7)  # one more than it has

    curves = load_curves(service)["phq9"]

    assert curves.curve_set.service is None and curves.synthetic
    # The starter's moderately severe boundary at session 2 is 17 (etr_starter.csv): 17 is not above it.
    assert curves.point(17, 2).boundary == Decimal(17)
    assert curves.is_not_on_track(intake_score=17, session_number=2, score=17) is False


def test_rebuilding_adds_new_sets_and_never_edits_old_ones(service, history):
    [first, _] = etr_build.rebuild(by=None, service=service, minimum=5)
    before = list(first.curve_set.points.values_list("session_number", "expected", "boundary"))

    [second, _] = etr_build.rebuild(by=None, service=service, minimum=2)

    assert second.curve_set.pk != first.curve_set.pk
    assert list(first.curve_set.points.values_list("session_number", "expected", "boundary")) == before
    assert second.curve_set.points.count() > len(before)  # down to 2 episodes a point: sessions 3 too, and E6's band
    assert EtrCurveSet.objects.filter(service=service, instrument_id="phq9").count() == 2


def test_dry_run_saves_nothing_and_is_audited_as_a_view(service, history):
    [phq9, _] = etr_build.rebuild(by=None, service=service, minimum=5, dry_run=True)

    assert phq9.curve_set.pk is None and len(phq9.points) == 2
    assert not EtrCurveSet.objects.filter(service=service).exists()
    event = AuditEvent.objects.get(detail__etr_rebuild=True)
    assert event.action == AuditAction.VIEW and event.detail["dry_run"] is True


def test_sessions_after_a_step_up_are_left_out(service, team, pwp, patient):
    referral = course(patient, team, pwp, intake=18, sessions=[17, 16, 15], discharged=False)
    referrals.change_status(by=pwp, referral=referral, to=ReferralStatus.STEPPED_UP)
    second_session = referral.appointments.order_by("starts_at")[1].starts_at
    # The step-up happened between sessions 2 and 3 (the service layer stamps it now: move it back in time).
    ReferralStatusChange.objects.filter(referral=referral, status=ReferralStatus.STEPPED_UP).update(
        changed_at=second_session + datetime.timedelta(days=1)
    )
    referrals.change_status(by=pwp, referral=referral, to=ReferralStatus.DISCHARGED)

    [episode] = etr_build.finished_episodes(service)["phq9"]

    assert episode.session_scores == (Decimal(17), Decimal(16))


def test_a_changed_caseness_cut_off_applies_from_its_date(service, team, pwp, patient):
    course(patient, team, pwp, intake=10, sessions=[9, 8])
    Threshold.objects.create(
        instrument_id="phq9", caseness_cutoff=11, reliable_change=6, source="test", verified=False,
        effective_from=timezone.localdate() - datetime.timedelta(days=365),
    )  # fmt: skip

    assert etr_build.finished_episodes(service)["phq9"] == []  # 10 is below the cut-off of 11 in force then


def test_other_services_are_never_read(other_service, history):
    assert etr_build.finished_episodes(other_service) == {"phq9": [], "gad7": []}


def test_another_service_has_its_own_curves(service, history, other_service):
    etr_build.rebuild(by=None, service=service, minimum=5)
    SupervisionSettings.objects.create(service=service, etr_minimum_episodes=1)

    assert load_curves(service)["phq9"].curve_set.service == service
    assert load_curves(other_service)["phq9"].synthetic
