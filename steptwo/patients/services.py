"""Writes for patients. Views, commands and tests call these; nothing else saves a Patient."""

from django.db import transaction

from steptwo.core.concurrency import update_if_unchanged
from steptwo.core.errors import StaleEditError  # noqa: F401  (views catch it from here)
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.patients.models import Patient

EDITABLE_FIELDS = [
    "nhs_number", "given_name", "family_name", "preferred_name", "date_of_birth",
    "gender_identity", "ethnic_category", "address_line_1", "address_line_2", "town", "postcode",
    "mobile_phone", "other_phone", "email", "consent_to_sms", "consent_to_email",
    "consent_to_letters", "consent_to_voicemail", "gp_practice_name", "gp_practice_code", "interpreter_required",
    "preferred_language", "communication_needs",
]  # fmt: skip


@transaction.atomic
def create_patient(*, by, service, **fields):
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown patient fields: {sorted(unknown)}")
    patient = Patient.objects.create(service=service, created_by=by, **fields)
    audit.record(by=by, action=AuditAction.CREATE, obj=patient)
    return patient


@transaction.atomic
def update_patient(*, by, patient, expected_version, **fields):
    """Save changed fields, refusing the edit if the record moved on since `expected_version`."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown patient fields: {sorted(unknown)}")
    changed = {name: value for name, value in fields.items() if getattr(patient, name) != value}
    update_if_unchanged(patient, expected_version=expected_version, **changed)
    audit.record(by=by, action=AuditAction.UPDATE, obj=patient, detail={"fields": sorted(changed)})
    return patient
