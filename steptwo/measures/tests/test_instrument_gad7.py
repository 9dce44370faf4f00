"""GAD-7 scoring through the one engine: totals, bands (not caseness: that is reference data), errors."""

import pytest

from steptwo.measures.instruments import get
from steptwo.measures.instruments.base import ScoringError

GAD7 = get("gad7")


def answers(*values):
    return {f"q{number}": value for number, value in enumerate(values, start=1)}


def totalling(total):
    values = []
    for _ in range(7):
        values.append(min(3, total))
        total -= values[-1]
    return answers(*values)


def test_minimum():
    assert (GAD7.score(answers(*[0] * 7)).total, GAD7.score(answers(*[0] * 7)).band) == (0, "Minimal")


def test_maximum():
    score = GAD7.score(answers(*[3] * 7))

    assert (score.total, score.band) == (21, "Severe")


def test_middle_case():
    # 3 + 2 + 1 + 0 + 1 + 2 + 3 = 12
    score = GAD7.score(answers(3, 2, 1, 0, 1, 2, 3))

    assert (score.total, score.band) == (12, "Moderate")


@pytest.mark.parametrize(
    ("total", "band"),
    [(4, "Minimal"), (5, "Mild"), (9, "Mild"), (10, "Moderate"), (14, "Moderate"), (15, "Severe")],
)
def test_band_boundaries(total, band):
    score = GAD7.score(totalling(total))

    assert (score.total, score.band) == (total, band)


def test_error_names_the_item():
    with pytest.raises(ScoringError) as error:
        GAD7.score(answers(*[0] * 6))

    assert error.value.errors == {"q7": "Answer question 7"}
