"""Remote completion links: tokens, expiry, single use, cancelling (steptwo.measures.remote)."""

import datetime
import hashlib

import pytest
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.measures import instruments, licensed_text, remote
from steptwo.measures.models import CompletedBy, CompletionRequest, QuestionnaireResponse
from steptwo.tasks.models import Task

pytestmark = pytest.mark.django_db

PHQ9_ALL_ONES = {f"q{i}": 1 for i in range(1, 10)}
GAD7_ALL_ONES = {f"q{i}": 1 for i in range(1, 8)}


def make_request(pwp, referral, instrument_ids=("phq9", "gad7"), **kwargs):
    return remote.create_request(by=pwp, referral=referral, instrument_ids=list(instrument_ids), **kwargs)


def answers(phq9=PHQ9_ALL_ONES, gad7=GAD7_ALL_ONES):
    return {"phq9": (phq9, set()), "gad7": (gad7, set())}


def test_token_is_unguessable_and_only_its_hash_is_stored(pwp, referral):
    completion_request, token = make_request(pwp, referral)

    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    assert completion_request.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(AuditEvent.objects.filter(object_type="completionrequest").values())


def test_each_request_gets_a_new_token(pwp, referral):
    tokens = {make_request(pwp, referral)[1] for _ in range(3)}

    assert len(tokens) == 3


def test_a_token_finds_its_request_and_nothing_else_does(pwp, referral):
    completion_request, token = make_request(pwp, referral)

    assert remote.find(token) == completion_request
    assert remote.find(token[:-1]) is None
    assert remote.find(completion_request.token_hash) is None  # the stored hash is not a key
    assert remote.find("") is None


def test_link_works_until_the_end_of_the_seventh_day_by_default(pwp, referral):
    completion_request, _ = make_request(pwp, referral)

    expires = timezone.localtime(completion_request.expires_at)
    assert expires.date() == timezone.localdate() + datetime.timedelta(days=8)
    assert expires.time() == datetime.time(0, 0)
    assert remote.works_until(completion_request) == timezone.localdate() + datetime.timedelta(days=7)


def test_expiry_can_be_set_per_request(pwp, referral):
    completion_request, _ = make_request(pwp, referral, expires_in_days=1)

    assert remote.works_until(completion_request) == timezone.localdate() + datetime.timedelta(days=1)


@pytest.mark.parametrize("days", [0, 29])
def test_expiry_outside_one_to_28_days_is_refused(pwp, referral, days):
    with pytest.raises(ValueError):
        make_request(pwp, referral, expires_in_days=days)

    assert not CompletionRequest.objects.exists()


def test_creating_a_request_is_audited(pwp, referral):
    completion_request, _ = make_request(pwp, referral)

    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="completionrequest")
    assert (event.actor_id, event.object_id) == (pwp.pk, str(completion_request.pk))
    assert event.patient_id == referral.patient_id
    assert event.detail["instruments"] == ["phq9", "gad7"]


def test_data_only_instrument_is_not_sent_even_with_licensed_item_text(pwp, staff_in_role, referral, service):
    # Its answer labels are numbers only: sending them without the licensed answer wording would change the
    # instrument (see remote.can_send).
    wsas = instruments.get("wsas")
    with pytest.raises(ValueError, match="WSAS has no wording"):
        make_request(pwp, referral, instrument_ids=["phq9", "wsas"])

    texts = {"stem": "Licensed WSAS introduction"} | {item.id: f"Licensed WSAS {item.id}" for item in wsas.items}
    licensed_text.load_licensed_text(
        by=staff_in_role(Role.SERVICE_MANAGER), service=service, instrument_id="wsas", texts=texts
    )

    assert remote.wording(service, wsas).stem == "Licensed WSAS introduction"
    assert not remote.can_send(service, wsas)
    with pytest.raises(ValueError, match="WSAS has no wording"):
        make_request(pwp, referral, instrument_ids=["phq9", "wsas"])


