"""Caseness, recovery and reliable change for one referral, worked out by hand (domain reference §1.1, §1.3).

Thresholds as the reference data has them (§2.1): PHQ-9 caseness >= 10, reliable-change index 6;
GAD-7 caseness >= 8, index 4. No database: judge() is pure.
"""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from steptwo.outcomes.judgement import Flags, Scores, judge
from steptwo.outcomes.rules import Rules

PHQ9 = SimpleNamespace(caseness_cutoff=Decimal(10), reliable_change=Decimal(6))
GAD7 = SimpleNamespace(caseness_cutoff=Decimal(8), reliable_change=Decimal(4))
DEFAULT = Rules("at_least", "either_measure", "finished_at_caseness")


def paired(first, last):
    return Scores(Decimal(first), Decimal(last), 2)


def flags(phq, gad, *, finished=True, rules=DEFAULT, phq9_threshold=PHQ9, anxiety_threshold=GAD7):
    return judge(
        phq9=phq, anxiety=gad, phq9_threshold=phq9_threshold, anxiety_threshold=anxiety_threshold,
        finished=finished, rules=rules,
    )  # fmt: skip


# --- Caseness at the start (§1.1: at or above the cut-off on either first score) ---------------------------


@pytest.mark.parametrize(
    ("phq_first", "gad_first", "not_caseness"),
    [
        (10, 7, False),  # PHQ-9 exactly at its cut-off (10 >= 10): at caseness
        (9, 8, False),  # GAD-7 exactly at its cut-off (8 >= 8): at caseness
        (9, 7, True),  # both one below: 9 < 10 and 7 < 8, not at caseness
    ],
)
def test_caseness_is_at_or_above_the_cut_off_on_either_first_score(phq_first, gad_first, not_caseness):
    assert flags(paired(phq_first, 3), paired(gad_first, 3)).not_caseness is not_caseness


def test_not_at_caseness_is_known_without_finishing_or_pairing():
    # One score each, 9 and 7: below both cut-offs whatever happens next (§1.1 judged on first scores).
    result = flags(Scores(Decimal(9), None, 1), Scores(Decimal(7), None, 1), finished=False)
    assert result == Flags(not_caseness=True)


def test_a_missing_first_score_leaves_caseness_unknown():
    # PHQ-9 5 but no anxiety score: not shown to be below caseness, so it stays in the recovery denominator.
    assert flags(paired(5, 3), None).not_caseness is False


# --- Recovery (§1.1: caseness at the start, below caseness on both at the end) ------------------------------


def test_recovery_needs_both_last_scores_below_their_cut_offs():
    # 17 → 9 (< 10) and 12 → 7 (< 8): recovered; also reliable improvement (17 − 9 = 8 >= 6), so
    # reliable recovery.
    assert flags(paired(17, 9), paired(12, 7)) == Flags(
        recovery=True, reliable_improvement=True, reliable_recovery=True
    )


def test_last_score_exactly_at_the_cut_off_is_not_recovered():
    # PHQ-9 17 → 10: 10 is still caseness, so not recovered (GAD-7 12 → 5 is below 8). Reliable
    # improvement all the same (17 − 10 = 7 >= 6).
    assert flags(paired(17, 10), paired(12, 5)) == Flags(reliable_improvement=True)
    # GAD-7 12 → 8: 8 is caseness, not recovered.
    assert flags(paired(17, 6), paired(12, 8)).recovery is False


def test_not_at_caseness_at_the_start_cannot_recover():
    # 9 → 2 and 7 → 1: below caseness throughout (§1.1: removed from the recovery denominator); the
    # change (7 >= 6 on PHQ-9) is still a reliable improvement.
    assert flags(paired(9, 2), paired(7, 1)) == Flags(not_caseness=True, reliable_improvement=True)


# --- Reliable change: exactly the index, and one less (§1.3, §10 Q2) ----------------------------------------


@pytest.mark.parametrize(
    ("phq", "gad", "improved"),
    [
        ((16, 10), (5, 5), True),  # PHQ-9 falls by exactly 6: reliable ("6 or more")
        ((16, 11), (5, 5), False),  # falls by 5: not reliable
        ((5, 5), (12, 8), True),  # GAD-7 falls by exactly 4: reliable
        ((5, 5), (12, 9), False),  # falls by 3: not reliable
    ],
)
def test_reliable_improvement_at_exactly_the_index_with_at_least(phq, gad, improved):
    result = flags(paired(*phq), paired(*gad))
    assert result.reliable_improvement is improved
    assert result.no_change is not improved


