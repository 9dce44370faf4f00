"""PCL-5: 20 items 0-4, total 0-80, wording shipped (US Government work); no published bands."""

import pytest

from steptwo.measures.instruments import get
from steptwo.measures.instruments.base import ScoringError

PCL5 = get("pcl5")


def answers(*values):
    return {f"q{number}": value for number, value in enumerate(values, start=1)}


def test_minimum():
    score = PCL5.score(answers(*[0] * 20))

    assert (score.total, score.band) == (0, "")


def test_maximum():
    assert PCL5.score(answers(*[4] * 20)).total == 80


def test_middle_case():
    # 0, 1, 2, 3, 4 four times: 4 x (0 + 1 + 2 + 3 + 4) = 4 x 10 = 40
    assert PCL5.score(answers(*[0, 1, 2, 3, 4] * 4)).total == 40


def test_no_bands_only_a_threshold():
    assert PCL5.bands == ()


def test_error_names_the_item():
    with pytest.raises(ScoringError) as error:
        PCL5.score(answers(*[1] * 20) | {"q20": "2"})

    assert error.value.errors == {"q20": "Question 20 must be one of 0, 1, 2, 3, 4"}


def test_wording_is_shipped():
    assert PCL5.wording_shipped
    assert PCL5.stem == "In the past month, how much were you bothered by:"
    assert len(PCL5.items) == 20 and all(item.text for item in PCL5.items)
    assert PCL5.item("q1").text == "Repeated, disturbing, and unwanted memories of the stressful experience?"
    assert PCL5.item("q20").text == "Trouble falling or staying asleep?"
    assert [option.label for option in PCL5.item("q1").options] == [
        "Not at all", "A little bit", "Moderately", "Quite a bit", "Extremely",
    ]  # fmt: skip