def test_state_moves_from_outstanding_to_expired(pwp, referral):
    completion_request, _ = make_request(pwp, referral, expires_in_days=1)

    assert remote.state_of(completion_request) == remote.LinkState.OUTSTANDING
    later = completion_request.expires_at + datetime.timedelta(seconds=1)
    assert remote.state_of(completion_request, now=later) == remote.LinkState.EXPIRED


def test_completing_stores_each_response_against_the_request(pwp, referral):
    completion_request, _ = make_request(pwp, referral)

    responses = remote.complete(completion_request=completion_request, answers=answers())

    completion_request.refresh_from_db()
    assert completion_request.completed_at is not None
    assert remote.state_of(completion_request) == remote.LinkState.COMPLETED
    assert [(r.instrument_id, r.total) for r in responses] == [("phq9", 9), ("gad7", 7)]
    for response in responses:
        assert (response.completion_request, response.completed_by, response.recorded_by) == (
            completion_request, CompletedBy.PATIENT_REMOTELY, None,
        )  # fmt: skip


def test_completion_is_audited_without_an_actor(pwp, referral):
    completion_request, _ = make_request(pwp, referral)

    remote.complete(completion_request=completion_request, answers=answers())

    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="completionrequest")
    assert event.actor_id is None
    assert event.detail["completion_request"] == completion_request.pk
    assert event.patient_id == referral.patient_id


def test_a_link_works_once(pwp, referral):
    completion_request, token = make_request(pwp, referral)
    remote.complete(completion_request=completion_request, answers=answers())

    with pytest.raises(remote.LinkNotOpen):
        remote.complete(completion_request=remote.find(token), answers=answers())

    assert QuestionnaireResponse.objects.count() == 2


def test_an_expired_link_stores_nothing(pwp, referral):
    completion_request, _ = make_request(pwp, referral)
    CompletionRequest.objects.filter(pk=completion_request.pk).update(expires_at=timezone.now())

    with pytest.raises(remote.LinkNotOpen):
        remote.complete(completion_request=completion_request, answers=answers())

    assert not QuestionnaireResponse.objects.exists()


def test_phq9_item9_from_a_remote_answer_raises_a_risk_review(pwp, referral):
    completion_request, _ = make_request(pwp, referral, instrument_ids=["phq9"])
    item9 = {"phq9": (PHQ9_ALL_ONES | {"q9": 2}, set())}

    response = remote.complete(completion_request=completion_request, answers=item9)[0]

    assert Task.objects.get().source_response == response
    assert remote.raises_risk(item9)
    assert not remote.raises_risk({"phq9": (PHQ9_ALL_ONES | {"q9": 0}, set())})


def test_cancelling_makes_the_link_expire_now(pwp, referral):
    completion_request, token = make_request(pwp, referral)

    remote.cancel(by=pwp, completion_request=completion_request)

    stored = remote.find(token)
    assert remote.state_of(stored) == remote.LinkState.EXPIRED
    assert (stored.cancelled_by, stored.cancelled_at) == (pwp, stored.expires_at)
    assert AuditEvent.objects.get(action=AuditAction.UPDATE, detail__cancelled=True).actor_id == pwp.pk


def test_a_completed_link_cannot_be_cancelled(pwp, referral):
    completion_request, _ = make_request(pwp, referral)
    remote.complete(completion_request=completion_request, answers=answers())

    with pytest.raises(remote.LinkNotOpen):
        remote.cancel(by=pwp, completion_request=completion_request)


def test_outstanding_leaves_out_completed_and_expired_links(pwp, referral):
    waiting, _ = make_request(pwp, referral)
    done, _ = make_request(pwp, referral)
    remote.complete(completion_request=done, answers=answers())
    cancelled, _ = make_request(pwp, referral)
    remote.cancel(by=pwp, completion_request=cancelled)

    assert list(remote.outstanding(CompletionRequest.objects.all())) == [waiting]