@pytest.mark.parametrize(
    ("phq", "gad", "deteriorated"),
    [
        ((10, 16), (5, 5), True),  # PHQ-9 rises by exactly 6: reliable deterioration
        ((10, 15), (5, 5), False),  # rises by 5: not
        ((5, 5), (8, 12), True),  # GAD-7 rises by exactly 4
        ((5, 5), (8, 11), False),  # rises by 3
    ],
)
def test_reliable_deterioration_at_exactly_the_index_with_at_least(phq, gad, deteriorated):
    result = flags(paired(*phq), paired(*gad))
    assert result.reliable_deterioration is deteriorated
    assert result.no_change is not deteriorated


@pytest.mark.parametrize(
    ("phq", "improved"),
    [
        ((16, 10), False),  # a fall of exactly 6 does not exceed the index of 6
        ((16, 9), True),  # a fall of 7 does
    ],
)
def test_more_than_needs_a_change_beyond_the_index(phq, improved):
    rules = Rules("more_than", "either_measure", "finished_at_caseness")
    assert flags(paired(*phq), paired(5, 5), rules=rules).reliable_improvement is improved


def test_more_than_applies_to_deterioration_and_gad7_too():
    rules = Rules("more_than", "either_measure", "finished_at_caseness")
    assert flags(paired(5, 5), paired(8, 12), rules=rules).reliable_deterioration is False  # rise of exactly 4
    assert flags(paired(5, 5), paired(8, 13), rules=rules).reliable_deterioration is True  # rise of 5


# --- One measure improves, the other deteriorates (§10 Q3) --------------------------------------------------


def test_mixed_change_is_deterioration_with_either_measure():
    # PHQ-9 18 → 8 (falls 10 >= 6) but GAD-7 6 → 12 (rises 6 >= 4): §1.3 counts the deterioration, and
    # §1.1 improvement needs "no reliable deterioration on the other".
    result = flags(paired(18, 8), paired(6, 12))
    assert result == Flags(reliable_deterioration=True)


def test_mixed_change_is_no_reliable_change_with_not_mixed():
    rules = Rules("at_least", "not_mixed", "finished_at_caseness")
    assert flags(paired(18, 8), paired(6, 12), rules=rules) == Flags(no_change=True)
    # A rise without a reliable fall on the other measure is still a deterioration.
    assert flags(paired(10, 16), paired(8, 9), rules=rules) == Flags(reliable_deterioration=True)


# --- Only finished courses with paired scores get outcome flags (§1.3, §10 Q14) -----------------------------


def test_unfinished_referral_has_no_outcome_flags():
    assert flags(paired(17, 6), paired(12, 5), finished=False) == Flags()


def test_unpaired_scores_have_no_outcome_flags():
    # PHQ-9 paired, GAD-7 only once: counted as finished (in the denominators) but never recovered.
    assert flags(paired(17, 6), Scores(Decimal(12), None, 1)) == Flags()
    assert flags(None, paired(12, 5)) == Flags()


def test_a_measure_without_a_reliable_change_index_cannot_be_judged():
    no_index = SimpleNamespace(caseness_cutoff=Decimal(20), reliable_change=None)
    assert flags(paired(17, 6), paired(30, 10), anxiety_threshold=no_index) == Flags()


def test_decimal_scores_are_compared_exactly():
    # Mobility Inventory scores are item means: 3.00 → 2.27 falls by 0.73, exactly the index of 0.73.
    mi = SimpleNamespace(caseness_cutoff=Decimal("2.3"), reliable_change=Decimal("0.73"))
    result = flags(paired(12, 12), Scores(Decimal("3.00"), Decimal("2.27"), 2), anxiety_threshold=mi)
    # Caseness on MI at the start (3.00 >= 2.3) and 2.27 < 2.3 at the end, but PHQ-9 is still 12 (>= 10).
    assert result == Flags(reliable_improvement=True)
