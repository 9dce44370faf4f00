"""The patient's page for a remote completion link (/q/<token>/): no sign-in."""

import re

import pytest
from django.utils import timezone

from steptwo.core.models import AuditAction, AuditEvent
from steptwo.measures import remote
from steptwo.measures.models import CompletedBy, CompletionRequest, QuestionnaireResponse
from steptwo.tasks.models import Task, TaskKind

pytestmark = pytest.mark.django_db

UNKNOWN_TOKEN = "x" * 43


@pytest.fixture
def link(pwp, referral):
    """(request, token) for PHQ-9 and GAD-7."""
    return remote.create_request(by=pwp, referral=referral, instrument_ids=["phq9", "gad7"])


def squashed(response):
    """The page with each run of white space as one space."""
    return re.sub(r"\s+", " ", response.content.decode())


def all_answers(phq9_item9=0, **overrides):
    data = {f"phq9-q{i}": "1" for i in range(1, 9)} | {"phq9-q9": str(phq9_item9), "phq9-difficulty": "1"}
    return data | {f"gad7-q{i}": "2" for i in range(1, 8)} | overrides


def test_questionnaire_page_needs_no_sign_in_and_names_only_the_service(client, link, patient):
    _, token = link

    response = client.get(f"/q/{token}/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Questionnaires from Northshire Talking Therapies" in content
    assert "<h1>Questionnaires from Northshire Talking Therapies</h1>" in content
    for identifier in (patient.given_name, patient.family_name, "943 476 5919", "1985", patient.postcode):
        assert identifier not in content
    assert "Patient Health Questionnaire-9 (PHQ-9)" in content
    assert "9. Thoughts that you would be better off dead or of hurting yourself in some way" in content
    assert "10. If you checked off any problems" in content and "(optional)" in content


def test_questionnaire_page_shows_the_services_crisis_text(client, link, service):
    service.crisis_text = "Call the Northshire crisis line on 0800 000 0000.\nOr call 999."
    service.save()

    content = client.get(f"/q/{link[1]}/").content.decode()

    assert "<p>Call the Northshire crisis line on 0800 000 0000.</p>" in content
    assert "<p>Or call 999.</p>" in content


@pytest.mark.parametrize("state", ["open", "completed", "expired", "unknown"])
def test_every_public_page_is_not_cached_indexed_or_sent_as_referrer(client, link, state):
    completion_request, token = link
    if state == "completed":
        client.post(f"/q/{token}/", all_answers())
    elif state == "expired":
        CompletionRequest.objects.filter(pk=completion_request.pk).update(expires_at=timezone.now())
    elif state == "unknown":
        token = UNKNOWN_TOKEN

    response = client.get(f"/q/{token}/")

    assert response["Cache-Control"] == "no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "strict-origin"  # not no-referrer: see views/public.py


def test_viewing_the_questionnaire_is_audited_without_an_actor(client, link, patient):
    completion_request, token = link

    client.get(f"/q/{token}/")

    event = AuditEvent.objects.get(action=AuditAction.VIEW, object_type="completionrequest")
    assert (event.actor_id, event.patient_id) == (None, patient.pk)
    assert event.detail == {"completion_request": completion_request.pk}


def test_missing_answers_are_named_and_answers_given_are_kept(client, link):
    _, token = link
    data = all_answers()
    del data["phq9-q3"], data["gad7-q7"]

    response = client.post(f"/q/{token}/", data)

    content = squashed(response)
    assert response.status_code == 200
    assert "<title>Error: Questionnaires from" in content
    assert '<a href="#id_phq9-q3"> Answer question 3 of PHQ-9 </a>' in content
    assert '<a href="#id_gad7-q7"> Answer question 7 of GAD-7 </a>' in content
    assert 'id="id_phq9-q2-2" name="phq9-q2" type="radio" value="1" checked' in content
    assert 'id="id_gad7-q1-3" name="gad7-q1" type="radio" value="2" checked' in content
    assert not QuestionnaireResponse.objects.exists()
    assert CompletionRequest.objects.get().completed_at is None


def test_completing_stores_responses_and_thanks_the_patient(client, link):
    completion_request, token = link

    response = client.post(f"/q/{token}/", all_answers())

    content = response.content.decode()
    assert "Your answers have been sent" in content
    assert "If you need help now" not in content
    responses = QuestionnaireResponse.objects.filter(completion_request=completion_request)
    assert sorted((r.instrument_id, r.total, r.completed_by) for r in responses) == [
        ("gad7", 14, CompletedBy.PATIENT_REMOTELY), ("phq9", 8, CompletedBy.PATIENT_REMOTELY),
    ]  # fmt: skip
    assert responses.get(instrument_id="phq9").answers()["difficulty"] == 1
    assert not Task.objects.exists()
    completed = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="completionrequest")
    assert completed.actor_id is None and completed.detail["completion_request"] == completion_request.pk


def test_phq9_item9_raises_a_risk_review_and_shows_the_crisis_text(client, link, service, pwp):
    service.crisis_text = "Call the Northshire crisis line on 0800 000 0000."
    service.save()

    content = client.post(f"/q/{link[1]}/", all_answers(phq9_item9=1)).content.decode()

    task = Task.objects.get()
    assert (task.kind, task.owner, task.source_response.completion_request) == (TaskKind.RISK_REVIEW, pwp, link[0])
    assert "If you need help now" in content
    assert "Call the Northshire crisis line on 0800 000 0000." in content


def test_a_link_works_once_then_says_already_completed(client, link):
    _, token = link
    client.post(f"/q/{token}/", all_answers())

    again = client.get(f"/q/{token}/")
    resubmitted = client.post(f"/q/{token}/", all_answers(phq9_item9=3))

    for response in (again, resubmitted):
        assert response.status_code == 200
        assert "You have already completed these questionnaires" in response.content.decode()
    assert QuestionnaireResponse.objects.count() == 2
    assert not Task.objects.exists()


def test_an_expired_link_has_its_own_page(client, link):
    completion_request, token = link
    CompletionRequest.objects.filter(pk=completion_request.pk).update(expires_at=timezone.now())

    response = client.get(f"/q/{token}/")

    assert response.status_code == 404
    assert "This link no longer works" in response.content.decode()
    assert client.post(f"/q/{token}/", all_answers()).status_code == 404
    assert not QuestionnaireResponse.objects.exists()


def test_an_unknown_token_gets_exactly_the_expired_page(client, link):
    completion_request, token = link
    CompletionRequest.objects.filter(pk=completion_request.pk).update(expires_at=timezone.now())

    expired = client.get(f"/q/{token}/")
    unknown = client.get(f"/q/{UNKNOWN_TOKEN}/")

    assert (unknown.status_code, unknown.content) == (expired.status_code, expired.content)
    assert sorted(unknown.headers.keys()) == sorted(expired.headers.keys())
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


def test_a_question_that_does_not_apply_is_left_out_with_its_reason(client, pwp, referral):
    completion_request, token = remote.create_request(by=pwp, referral=referral, instrument_ids=["phq15"])
    data = {f"phq15-q{i}": "1" for i in range(1, 16)} | {"phq15-q4": "na"}

    page = squashed(client.get(f"/q/{token}/"))
    client.post(f"/q/{token}/", data)

    assert "This does not apply to me: I do not have periods" in page
    response = QuestionnaireResponse.objects.get(completion_request=completion_request)
    assert (response.context, response.total) == (["no_periods"], 14)
    assert "q4" not in response.answers()
