import pytest

from steptwo.measures import services
from steptwo.measures.instruments.base import ScoringError
from steptwo.measures.models import CompletedBy, QuestionnaireResponse, ResponseStatus
from steptwo.tasks.models import Task, TaskKind

pytestmark = pytest.mark.django_db

PHQ9_ITEM9_ONCE = {f"q{i}": 1 for i in range(1, 10)}  # 9 × 1 = 9; item 9 = 1


def record_phq9(by, referral, answers):
    return services.record_response(
        by=by, referral=referral, instrument_id="phq9", answers=answers, completed_by=CompletedBy.CLINICIAN_IN_SESSION
    )


def test_phq9_is_stored_item_by_item_with_total_and_band(pwp, referral):
    response = record_phq9(pwp, referral, PHQ9_ITEM9_ONCE | {"q9": 0, "difficulty": 2})

    assert (response.total, response.band, response.instrument_version) == (8, "Mild", "1.0")
    assert response.answers() == PHQ9_ITEM9_ONCE | {"q9": 0, "difficulty": 2}


def test_phq9_item9_raises_a_risk_review_task_for_the_practitioner(pwp, referral):
    response = record_phq9(pwp, referral, PHQ9_ITEM9_ONCE)

    task = Task.objects.get()
    assert (task.kind, task.owner, task.patient, task.source_response) == (
        TaskKind.RISK_REVIEW, pwp, referral.patient, response,
    )  # fmt: skip


def test_phq9_item9_zero_raises_no_task(pwp, referral):
    record_phq9(pwp, referral, PHQ9_ITEM9_ONCE | {"q9": 0})

    assert not Task.objects.exists()


def test_incomplete_response_is_refused_and_nothing_saved(pwp, referral):
    with pytest.raises(ScoringError) as error:
        record_phq9(pwp, referral, {"q1": 1})

    assert error.value.errors["q2"] == "Answer question 2"
    assert not QuestionnaireResponse.objects.exists()


def test_correction_supersedes_and_keeps_the_original(pwp, referral):
    original = record_phq9(pwp, referral, PHQ9_ITEM9_ONCE | {"q9": 0})

    corrected = services.correct_response(
        by=pwp, response=original, answers=PHQ9_ITEM9_ONCE | {"q9": 0, "q1": 3}, reason="Typed 1 for 3 on question 1"
    )

    original.refresh_from_db()
    assert original.status == ResponseStatus.ENTERED_IN_ERROR
    assert corrected.supersedes == original
    assert corrected.total == 10
    assert list(QuestionnaireResponse.objects.current()) == [corrected]
