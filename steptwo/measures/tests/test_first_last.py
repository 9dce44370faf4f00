import datetime

import pytest
from django.utils import timezone

from steptwo.measures import services
from steptwo.measures.first_last import first_and_last
from steptwo.referrals import services as referrals

pytestmark = pytest.mark.django_db


def phq9(total_of_nines):
    """PHQ-9 answers summing to `total_of_nines` (items 1-8 only, so no risk task)."""
    answers = {f"q{n}": 0 for n in range(1, 10)}
    for n in range(1, 9):
        answers[f"q{n}"] = min(3, max(0, total_of_nines - 3 * (n - 1)))
    return answers


def record(by, referral, total, day, instrument_id="phq9", answers=None):
    when = timezone.make_aware(datetime.datetime(2026, 10, day, 10))
    return services.record_response(
        by=by, referral=referral, instrument_id=instrument_id, answers=answers or phq9(total),
        completed_by="clinician_session", completed_at=when,
    )  # fmt: skip


def test_first_and_last_current_totals_with_dates_and_count(pwp, referral):
    record(pwp, referral, 17, 5)
    record(pwp, referral, 12, 12)
    wrong = record(pwp, referral, 20, 19)
    services.mark_entered_in_error(by=pwp, response=wrong, reason="Entered for the wrong patient")
    record(pwp, referral, 6, 26)

    assert first_and_last(referral) == {
        "phq9": {"first": "17", "first_date": "2026-10-05", "last": "6", "last_date": "2026-10-26", "count": 3}
    }


def test_the_problem_descriptors_adsm_comes_after_phq9_and_gad7_and_others_are_left_out(pwp, referral):
    referrals.record_presenting_complaint(
        by=pwp, referral=referral, code_system="ICD-10", code="F40.1", label="Social phobias"
    )
    record(pwp, referral, 9, 5)
    record(pwp, referral, None, 5, instrument_id="spin", answers={f"q{n}": 2 for n in range(1, 18)})  # 17 x 2 = 34
    record(pwp, referral, None, 5, instrument_id="phq15", answers={f"q{n}": 0 for n in range(1, 16)})

    assert list(first_and_last(referral)) == ["phq9", "spin"]  # no GAD-7 recorded: no empty entry
    assert first_and_last(referral)["spin"]["first"] == "34"
