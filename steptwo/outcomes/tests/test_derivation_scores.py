"""Scores, the anxiety measure and the flags of the per-referral derivation, worked out by hand.

Reference data as loaded by the measures migrations (measures/reference_data, domain reference §2.1):
PHQ-9 caseness >= 10, reliable change 6; GAD-7 >= 8, 4; SPIN >= 19, 10; OCI-R >= 14, 12; PHQ-15 none.
`finished_course` (histories.py): received 1 Oct, assessed 5 Oct, treated 12 and 19 Oct, discharged 20 Oct.
"""

import datetime
from decimal import Decimal

import pytest

from steptwo.measures import services as measures
from steptwo.measures.models import Threshold
from steptwo.outcomes.derivation import derive
from steptwo.outcomes.tests.histories import (
    answers,
    assess,
    at,
    day,
    finished_course,
    new_referral,
    outcome_of,
    score,
    scores,
    treat,
)  # fmt: skip
from steptwo.referrals import services as referrals
from steptwo.referrals.models import Referral

pytestmark = pytest.mark.django_db


def describe(pwp, referral, code, primary=True, code_system="ICD-10"):
    return referrals.record_presenting_complaint(
        by=pwp, referral=referral, code_system=code_system, code=code, label=code, primary=primary
    )


# --- Which scores count -----------------------------------------------------------------------------------


def test_scores_outside_the_window_are_left_out(pwp, referral):
    # PHQ-9 20 on 30 Sep (before received, 1 Oct) and 3 on 21 Oct (after discharge, 20 Oct) do not count:
    # first 17 (5 Oct), last 6 (19 Oct).
    finished_course(pwp, referral)
    score(pwp, referral, "phq9", 20, at(9, 30))
    score(pwp, referral, "phq9", 3, at(10, 21))
    outcome = outcome_of(referral)
    assert (outcome.phq9.first, outcome.phq9.last, outcome.phq9.count) == (17, 6, 2)


def test_a_single_score_has_no_last_score(pwp, referral):
    # §1.1 paired scores: LastScore is only present with two or more scores.
    assess(pwp, referral, at(10, 5))
    score(pwp, referral, "phq9", 15, at(10, 5))
    row = outcome_of(referral).csv_row()
    assert (row["PHQ9_FirstScore"], row["PHQ9_LastScore"], row["GAD_FirstScore"]) == ("15", "", "")


def test_corrected_and_entered_in_error_scores(pwp, referral):
    # The first PHQ-9 (17) is corrected to 16: the correction counts. The last (6) is marked entered in
    # error, so the last current one is the 8 of 15 Oct.
    finished_course(pwp, referral)
    first, last = referral.responses.filter(instrument_id="phq9").order_by("completed_at")
    measures.correct_response(by=pwp, response=first, answers=answers("phq9", 16), reason="Typed wrongly")
    score(pwp, referral, "phq9", 8, at(10, 15))
    measures.mark_entered_in_error(by=pwp, response=last, reason="Another patient's")
    outcome = outcome_of(referral)
    assert (outcome.phq9.first, outcome.phq9.last, outcome.phq9.count) == (16, 8, 2)


def test_the_first_score_is_the_earliest_completed_not_the_first_recorded(pwp, referral):
    assess(pwp, referral, at(10, 5))
    score(pwp, referral, "phq9", 12, at(10, 19))
    score(pwp, referral, "phq9", 18, at(10, 5))  # entered later, completed earlier
    assert (outcome_of(referral).phq9.first, outcome_of(referral).phq9.last) == (18, 12)


# --- Caseness and reliable change with the reference data ---------------------------------------------------


@pytest.mark.parametrize(
    ("phq", "gad", "not_caseness"),
    [((10, 4), (7, 3), "False"), ((9, 4), (8, 3), "False"), ((9, 4), (7, 3), "True")],
)
def test_caseness_exactly_at_and_below_the_cut_offs(pwp, referral, phq, gad, not_caseness):
    # PHQ-9 first 10 (>= 10) or GAD-7 first 8 (>= 8): at caseness; 9 and 7: not (§1.1, §2.1).
    finished_course(pwp, referral, phq=phq, gad=gad)
    assert outcome_of(referral).csv_row()["NotCaseness_Flag"] == not_caseness


