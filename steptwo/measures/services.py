"""Writes for questionnaire responses. The total is computed only by Instrument.score."""

from django.db import transaction
from django.utils import timezone

from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.measures import instruments
from steptwo.measures.models import CompletedBy, ItemAnswer, QuestionnaireResponse, ResponseStatus
from steptwo.tasks import services as tasks


@transaction.atomic
def record_response(
    *, by, referral, instrument_id, answers, completed_by, completed_at=None, context=(), completion_request=None,
    supersedes=None, appointment=None,
):  # fmt: skip
    """Score and store a completed response; raise a risk-review task if an answer calls for one.

    by: the signed-in user, or None when the patient completes it remotely.
    appointment: the care contact it was completed in, if any (one of the referral's appointments);
    completed_at then defaults to the appointment's start.
    Raises instruments.base.ScoringError (nothing saved) when an item is unanswered or invalid.
    """
    if appointment is not None and appointment.referral_id != referral.pk:
        raise ValueError("The appointment must belong to the referral")
    completed_at = completed_at or (appointment.starts_at if appointment else timezone.now())
    instrument = instruments.get(instrument_id)
    score = instrument.score(answers, context=frozenset(context))
    response = QuestionnaireResponse.objects.create(
        patient=referral.patient, referral=referral, instrument_id=instrument.id,
        instrument_version=instrument.version, total=score.total, band=score.band, context=sorted(context),
        status=ResponseStatus.COMPLETED, completed_at=completed_at,
        completed_by=CompletedBy(completed_by), recorded_by=by, completion_request=completion_request,
        supersedes=supersedes, appointment=appointment,
    )  # fmt: skip
    ItemAnswer.objects.bulk_create(
        ItemAnswer(response=response, item_id=item_id, value=value)
        for item_id, value in answers.items()
        if value is not None
    )
    audit.record(by=by, action=AuditAction.CREATE, obj=response, patient=referral.patient, service=referral.patient.service,
                 detail={"instrument": instrument.id, "total": str(score.total)})  # fmt: skip
    for rule in score.risks:
        tasks.raise_risk_review(response=response, rule=rule)
    return response


@transaction.atomic
def correct_response(*, by, response, answers, reason, context=None):
    """A correction is a new response that supersedes the old; the old one is kept, marked in error."""
    mark_entered_in_error(by=by, response=response, reason=reason)
    return record_response(
        by=by, referral=response.referral, instrument_id=response.instrument_id, answers=answers,
        completed_by=response.completed_by, completed_at=response.completed_at,
        context=response.context if context is None else context, supersedes=response,
        appointment=response.appointment,
    )  # fmt: skip


@transaction.atomic
def mark_entered_in_error(*, by, response, reason):
    if not reason.strip():
        raise ValueError("Give a reason for marking a response as entered in error")
    if response.status == ResponseStatus.ENTERED_IN_ERROR:
        raise ValueError("This response is already marked as entered in error")
    response.status = ResponseStatus.ENTERED_IN_ERROR
    response.error_reason = reason
    response.marked_in_error_at = timezone.now()
    response.marked_in_error_by = by
    response.save(update_fields=["status", "error_reason", "marked_in_error_at", "marked_in_error_by"])
    audit.record(by=by, action=AuditAction.UPDATE, obj=response, detail={"entered_in_error": reason})
    return response
