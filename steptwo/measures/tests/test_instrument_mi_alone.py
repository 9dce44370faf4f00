"""Mobility Inventory, alone: 27 items 1-5, score = MEAN of the items rated, 1.00-5.00, rounded half up to
2 places; up to 5 items may be left unrated (NHS Data Dictionary), more is refused."""

from decimal import Decimal

import pytest

from steptwo.measures.instruments import get
from steptwo.measures.instruments.base import ScoringError

MI = get("mi_alone")


def answers(*values):
    return {f"q{number}": value for number, value in enumerate(values, start=1)}


def test_minimum():
    score = MI.score(answers(*[1] * 27))

    assert (score.total, score.band) == (Decimal("1.00"), "")


def test_maximum():
    assert MI.score(answers(*[5] * 27)).total == Decimal("5.00")


def test_mean_rounded_to_two_places():
    # 17 items at 3, one at 2, nine at 1: 51 + 2 + 9 = 62; 62 / 27 = 2.2962... -> 2.30
    score = MI.score(answers(*[3] * 17, 2, *[1] * 9))

    assert score.total == Decimal("2.30")
    assert str(score.total) == "2.30"


def test_mean_rounds_half_up():
    # 24 rated, 3 left blank: 19 at 3, one at 2, four at 1: 57 + 2 + 4 = 63; 63 / 24 = 2.625 exactly -> 2.63
    # (round-half-even, or float rounding, would give 2.62)
    score = MI.score(answers(*[3] * 19, 2, *[1] * 4, None, None, None))

    assert score.total == Decimal("2.63")


def test_up_to_five_items_may_be_left_unrated():
    # 22 rated: eleven at 2 and eleven at 4: (22 + 44) / 22 = 3.00; q23..q27 left blank
    score = MI.score(answers(*[2, 4] * 11))

    assert score.total == Decimal("3.00")


def test_six_unrated_items_are_refused_naming_each():
    with pytest.raises(ScoringError) as error:
        MI.score(answers(*[2] * 21))

    assert error.value.errors == {f"q{number}": f"Answer question {number}" for number in range(22, 28)}


def test_error_names_the_item():
    with pytest.raises(ScoringError) as error:
        MI.score(answers(*[2] * 27) | {"q1": 0})

    assert error.value.errors == {"q1": "Question 1 must be one of 1, 2, 3, 4, 5"}


def test_an_invalid_answer_is_not_excused_by_the_missing_allowance():
    with pytest.raises(ScoringError) as error:
        MI.score(answers(*[2] * 25, None, 6))

    assert error.value.errors == {"q26": "Answer question 26", "q27": "Question 27 must be one of 1, 2, 3, 4, 5"}


def test_data_only_mean_scored():
    assert (MI.scoring, MI.wording_shipped, len(MI.items)) == ("mean", False, 27)
    assert all(item.text == "" for item in MI.items)
