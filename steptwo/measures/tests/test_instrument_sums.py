"""The plain-sum, data-only instruments: SPIN, PDSS, OCI-R, IES-R, SHAI, AAI and the IAPT phobia scales.

Each row: (id, items, lowest option, highest option, middle answers, middle total worked by hand).
None of these has published severity bands, so every band is "" (caseness is reference data).
"""

import pytest

from steptwo.measures.instruments import get
from steptwo.measures.instruments.base import ScoringError

CASES = [
    # SPIN, 17 items: 0,1,2,3,4 three times = 3 x 10 = 30, then 0 + 1 = 1; 30 + 1 = 31
    ("spin", 17, 0, 4, [0, 1, 2, 3, 4] * 3 + [0, 1], 31),
    # PDSS, 7 items: 0 + 1 + 2 + 3 + 4 + 2 + 1 = 13
    ("pdss", 7, 0, 4, [0, 1, 2, 3, 4, 2, 1], 13),
    # OCI-R, 18 items: 0,1,2,3,4 three times = 30, then 0 + 1 + 2 = 3; 30 + 3 = 33
    ("ocir", 18, 0, 4, [0, 1, 2, 3, 4] * 3 + [0, 1, 2], 33),
    # IES-R, 22 items: 0,1,2,3,4 four times = 40, then 0 + 1 = 1; 40 + 1 = 41
    ("iesr", 22, 0, 4, [0, 1, 2, 3, 4] * 4 + [0, 1], 41),
    # SHAI, 18 items 0-3: 0,1,2,3 four times = 4 x 6 = 24, then 0 + 1 = 1; 24 + 1 = 25
    ("shai", 18, 0, 3, [0, 1, 2, 3] * 4 + [0, 1], 25),
    # AAI, 10 items: 0,1,2,3,4 twice = 2 x 10 = 20
    ("aai", 10, 0, 4, [0, 1, 2, 3, 4] * 2, 20),
    # Phobia scales, 3 items 0-8: 2 + 5 + 7 = 14
    ("phobia_scales", 3, 0, 8, [2, 5, 7], 14),
]
IDS = [case[0] for case in CASES]


def answers(values):
    return {f"q{number}": value for number, value in enumerate(values, start=1)}


@pytest.mark.parametrize(("instrument_id", "count", "low", "high", "middle", "total"), CASES, ids=IDS)
def test_shape(instrument_id, count, low, high, middle, total):
    instrument = get(instrument_id)

    assert [item.id for item in instrument.items] == [f"q{number}" for number in range(1, count + 1)]
    assert [item.number for item in instrument.items] == list(range(1, count + 1))
    assert all(item.values == set(range(low, high + 1)) for item in instrument.items)
    assert (instrument.total_min, instrument.total_max) == (count * low, count * high)
    assert (instrument.scoring, instrument.bands, instrument.max_missing_prorated) == ("sum", (), 0)


@pytest.mark.parametrize(("instrument_id", "count", "low", "high", "middle", "total"), CASES, ids=IDS)
def test_minimum(instrument_id, count, low, high, middle, total):
    score = get(instrument_id).score(answers([low] * count))

    assert (score.total, score.band) == (count * low, "")


@pytest.mark.parametrize(("instrument_id", "count", "low", "high", "middle", "total"), CASES, ids=IDS)
def test_maximum(instrument_id, count, low, high, middle, total):
    instrument = get(instrument_id)

    assert instrument.score(answers([high] * count)).total == instrument.total_max


@pytest.mark.parametrize(("instrument_id", "count", "low", "high", "middle", "total"), CASES, ids=IDS)
def test_middle_case(instrument_id, count, low, high, middle, total):
    assert len(middle) == count
    assert get(instrument_id).score(answers(middle)).total == total


@pytest.mark.parametrize(("instrument_id", "count", "low", "high", "middle", "total"), CASES, ids=IDS)
def test_error_names_the_item(instrument_id, count, low, high, middle, total):
    instrument = get(instrument_id)
    given = answers(middle) | {f"q{count}": high + 1}
    del given["q1"]

    with pytest.raises(ScoringError) as error:
        instrument.score(given)

    allowed = ", ".join(str(value) for value in range(low, high + 1))
    assert error.value.errors == {"q1": "Answer question 1", f"q{count}": f"Question {count} must be one of {allowed}"}


@pytest.mark.parametrize("instrument_id", IDS)
def test_data_only_with_numeric_option_labels(instrument_id):
    instrument = get(instrument_id)

    assert not instrument.wording_shipped
    assert instrument.stem == ""
    assert all(item.text == "" for item in instrument.items)
    assert all(option.label == str(option.value) for item in instrument.items for option in item.options)
