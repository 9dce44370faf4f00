"""PHQ-15: 15 items 0-2, total 0-30, Kroenke 2002 bands; the menstrual item (q4) is not applicable under
"no_periods" and is then left out of the sum without prorating."""

import pytest

from steptwo.measures.instruments import get
from steptwo.measures.instruments.base import ScoringError

PHQ15 = get("phq15")
NO_PERIODS = frozenset({"no_periods"})


def answers(*values):
    return {f"q{number}": value for number, value in enumerate(values, start=1)}


def totalling(total):
    values = []
    for _ in range(15):
        values.append(min(2, total))
        total -= values[-1]
    return answers(*values)


def test_minimum():
    score = PHQ15.score(answers(*[0] * 15))

    assert (score.total, score.band) == (0, "Minimal")


def test_maximum():
    score = PHQ15.score(answers(*[2] * 15))

    assert (score.total, score.band) == (30, "High")


def test_middle_case():
    # twelve items at 1 and three at 0: 12 x 1 + 3 x 0 = 12
    score = PHQ15.score(answers(*[1] * 12, 0, 0, 0))

    assert (score.total, score.band) == (12, "Medium")


@pytest.mark.parametrize(
    ("total", "band"),
    [(4, "Minimal"), (5, "Low"), (9, "Low"), (10, "Medium"), (14, "Medium"), (15, "High")],
)
def test_band_boundaries(total, band):
    score = PHQ15.score(totalling(total))

    assert (score.total, score.band) == (total, band)


def test_menstrual_item_not_applicable_is_left_out_of_the_sum():
    # the other 14 items at 2: 14 x 2 = 28 (the male maximum); q4's answer is ignored
    score = PHQ15.score(answers(*[2] * 15) | {"q4": 0}, NO_PERIODS)
    without_q4 = PHQ15.score({key: 2 for key in answers(*[2] * 15) if key != "q4"}, NO_PERIODS)

    assert (score.total, score.not_applicable) == (28, ("q4",))
    assert without_q4.total == 28


def test_menstrual_item_is_required_unless_flagged():
    with pytest.raises(ScoringError) as error:
        PHQ15.score({key: value for key, value in answers(*[1] * 15).items() if key != "q4"})

    assert error.value.errors == {"q4": "Answer question 4"}


def test_error_names_the_item():
    with pytest.raises(ScoringError) as error:
        PHQ15.score(answers(*[1] * 15) | {"q11": 3})

    assert error.value.errors == {"q11": "Question 11 must be one of 0, 1, 2"}


def test_wording_is_shipped():
    assert PHQ15.wording_shipped
    assert PHQ15.stem == "During the past 4 weeks, how much have you been bothered by any of the following problems?"
    assert PHQ15.item("q4").text == "Menstrual cramps or other problems with your periods"
    assert PHQ15.item("q15").text == "Trouble sleeping"
    assert [option.label for option in PHQ15.item("q1").options] == [
        "Not bothered at all", "Bothered a little", "Bothered a lot",
    ]  # fmt: skip
    assert all(item.text for item in PHQ15.items)
