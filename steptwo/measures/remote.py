"""Remote completion: single-use, expiring links for a patient to complete questionnaires without signing in.

The token is made by `secrets.token_urlsafe(32)` and shown once, to the member of staff who asked for it.
Only its SHA-256 hash is stored, and a link is found by looking that hash up (a database index lookup, so
nothing compares secrets character by character in Python). A cancelled link expires at once.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass
from enum import StrEnum

from django.db import transaction
from django.utils import timezone

from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.measures import instruments, licensed_text, services
from steptwo.measures.models import CompletedBy, CompletionRequest

DEFAULT_EXPIRY_DAYS = 7
MIN_EXPIRY_DAYS = 1
MAX_EXPIRY_DAYS = 28


class LinkState(StrEnum):
    OUTSTANDING = "outstanding"
    COMPLETED = "completed"
    EXPIRED = "expired"  # also a cancelled link: cancelling makes it expire now


class LinkNotOpen(Exception):
    """The link was completed, expired or cancelled before this submission could be saved."""


@dataclass(frozen=True)
class Wording:
    stem: str
    items: dict  # {item id: text}


def wording(service, instrument):
    """The words a patient sees for an instrument: shipped, or the service's licensed text; blanks left out."""
    texts = licensed_text.item_texts(service, instrument)
    stem = texts.pop(licensed_text.STEM, "")
    return Wording(stem=stem, items={item_id: text for item_id, text in texts.items() if text})


def can_send(service, instrument):
    """Only an instrument with wording for every item and every answer can go to a patient. A data-only
    one needs the service's licensed item text loaded (steptwo.measures.licensed_text) and, because its
    answer labels are numbers only (PDSS and SHAI word each item's answers differently), it is not sent
    until answer wording can be loaded too: sending bare numbers would change the instrument."""
    texts = wording(service, instrument).items
    answers_worded = all(option.label != str(option.value) for item in instrument.items for option in item.options)
    return answers_worded and all(item.id in texts for item in instrument.items)


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def expiry_for(days, now=None):
    """The end of the local day `days` days from now, so a link works all of its last day."""
    today = timezone.localtime(now or timezone.now()).date()
    last_day = today + datetime.timedelta(days=days)
    midnight = datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(midnight)


@transaction.atomic
def create_request(*, by, referral, instrument_ids, expires_in_days=DEFAULT_EXPIRY_DAYS):
    """Create a request and return (request, token). The token is not stored anywhere: show it once."""
    if not instrument_ids:
        raise ValueError("Choose at least one questionnaire")
    if not MIN_EXPIRY_DAYS <= expires_in_days <= MAX_EXPIRY_DAYS:
        raise ValueError(f"A link must expire after {MIN_EXPIRY_DAYS} to {MAX_EXPIRY_DAYS} days")
    service = referral.patient.service
    for instrument_id in instrument_ids:
        if not can_send(service, instruments.get(instrument_id)):
            raise ValueError(f"{instruments.get(instrument_id).short_name} has no wording to show a patient")
    token = secrets.token_urlsafe(32)
    completion_request = CompletionRequest.objects.create(
        patient=referral.patient, referral=referral, instrument_ids=list(instrument_ids),
        token_hash=hash_token(token), expires_at=expiry_for(expires_in_days), created_by=by,
    )  # fmt: skip
    detail = {"instruments": list(instrument_ids), "expires_at": completion_request.expires_at.isoformat()}
    audit.record(by=by, action=AuditAction.CREATE, obj=completion_request, detail=detail)
    return completion_request, token


def find(token):
    """The request a token opens, or None. Looked up by hash only."""
    if not token:
        return None
    return (
        CompletionRequest.objects.select_related("patient__service", "referral")
        .filter(token_hash=hash_token(token))
        .first()
    )


def state_of(completion_request, now=None):
    if completion_request.completed_at:
        return LinkState.COMPLETED
    if completion_request.expires_at <= (now or timezone.now()):
        return LinkState.EXPIRED
    return LinkState.OUTSTANDING


def works_until(completion_request):
    """The last day a link works (it expires at the end of that day, unless cancelled)."""
    return timezone.localtime(completion_request.expires_at - datetime.timedelta(microseconds=1)).date()


def outstanding(queryset, now=None):
    """Requests in `queryset` that the patient can still complete."""
    return queryset.filter(completed_at__isnull=True, expires_at__gt=now or timezone.now())


@transaction.atomic
def cancel(*, by, completion_request):
    """Stop an outstanding link working (e.g. it was sent to the wrong place): it expires now."""
    now = timezone.now()
    claimed = CompletionRequest.objects.filter(
        pk=completion_request.pk, completed_at__isnull=True, expires_at__gt=now
    ).update(expires_at=now, cancelled_at=now, cancelled_by=by)
    if not claimed:
        raise LinkNotOpen("This link has already been completed or has expired")
    completion_request.expires_at = completion_request.cancelled_at = now
    completion_request.cancelled_by = by
    audit.record(by=by, action=AuditAction.UPDATE, obj=completion_request, detail={"cancelled": True})
    return completion_request


@transaction.atomic
def complete(*, completion_request, answers):
    """Store the patient's answers and close the link; return the responses.

    answers: {instrument id: (item answers, context flags)} for every requested instrument.
    The link is claimed first with a conditional UPDATE, so two submissions cannot both be saved.
    Raises LinkNotOpen, or instruments.base.ScoringError (nothing is saved).
    """
    now = timezone.now()
    claimed = CompletionRequest.objects.filter(
        pk=completion_request.pk, completed_at__isnull=True, expires_at__gt=now
    ).update(completed_at=now)
    if not claimed:
        raise LinkNotOpen("This link has already been completed or has expired")
    completion_request.completed_at = now
    responses = []
    for instrument_id in completion_request.instrument_ids:
        item_answers, context = answers[instrument_id]
        response = services.record_response(
            by=None, referral=completion_request.referral, instrument_id=instrument_id, answers=item_answers,
            completed_by=CompletedBy.PATIENT_REMOTELY, completed_at=now, context=context,
            completion_request=completion_request,
        )  # fmt: skip
        responses.append(response)
    audit.record(by=None, action=AuditAction.UPDATE, obj=completion_request,
                 detail={"completion_request": completion_request.pk, "completed": True,
                         "responses": [response.pk for response in responses]})  # fmt: skip
    return responses


def raises_risk(answers):
    """True when any answer calls for a risk review (e.g. PHQ-9 question 9 above 0). answers as for complete()."""
    return any(
        instruments.get(instrument_id).score(item_answers, context=frozenset(context)).risks
        for instrument_id, (item_answers, context) in answers.items()
    )


@dataclass(frozen=True)
class RequestRow:
    """A request as staff see it in lists."""

    request: CompletionRequest
    state: str
    instruments: str  # "PHQ-9, GAD-7"
    works_until: datetime.date


def rows(requests, now=None):
    now = now or timezone.now()
    return [
        RequestRow(
            request=completion_request,
            state=state_of(completion_request, now),
            instruments=", ".join(instruments.get(i).short_name for i in completion_request.instrument_ids),
            works_until=works_until(completion_request),
        )
        for completion_request in requests
    ]
