"""WSAS: 5 items 0-8, total 0-40; the work item is not applicable when retired or not working, and (NHS
Data Dictionary) a not-applicable or single missing item is prorated; more than one is refused."""

import pytest

from steptwo.measures.instruments import get
from steptwo.measures.instruments.base import ScoringError

WSAS = get("wsas")
NOT_WORKING = frozenset({"not_working"})


def answers(*values):
    return {f"q{number}": value for number, value in enumerate(values, start=1)}


def totalling(total):
    values = []
    for _ in range(5):
        values.append(min(8, total))
        total -= values[-1]
    return answers(*values)


def test_minimum():
    score = WSAS.score(answers(0, 0, 0, 0, 0))

    assert (score.total, score.band, score.not_applicable) == (0, "Subclinical", ())


def test_maximum():
    score = WSAS.score(answers(8, 8, 8, 8, 8))

    assert (score.total, score.band) == (40, "Moderately severe impairment or worse")


def test_middle_case():
    # 1 + 3 + 5 + 7 + 2 = 18
    score = WSAS.score(answers(1, 3, 5, 7, 2))

    assert (score.total, score.band) == (18, "Significant impairment")


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (9, "Subclinical"), (10, "Significant impairment"),
        (20, "Significant impairment"), (21, "Moderately severe impairment or worse"),
    ],
)  # fmt: skip
def test_band_boundaries(total, band):
    score = WSAS.score(totalling(total))

    assert (score.total, score.band) == (total, band)


def test_bands_are_flagged_unsourced():
    assert "UNSOURCED" in WSAS.bands_source


def test_work_item_not_applicable_when_not_working_is_prorated():
    # q2..q5 = 2 + 3 + 4 + 5 = 14; prorated to five items: 14 x 5/4 = 17.5, rounded half up = 18
    score = WSAS.score({"q2": 2, "q3": 3, "q4": 4, "q5": 5}, NOT_WORKING)

    assert (score.total, score.not_applicable) == (18, ("q1",))


def test_not_working_at_the_maximum_is_still_40():
    # 4 x 8 = 32; 32 x 5/4 = 40
    assert WSAS.score({"q2": 8, "q3": 8, "q4": 8, "q5": 8}, NOT_WORKING).total == 40


def test_work_answer_is_ignored_when_not_working():
    with_work = WSAS.score(answers(8, 2, 3, 4, 5), NOT_WORKING)

    assert with_work.total == 18


def test_work_item_left_blank_is_prorated_like_any_one_missing_item_but_not_marked_not_applicable():
    # the same 14 x 5/4 = 17.5 -> 18 as above; the Data Dictionary treats "not applicable" and "missing" alike
    score = WSAS.score({"q2": 2, "q3": 3, "q4": 4, "q5": 5})

    assert (score.total, score.not_applicable) == (18, ())


def test_one_missing_item_is_prorated():
    # q3 missing: 1 + 5 + 7 + 2 = 15; 15 x 5/4 = 18.75, rounded half up = 19
    score = WSAS.score({"q1": 1, "q2": 5, "q3": None, "q4": 7, "q5": 2})

    assert score.total == 19


def test_two_missing_items_are_refused_naming_both():
    with pytest.raises(ScoringError) as error:
        WSAS.score({"q1": 1, "q2": 5, "q5": 2})

    assert error.value.errors == {"q3": "Answer question 3", "q4": "Answer question 4"}


def test_not_working_and_one_missing_item_is_refused():
    with pytest.raises(ScoringError) as error:
        WSAS.score({"q2": 2, "q3": 3, "q4": 4}, NOT_WORKING)

    assert error.value.errors == {"q5": "Answer question 5"}


def test_error_names_the_item():
    with pytest.raises(ScoringError) as error:
        WSAS.score(answers(1, 9, 5, 7, 2))

    assert error.value.errors == {"q2": "Question 2 must be one of 0, 1, 2, 3, 4, 5, 6, 7, 8"}


def test_data_only():
    assert not WSAS.wording_shipped
    assert all(item.text == "" for item in WSAS.items)
    assert WSAS.context_flags == ("not_working",)
