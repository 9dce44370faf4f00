"""Referral intake and triage: the only writer of IncomingReferral.

A referral arrives from the public self-referral form or is typed in by staff from a professional's
letter. Triage then accepts it for a new patient, accepts it for an existing patient (a "merge": a new
Referral on that patient's record, whose details are left as they are), or rejects it with a reason.
Accepting puts the Referral on the chosen team's waiting list, its clock starting on the date the
referral was received (domain reference §3).
"""

import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from steptwo.core.errors import NotAllowed
from steptwo.core.formatting import age_on, format_date, format_nhs_number
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.patients.models import Patient
from steptwo.patients.services import create_patient
from steptwo.referrals import matching, rate_limit
from steptwo.referrals.codes import OPEN_STATUSES, IncomingStatus, SourceOfReferral
from steptwo.referrals.models import IncomingReferral
from steptwo.referrals.services import create_referral

logger = logging.getLogger(__name__)

# No 0/O, 1/I/L or 5/S lookalikes, so a reference can be read out over the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXYZ2346789"
REFERENCE_LENGTH = 6
SELF_REFERRAL_PREFIX = "SR-"
PROFESSIONAL_REFERRAL_PREFIX = "PR-"
# NHS Talking Therapies is a service for adults; under-18s are seen by children and young people's services.
MINIMUM_AGE = 18
UNDER_MINIMUM_AGE = (
    "You must be 18 or over to refer yourself to this service. If you are under 18, you can get help from "
    "your local children and young people's mental health services (CYPMHS): ask your GP or school nurse, "
    "or search for ‘CYPMHS’ and the name of your area."
)
DEFAULT_RATE_LIMIT = (5, 3600)  # submissions per client IP, per this many seconds

# The person's details, as the forms give them.
DETAIL_FIELDS = frozenset({
    "given_name", "family_name", "date_of_birth", "nhs_number", "address_line_1", "town", "postcode",
    "mobile_phone", "email", "consent_to_sms", "consent_to_email", "ok_to_leave_voicemail", "gp_practice_name",
    "preferred_language", "interpreter_required", "communication_needs", "reason", "duration",
})  # fmt: skip


class RateLimited(NotAllowed):
    """Too many self-referrals from one place in a short time."""


@dataclass(frozen=True)
class Accepted:
    referral: object
    patient: object
    differences: tuple = ()  # matching.ComparisonRow: details the referral gives that the record lacks


def self_referral_rate_limit():
    return getattr(settings, "SELF_REFERRAL_RATE_LIMIT", DEFAULT_RATE_LIMIT)


def new_reference(prefix):
    for _ in range(20):
        reference = prefix + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
        if not IncomingReferral.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("Could not find an unused referral reference")  # 29**6 ≈ 600 million: never in practice


def is_under_minimum_age(date_of_birth, today=None):
    return age_on(date_of_birth, today or timezone.localdate()) < MINIMUM_AGE


@transaction.atomic
def submit_self_referral(*, service, client_ip, honeypot="", **details):
    """Keep a self-referral for triage and return its reference.

    Raises RateLimited once `client_ip` has sent more than the limit this window (keeping nothing). A
    filled honeypot (a field people never see) means a bot: it gets a reference like anyone else, so it
    cannot tell, but nothing is kept.
    """
    limit, window = self_referral_rate_limit()
    if not rate_limit.hit(rate_limit.key_for("self-referral", client_ip or "unknown"), limit=limit, window=window):
        raise RateLimited(
            "We have had a lot of referrals from this internet connection in a short time, so we could not "
            "take this one. Try again in an hour, or phone the service."
        )
    reference = new_reference(SELF_REFERRAL_PREFIX)
    if honeypot:
        logger.info("Self-referral to service %s not kept: the hidden field was filled in", service.pk)
        return reference
    if is_under_minimum_age(details["date_of_birth"]):
        raise NotAllowed(UNDER_MINIMUM_AGE)
    incoming = _create(
        # B1 "Self-referral" (SourceOfReferralIAPT, domain reference §4.6).
        service=service, reference=reference, source=SourceOfReferral.SELF, received_date=timezone.localdate(),
        entered_by=None, details=details,
    )  # fmt: skip
    audit.record(by=None, action=AuditAction.CREATE, obj=incoming, service=service)
    return reference


@transaction.atomic
def enter_professional_referral(*, by, source, received_date, referrer="", **details):
    """A referral from a GP or other professional, typed in by staff, for triage."""
    if received_date > timezone.localdate():
        raise NotAllowed("The date the referral was received must be today or in the past")
    incoming = _create(
        service=by.service, reference=new_reference(PROFESSIONAL_REFERRAL_PREFIX), source=source,
        received_date=received_date, entered_by=by, details=details | {"referrer": referrer},
    )  # fmt: skip
    audit.record(by=by, action=AuditAction.CREATE, obj=incoming)
    return incoming


def _create(*, details, **fields):
    unknown = set(details) - DETAIL_FIELDS - {"referrer"}
    if unknown:
        raise TypeError(f"Unknown referral fields: {sorted(unknown)}")
    return IncomingReferral.objects.create(**fields, **details)


@transaction.atomic
def accept_as_new_patient(*, by, incoming, team, practitioner=None):
    """Add the person as a new patient, with the referral on `team`'s waiting list."""
    incoming = _awaiting_triage(by, incoming)
    _check_team(incoming, team, practitioner)
    existing = matching.exact_matches(incoming, Patient.objects.filter(service=incoming.service)).first()
    if existing:
        raise NotAllowed(
            f"{existing.full_name} (born {format_date(existing.date_of_birth)}) already has NHS number "
            f"{format_nhs_number(existing.nhs_number)}: accept the referral for that patient instead"
        )
    patient = create_patient(by=by, service=incoming.service, **_patient_fields(incoming))
    referral = _create_referral(by, incoming, patient, team, practitioner)
    _close(by, incoming, IncomingStatus.ACCEPTED, referral=referral)
    audit.record(by=by, action=AuditAction.UPDATE, obj=incoming, patient=patient,
                 detail={"decision": "accepted_new_patient", "referral": referral.pk})  # fmt: skip
    return Accepted(referral=referral, patient=patient)


