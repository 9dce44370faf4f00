"""Writes for step 2 treatment: the plan's interventions, step-up and signposting. Session notes: notes.py."""

from django.db import transaction
from django.utils import timezone

from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.measures.first_last import first_and_last
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import OPEN_STATUSES, ReferralStatus
from steptwo.treatment.codes import DEFAULT_THERAPY_TYPE, LOW_INTENSITY_THERAPY_TYPES, Intervention, TherapyType
from steptwo.treatment.models import PlannedIntervention, Signposting, StepUp


@transaction.atomic
def add_intervention(*, by, referral, intervention, therapy_type=None):
    """Add a low-intensity intervention to the plan, recorded as its default data-set therapy type
    unless another low-intensity type is chosen (e.g. computer rather than book)."""
    intervention = Intervention(intervention)
    if intervention == Intervention.IMPORTED:
        raise NotAllowed("Choose the technique: imported care activities come only from a data-set import")
    if referral.status not in OPEN_STATUSES:
        raise NotAllowed("This referral has been discharged: its treatment plan can no longer change")
    if referral.interventions.filter(intervention=intervention, ended_at__isnull=True).exists():
        raise NotAllowed(f"{intervention.label} is already in the treatment plan")
    if therapy_type and TherapyType(therapy_type) not in LOW_INTENSITY_THERAPY_TYPES:
        raise NotAllowed(f"{TherapyType(therapy_type).label} is not a low-intensity therapy type")
    planned = PlannedIntervention.objects.create(
        referral=referral, intervention=intervention,
        therapy_type=therapy_type or DEFAULT_THERAPY_TYPE[intervention], added_by=by,
    )  # fmt: skip
    audit.record(by=by, action=AuditAction.CREATE, obj=planned, patient=referral.patient)
    return planned


@transaction.atomic
def end_intervention(*, by, planned):
    if planned.referral.status not in OPEN_STATUSES:
        raise NotAllowed("This referral has been discharged: its treatment plan can no longer change")
    if planned.ended_at:
        raise NotAllowed(f"{planned} has already ended")
    planned.ended_at, planned.ended_by = timezone.now(), by
    planned.save(update_fields=["ended_at", "ended_by"])
    audit.record(by=by, action=AuditAction.UPDATE, obj=planned, detail={"ended": True})
    return planned


@transaction.atomic
def step_up(*, by, referral, reason):
    """Hand the referral to high-intensity therapy in the service: it joins the HI waiting list.
    The latest scores are kept with the step-up, as they were that day."""
    if not reason.strip():
        raise NotAllowed("Give the reason for stepping up")
    if referral.status == ReferralStatus.STEPPED_UP:
        raise NotAllowed("This referral has already been stepped up: it is on the high-intensity waiting list")
    referrals.check_transition(referral, ReferralStatus.STEPPED_UP)
    scores = {instrument_id: entry["last"] for instrument_id, entry in first_and_last(referral).items()}
    record = StepUp.objects.create(referral=referral, reason=reason, scores=scores, stepped_up_by=by)
    referrals.change_status(by=by, referral=referral, to=ReferralStatus.STEPPED_UP, note=reason)
    audit.record(by=by, action=AuditAction.CREATE, obj=record, patient=referral.patient)
    return record


@transaction.atomic
def signpost(*, by, referral, organisation, note=""):
    """Record that the patient was given an organisation's details. It does not end the referral."""
    if organisation.service_id != referral.patient.service_id:
        raise NotAllowed("That organisation is not in this service's signposting directory")
    if not organisation.active:
        raise NotAllowed(f"{organisation} is no longer in the signposting directory")
    record = Signposting.objects.create(referral=referral, organisation=organisation, note=note, signposted_by=by)
    audit.record(by=by, action=AuditAction.CREATE, obj=record, patient=referral.patient)
    return record