@pytest.mark.parametrize(
    ("phq", "gad", "improvement"),
    [((16, 10), (7, 7), "True"), ((16, 11), (7, 7), "False"), ((9, 9), (12, 8), "True"), ((9, 9), (12, 9), "False")],
)
def test_reliable_improvement_at_exactly_the_index_and_one_less(pwp, referral, phq, gad, improvement):
    # PHQ-9 falls 6 (= index 6): reliable; 5: not. GAD-7 falls 4 (= index 4): reliable; 3: not (§1.3,
    # OUTCOMES_RELIABLE_CHANGE_BOUNDARY "at_least").
    finished_course(pwp, referral, phq=phq, gad=gad)
    row = outcome_of(referral).csv_row()
    assert row["ReliableImprovement_Flag"] == improvement
    assert row["NoChange_Flag"] == ("False" if improvement == "True" else "True")


@pytest.mark.parametrize(("phq", "gad", "deterioration"), [((8, 14), (5, 5), "True"), ((8, 13), (5, 5), "False")])
def test_reliable_deterioration_at_exactly_the_index_and_one_less(pwp, referral, phq, gad, deterioration):
    # PHQ-9 rises 6: reliable deterioration; 5: not.
    finished_course(pwp, referral, phq=phq, gad=gad)
    assert outcome_of(referral).csv_row()["ReliableDeterioration_Flag"] == deterioration


def test_boundary_setting_more_than(settings, pwp, referral):
    # With "more_than" a fall of exactly 6 on PHQ-9 (16 → 10) and 4 on GAD-7 (12 → 8) is not reliable.
    settings.OUTCOMES_RELIABLE_CHANGE_BOUNDARY = "more_than"
    finished_course(pwp, referral, phq=(16, 10), gad=(12, 8))
    assert outcome_of(referral).csv_row()["ReliableImprovement_Flag"] == "False"


def test_deterioration_setting_not_mixed(settings, pwp, referral):
    # PHQ-9 18 → 8 (fall of 10), GAD-7 6 → 12 (rise of 6): deterioration by default (§1.3) ...
    finished_course(pwp, referral, phq=(18, 8), gad=(6, 12))
    row = outcome_of(referral).csv_row()
    assert (row["ReliableDeterioration_Flag"], row["ReliableImprovement_Flag"], row["NoChange_Flag"]) == (
        "True", "False", "False"
    )  # fmt: skip
    # ... and no reliable change with "not_mixed" (§10 Q3).
    settings.OUTCOMES_DETERIORATION_RULE = "not_mixed"
    row = outcome_of(referral).csv_row()
    assert (row["ReliableDeterioration_Flag"], row["ReliableImprovement_Flag"], row["NoChange_Flag"]) == (
        "False", "False", "True"
    )  # fmt: skip


def test_thresholds_in_force_on_the_discharge_date(pwp, patient, team, referral):
    # A (made-up) PHQ-9 cut-off of 18 from 1 Nov 2026. Discharged 20 Oct: judged by the old cut-off 10,
    # so PHQ-9 17 is caseness. Discharged 2 Nov: judged by 18, so 17 and GAD-7 7 are not at caseness.
    Threshold.objects.create(
        instrument_id="phq9", caseness_cutoff=18, reliable_change=6, effective_from=day(11, 1), source="test",
        verified=False,
    )  # fmt: skip
    finished_course(pwp, referral, phq=(17, 6), gad=(7, 3))
    assert outcome_of(referral).flags.not_caseness is False
    later = finished_course(
        pwp, new_referral(patient, team, pwp), phq=(17, 6), gad=(7, 3), discharged=day(11, 2), hour=14
    )
    assert outcome_of(later).flags.not_caseness is True


# --- The anxiety measure (§1.2) -----------------------------------------------------------------------------


def test_adsm_with_paired_scores_is_the_anxiety_measure(pwp, referral):
    # Social phobia (F40.1) → SPIN. SPIN 40 → 25: a fall of 15 (>= 10) but 25 is still caseness (>= 19),
    # so not recovered, though GAD-7 (12 → 5) alone would have been a recovery. Reliable improvement:
    # PHQ-9 falls 11.
    describe(pwp, referral, "F40.1")
    finished_course(pwp, referral)
    scores(pwp, referral, "spin", (40, at(10, 5, 10, 15)), (25, at(10, 19, 10, 15)))
    row = outcome_of(referral).csv_row()
    assert {key: row[key] for key in ("ADSM", "ADSM_FirstScore", "ADSM_LastScore", "GAD_FirstScore", "GAD_LastScore")} == {
        "ADSM": "spin", "ADSM_FirstScore": "40", "ADSM_LastScore": "25", "GAD_FirstScore": "12", "GAD_LastScore": "5",
    }  # fmt: skip
    assert (row["Recovery_Flag"], row["ReliableImprovement_Flag"], row["ReliableRecovery_Flag"]) == (
        "False", "True", "False"
    )  # fmt: skip


