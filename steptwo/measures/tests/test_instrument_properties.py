"""Properties every registered instrument must have, whatever the answers (hypothesis).

- a complete, valid answer set scores within [total_min, total_max], with a band when the instrument has bands;
- one invalid value (out of range or the wrong type) is refused, keyed by that item's id;
- required items missing beyond what the instrument's source allows are refused, keyed by each missing item;
  up to that allowance (MI: 5; WSAS: 1, counting a not-applicable work item) they are prorated, in range.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from steptwo.measures.instruments import INSTRUMENTS
from steptwo.measures.instruments.base import CONTEXT_FLAGS, ScoringError

ALL = list(INSTRUMENTS.values())
by_id = pytest.mark.parametrize("instrument", ALL, ids=[instrument.id for instrument in ALL])
examples = settings(max_examples=60, deadline=None, database=None)


@st.composite
def complete_answers(draw, instrument):
    """(context, answers): every applicable item answered validly; optional items sometimes left blank."""
    flags = (
        frozenset(draw(st.sets(st.sampled_from(instrument.context_flags)))) if instrument.context_flags else frozenset()
    )
    answers = {}
    for item in instrument.applicable_items(flags):
        value = st.sampled_from(sorted(item.values))
        answers[item.id] = draw(value if item.scored and item.required else st.none() | value)
    return flags, answers


def missing_allowance(instrument, context):
    applicable = instrument.applicable_items(context)
    substituted = sum(1 for item in instrument.items if item.scored and item not in applicable)
    return instrument.max_missing_prorated - (substituted if instrument.prorate_not_applicable else 0)


def required_items(instrument, context):
    return [item for item in instrument.applicable_items(context) if item.scored and item.required]


def invalid_value(item):
    return st.one_of(
        st.integers().filter(lambda value: value not in item.values),
        st.booleans(),
        st.floats(allow_nan=True),
        st.text(),
        st.sampled_from([str(value) for value in item.values]),  # "3" typed, never converted
        st.lists(st.integers(), max_size=2),
    )


@by_id
@examples
@given(data=st.data())
def test_complete_valid_answers_score_in_range_with_a_band(instrument, data):
    context, answers = data.draw(complete_answers(instrument))

    score = instrument.score(answers, context)

    assert instrument.total_min <= score.total <= instrument.total_max
    assert bool(score.band) == bool(instrument.bands)


@by_id
@examples
@given(data=st.data())
def test_one_invalid_value_is_refused_naming_that_item(instrument, data):
    context, answers = data.draw(complete_answers(instrument))
    item = data.draw(st.sampled_from(instrument.applicable_items(context)))
    answers[item.id] = data.draw(invalid_value(item))

    with pytest.raises(ScoringError) as error:
        instrument.score(answers, context)

    assert set(error.value.errors) == {item.id}


@by_id
@examples
@given(data=st.data())
def test_missing_required_items_beyond_the_allowance_are_refused_naming_each(instrument, data):
    context, answers = data.draw(complete_answers(instrument))
    count = missing_allowance(instrument, context) + 1
    dropped = data.draw(
        st.lists(st.sampled_from(required_items(instrument, context)), min_size=count, max_size=count, unique=True)
    )
    for item in dropped:
        if data.draw(st.booleans()):
            del answers[item.id]
        else:
            answers[item.id] = None

    with pytest.raises(ScoringError) as error:
        instrument.score(answers, context)

    assert error.value.errors == {item.id: f"Answer question {item.number}" for item in dropped}


@by_id
@examples
@given(data=st.data())
def test_missing_items_within_the_allowance_are_prorated_in_range(instrument, data):
    context, answers = data.draw(complete_answers(instrument))
    allowance = missing_allowance(instrument, context)
    dropped = data.draw(st.lists(st.sampled_from(required_items(instrument, context)), max_size=allowance, unique=True))
    for item in dropped:
        del answers[item.id]

    score = instrument.score(answers, context)

    assert instrument.total_min <= score.total <= instrument.total_max


@by_id
def test_an_unknown_item_is_refused_by_its_id(instrument):
    with pytest.raises(ScoringError) as error:
        instrument.score({"q99": 1})

    assert error.value.errors["q99"] == f"{instrument.short_name} has no question q99"


@by_id
def test_declaration_is_consistent(instrument):
    ids = [item.id for item in instrument.items]
    assert len(ids) == len(set(ids))
    assert [item.id for item in instrument.scored_items] == [
        f"q{number}" for number in range(1, len(instrument.scored_items) + 1)
    ]
    assert [item.number for item in instrument.items] == list(range(1, len(instrument.items) + 1))
    assert all(item.options for item in instrument.items)
    assert instrument.scoring in {"sum", "mean"}
    assert set(instrument.context_flags) <= set(CONTEXT_FLAGS)
    assert instrument.source and instrument.licence
    assert bool(instrument.bands) == bool(instrument.bands_source)
    if instrument.bands:  # contiguous, covering the whole range
        assert instrument.bands[0].minimum == instrument.total_min
        assert instrument.bands[-1].maximum == instrument.total_max
        assert all(low.maximum + 1 == high.minimum for low, high in zip(instrument.bands, instrument.bands[1:]))
    if instrument.wording_shipped:
        assert instrument.stem and all(item.text for item in instrument.items)
    else:
        assert instrument.stem == "" and all(item.text == "" for item in instrument.items)
