"""Paired *_at / *_by fields are both set or both empty, enforced by the database."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from steptwo.measures import remote, services
from steptwo.measures.models import CompletedBy, CompletionRequest, QuestionnaireResponse
from steptwo.tasks.models import Task, TaskKind

pytestmark = pytest.mark.django_db
PHQ9 = {f"q{i}": 0 for i in range(1, 10)}


def refuses(queryset, **fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset.update(**fields)


def test_response_marked_in_error_needs_both_when_and_who(pwp, referral):
    services.record_response(
        by=pwp, referral=referral, instrument_id="phq9", answers=PHQ9, completed_by=CompletedBy.CLINICIAN_IN_SESSION
    )
    responses = QuestionnaireResponse.objects.all()

    refuses(responses, marked_in_error_at=timezone.now())
    refuses(responses, marked_in_error_by=pwp)
    responses.update(marked_in_error_at=timezone.now(), marked_in_error_by=pwp)


def test_completion_request_cancelled_needs_both_when_and_who(pwp, referral):
    remote.create_request(by=pwp, referral=referral, instrument_ids=["phq9"])
    requests = CompletionRequest.objects.all()

    refuses(requests, cancelled_at=timezone.now())
    refuses(requests, cancelled_by=pwp)
    requests.update(cancelled_at=timezone.now(), cancelled_by=pwp)


def test_task_completed_needs_both_when_and_who(pwp, patient):
    Task.objects.create(patient=patient, kind=TaskKind.RISK_REVIEW, title="Review risk", due_date=timezone.localdate())
    tasks = Task.objects.all()

    refuses(tasks, completed_at=timezone.now())
    refuses(tasks, completed_by=pwp)
    tasks.update(completed_at=timezone.now(), completed_by=pwp)
