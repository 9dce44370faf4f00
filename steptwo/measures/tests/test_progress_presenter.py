import dataclasses
import datetime
from decimal import Decimal

import pytest

from steptwo.measures import services
from steptwo.measures.instruments.phq9 import PHQ9
from steptwo.measures.models import CompletedBy
from steptwo.measures.presenters.progress import InstrumentProgress, instrument_order, signed

PHQ9_ANSWERS = {f"q{n}": 1 for n in range(1, 10)} | {"q9": 0}


def test_phq9_then_gad7_then_the_referrals_adsm_then_the_rest():
    assert instrument_order(["zz-b", "spin", "gad7", "phq9"], adsm_id="spin") == ["phq9", "gad7", "spin", "zz-b"]
    assert instrument_order(["zz-b", "zz-a", "gad7"]) == ["gad7", "zz-a", "zz-b"]


def test_changes_are_signed_with_a_real_minus():
    assert [signed(Decimal(v)) for v in ("2", "-3", "0", "-0.5")] == ["+2", "−3", "0", "−0.5"]


@pytest.mark.django_db
def test_items_are_numbered_questions_when_the_instrument_ships_no_wording(pwp, referral):
    response = services.record_response(
        by=pwp, referral=referral, instrument_id="phq9", answers=PHQ9_ANSWERS,
        completed_by=CompletedBy.CLINICIAN_IN_SESSION, completed_at=datetime.datetime(2026, 10, 5, tzinfo=datetime.UTC),
    )  # fmt: skip
    data_only = dataclasses.replace(PHQ9, wording_shipped=False)

    rows = InstrumentProgress(data_only, [response]).item_rows

    assert [row.label for row in rows[:2]] == ["Question 1", "Question 2"]
    assert rows[-1].label == "Question 10 (not scored)"
    assert rows[-1].values == (None,)  # the difficulty item was not answered
    assert not any(row.moved for row in rows)  # one response: nothing to compare