@transaction.atomic
def accept_for_existing_patient(*, by, incoming, patient, team, practitioner=None):
    """Add the referral to an existing patient's record. Their details are not changed: the ones the
    referral gives differently are returned, for staff to check with the person and update by hand."""
    incoming = _awaiting_triage(by, incoming)
    _check_same_person_possible(incoming, patient)
    open_referral = patient.referrals.filter(status__in=OPEN_STATUSES).order_by("received_date").first()
    if open_referral:
        raise NotAllowed(
            f"{patient.full_name} has an open referral received {format_date(open_referral.received_date)} "
            f"({open_referral.get_status_display().lower()}); add to that one instead"
        )
    _check_team(incoming, team, practitioner)
    referral = _create_referral(by, incoming, patient, team, practitioner)
    _close(by, incoming, IncomingStatus.ACCEPTED, referral=referral)
    audit.record(by=by, action=AuditAction.UPDATE, obj=incoming, patient=patient,
                 detail={"decision": "accepted_existing_patient", "referral": referral.pk})  # fmt: skip
    return Accepted(
        referral=referral, patient=patient, differences=tuple(matching.contact_differences(incoming, patient))
    )


@transaction.atomic
def reject(*, by, incoming, reason):
    reason = (reason or "").strip()
    if not reason:
        raise NotAllowed("Enter why the referral is being rejected")
    incoming = _awaiting_triage(by, incoming)
    _close(by, incoming, IncomingStatus.REJECTED, rejection_reason=reason)
    audit.record(by=by, action=AuditAction.UPDATE, obj=incoming, service=incoming.service,
                 detail={"decision": "rejected"})  # fmt: skip
    return incoming


def _awaiting_triage(by, incoming):
    """The referral, locked and read afresh, if it still awaits triage by someone in its service."""
    if by.service_id != incoming.service_id:
        raise NotAllowed("This referral is for another service")
    IncomingReferral.objects.select_for_update().get(pk=incoming.pk)  # lock the row before reading its status
    incoming.refresh_from_db()
    if incoming.status != IncomingStatus.NEW:
        who = incoming.triaged_by.get_full_name() if incoming.triaged_by else "someone else"
        raise NotAllowed(
            f"This referral has already been triaged: {incoming.get_status_display().lower()} by {who} "
            f"on {format_date(timezone.localtime(incoming.triaged_at))}"
        )
    return incoming


def _check_team(incoming, team, practitioner):
    if team.service_id != incoming.service_id:
        raise NotAllowed("Choose a team in this service")
    if practitioner and not practitioner.teams.filter(pk=team.pk).exists():
        raise NotAllowed(f"{practitioner.get_full_name()} is not in {team.name}. Choose someone in that team")


def _check_same_person_possible(incoming, patient):
    if patient.service_id != incoming.service_id:
        raise NotAllowed("This patient is not in the referral's service")
    if incoming.nhs_number and patient.nhs_number and incoming.nhs_number != patient.nhs_number:
        raise NotAllowed(
            f"The referral gives NHS number {format_nhs_number(incoming.nhs_number)} but {patient.full_name}'s is "
            f"{format_nhs_number(patient.nhs_number)}, so they are different people. If the referral's number is "
            "wrong, check with the person, add the referral from the patient's record, and reject this one saying why"
        )
    if incoming.nhs_number and not patient.nhs_number:
        holder = Patient.objects.filter(service=incoming.service, nhs_number=incoming.nhs_number).first()
        if holder:
            raise NotAllowed(
                f"{holder.full_name} (born {format_date(holder.date_of_birth)}) has the referral's NHS number: "
                "accept the referral for that patient instead"
            )


def _patient_fields(incoming):
    return {
        "given_name": incoming.given_name, "family_name": incoming.family_name,
        "date_of_birth": incoming.date_of_birth, "nhs_number": incoming.nhs_number,
        "address_line_1": incoming.address_line_1, "town": incoming.town, "postcode": incoming.postcode,
        "mobile_phone": incoming.mobile_phone, "email": incoming.email, "consent_to_sms": incoming.consent_to_sms,
        "consent_to_email": incoming.consent_to_email, "gp_practice_name": incoming.gp_practice_name,
        "preferred_language": incoming.preferred_language, "interpreter_required": incoming.interpreter_required,
        "communication_needs": incoming.communication_needs, "consent_to_voicemail": incoming.ok_to_leave_voicemail,
    }  # fmt: skip


def _create_referral(by, incoming, patient, team, practitioner):
    reason = incoming.reason
    if incoming.duration:
        reason = f"{reason}\n\nHow long: {incoming.duration}"
    return create_referral(
        by=by, patient=patient, team=team, received_date=incoming.received_date, source=incoming.source,
        reason=reason, practitioner=practitioner,
    )  # fmt: skip


def _close(by, incoming, status, **fields):
    incoming.status = status
    incoming.triaged_at = timezone.now()
    incoming.triaged_by = by
    for name, value in fields.items():
        setattr(incoming, name, value)
    incoming.save(update_fields=["status", "triaged_at", "triaged_by", *fields])


def awaiting_triage_count(user):
    """For navigation: how many referrals wait for triage in the user's service (0 if they may not see them)."""
    return IncomingReferral.objects.for_user(user).awaiting_triage().count()
