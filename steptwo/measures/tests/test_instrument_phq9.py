"""PHQ-9 scoring through the one engine (Instrument.score): totals, bands, the item-9 risk rule, errors."""

from decimal import Decimal

import pytest

from steptwo.measures.instruments import get
from steptwo.measures.instruments.base import ScoringError

PHQ9 = get("phq9")


def answers(*values):
    return {f"q{number}": value for number, value in enumerate(values, start=1)}


def totalling(total):
    """Answers for q1..q9 adding up to `total`, filled 3 at a time from q1 (q9 stays 0 below 27)."""
    values = []
    for _ in range(9):
        values.append(min(3, total))
        total -= values[-1]
    return answers(*values)


def test_minimum():
    score = PHQ9.score(answers(*[0] * 9))

    assert (score.total, score.band, score.risks) == (0, "None to minimal", ())


def test_maximum():
    score = PHQ9.score(answers(*[3] * 9))

    assert (score.total, score.band) == (27, "Severe")


def test_middle_case():
    # 0 + 1 + 2 + 3 + 0 + 1 + 2 + 3 + 0 = 12
    score = PHQ9.score(answers(0, 1, 2, 3, 0, 1, 2, 3, 0))

    assert (score.total, score.band) == (Decimal(12), "Moderate")


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (4, "None to minimal"), (5, "Mild"),
        (9, "Mild"), (10, "Moderate"),
        (14, "Moderate"), (15, "Moderately severe"),
        (19, "Moderately severe"), (20, "Severe"),
    ],
)  # fmt: skip
def test_band_boundaries(total, band):
    score = PHQ9.score(totalling(total))

    assert (score.total, score.band) == (total, band)


def test_difficulty_item_is_asked_but_not_scored():
    assert PHQ9.score(answers(*[1] * 9) | {"difficulty": 3}).total == 9


def test_item9_above_zero_raises_the_risk_rule():
    assert [rule.kind for rule in PHQ9.score(answers(*[0] * 8, 1)).risks] == ["suicidal_ideation"]


def test_error_names_the_item():
    with pytest.raises(ScoringError) as error:
        PHQ9.score(answers(*[0] * 9) | {"q3": 4})

    assert error.value.errors == {"q3": "Question 3 must be one of 0, 1, 2, 3"}
