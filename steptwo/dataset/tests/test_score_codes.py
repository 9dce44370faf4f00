import pytest

from steptwo.dataset import score_codes
from steptwo.measures import instruments


def test_sourced_codes_come_from_the_instruments():
    # Domain reference §8.5.
    assert score_codes.code_for("phq9") == "720433000"
    assert score_codes.code_for("gad7") == "445455005"
    assert score_codes.entry_for("phq9").verified


def test_every_instrument_has_one_code_and_codes_map_back():
    for instrument_id in instruments.INSTRUMENTS:
        assert score_codes.instrument_for(score_codes.code_for(instrument_id)) == instrument_id


def test_an_unknown_code_is_none_and_an_unknown_instrument_an_error():
    assert score_codes.instrument_for("123456") is None
    with pytest.raises(KeyError):
        score_codes.code_for("beck")


def test_the_adsm_codes_are_marked_unverified_placeholders():
    unverified = {entry.instrument_id for entry in score_codes.unverified()}
    assert set(instruments.ADSM_IDS) <= unverified
    assert {"phq9", "gad7"}.isdisjoint(unverified)
    assert all(entry.code.startswith("LOCAL-") and entry.source for entry in score_codes.unverified())