def test_adsm_without_paired_scores_falls_back_to_gad7(pwp, referral):
    # One SPIN score only: GAD-7 is the anxiety measure, and 17 → 6 with 12 → 5 is a recovery.
    describe(pwp, referral, "F40.1")
    finished_course(pwp, referral)
    score(pwp, referral, "spin", 40, at(10, 5, 10, 15))
    row = outcome_of(referral).csv_row()
    assert (row["ADSM"], row["ADSM_FirstScore"], row["ADSM_LastScore"], row["Recovery_Flag"]) == (
        "gad7", "12", "5", "True"
    )  # fmt: skip


def test_a_subcode_uses_its_parent_codes_adsm(pwp, referral):
    # F42.1 (mainly compulsive acts) → F42 → OCI-R. OCI-R 30 → 10: caseness (30 >= 14), recovered on it
    # (10 < 14), a fall of 20 >= 12.
    describe(pwp, referral, "F42.1")
    finished_course(pwp, referral)
    scores(pwp, referral, "ocir", (30, at(10, 5, 10, 15)), (10, at(10, 19, 10, 15)))
    row = outcome_of(referral).csv_row()
    assert (row["ADSM"], row["Recovery_Flag"]) == ("ocir", "True")


def test_an_adsm_without_thresholds_is_not_used(pwp, referral):
    # Medically unexplained symptoms (SNOMED 723916001) → PHQ-15, which has no cut-off or index in the
    # reference data: its paired scores cannot be judged, so GAD-7 is used.
    describe(pwp, referral, "723916001", code_system="SNOMED CT")
    finished_course(pwp, referral)
    scores(pwp, referral, "phq15", (20, at(10, 5, 10, 15)), (5, at(10, 19, 10, 15)))
    assert outcome_of(referral).adsm == "gad7"


def test_primary_problem_descriptor_comes_before_a_newer_secondary(pwp, referral):
    # Primary GAD (F41.1: no ADSM), then a secondary social phobia: the primary decides, so GAD-7.
    describe(pwp, referral, "F41.1")
    describe(pwp, referral, "F40.1", primary=False)
    finished_course(pwp, referral)
    scores(pwp, referral, "spin", (40, at(10, 5, 10, 15)), (25, at(10, 19, 10, 15)))
    assert outcome_of(referral).adsm == "gad7"


def test_the_newest_primary_problem_descriptor_decides(pwp, referral):
    describe(pwp, referral, "F41.1")
    describe(pwp, referral, "F40.1")
    finished_course(pwp, referral)
    scores(pwp, referral, "spin", (40, at(10, 5, 10, 15)), (25, at(10, 19, 10, 15)))
    assert outcome_of(referral).adsm == "spin"


def test_only_a_secondary_problem_descriptor(pwp, referral):
    # §1.2: primary ahead of secondary, so with no primary the secondary is the problem descriptor.
    describe(pwp, referral, "F40.1", primary=False)
    finished_course(pwp, referral)
    scores(pwp, referral, "spin", (40, at(10, 5, 10, 15)), (25, at(10, 19, 10, 15)))
    assert outcome_of(referral).adsm == "spin"


def test_mean_scores_are_written_without_trailing_zeros(pwp, referral):
    assess(pwp, referral, at(10, 5))
    treat(pwp, referral, at(10, 12))
    response = score(pwp, referral, "phq9", 12, at(10, 5))
    response.__class__.objects.filter(pk=response.pk).update(total=Decimal("12.50"))
    assert outcome_of(referral).csv_row()["PHQ9_FirstScore"] == "12.5"


def test_open_referrals_have_scores_but_no_outcome_flags(pwp, referral):
    assess(pwp, referral, at(10, 5))
    treat(pwp, referral, at(10, 12), at(10, 19))
    scores(pwp, referral, "phq9", (17, at(10, 5)), (6, at(10, 19)))
    scores(pwp, referral, "gad7", (12, at(10, 5)), (5, at(10, 19)))
    outcome = outcome_of(referral)
    assert outcome.paired_scores is True
    assert (outcome.flags.recovery, outcome.flags.no_change) == (False, False)


def test_derived_as_of_a_day_after_discharge(pwp, referral):
    finished_course(pwp, referral)
    outcome = outcome_of(referral, as_of=datetime.date(2026, 11, 1))
    assert (outcome.ended_on, outcome.end_code, outcome.flags.recovery) == (day(10, 20), "46", True)


def test_scores_only_for_the_referrals_asked(pwp, referral):
    # The aggregates read scores only for referrals that ended in the period: the others get none.
    finished_course(pwp, referral)
    (outcome,) = derive(Referral.objects.all(), scores_for=Referral.objects.none())
    assert (outcome.phq9, outcome.anxiety, outcome.flags.recovery, outcome.treatment_contact_count) == (
        None,
        None,
        False,
        2,
    )
