"""Writes for letters: render to PDF once and store the bytes with their SHA-256, who and when.

A stored letter is never re-rendered: what was sent stays exactly as sent. A new copy (after a
correction, say) is a new row.
"""

import hashlib

from django.db import transaction

from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.letters import discharge_content, rendering
from steptwo.letters.models import Letter, LetterKind
from steptwo.referrals import discharge as discharging


@transaction.atomic
def create_letter(*, by, referral, kind, recipient, template_name, context):
    """Render `template_name` with `context` to PDF and store it as a new Letter."""
    pdf = rendering.render_pdf(template_name, context)
    letter = Letter.objects.create(
        referral=referral, kind=LetterKind(kind), recipient=recipient, pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(), created_by=by,
    )  # fmt: skip
    audit.record(
        by=by, action=AuditAction.CREATE, obj=letter, patient=referral.patient,
        detail={"kind": letter.kind, "recipient": recipient, "sha256": letter.sha256},
    )  # fmt: skip
    return letter


@transaction.atomic
def create_discharge_letters(*, by, discharge):
    """The discharge letters: [gp_letter, patient_letter], or [gp_letter] when the patient has not agreed to
    letters (Patient.consent_to_letters)."""
    kinds = discharge_letter_kinds(discharge.referral.patient)
    return [create_discharge_letter(by=by, discharge=discharge, kind=kind) for kind in kinds]


def discharge_letter_kinds(patient):
    """The discharge letters made for this patient: to the GP always, to the patient only with their consent."""
    if patient.consent_to_letters:
        return list(DISCHARGE_KINDS)
    return [LetterKind.GP_DISCHARGE]


@transaction.atomic
def create_discharge_letter(*, by, discharge, kind):
    kind = LetterKind(kind)
    template_name, recipient_of = DISCHARGE_KINDS[kind]
    return create_letter(
        by=by, referral=discharge.referral, kind=kind, recipient=recipient_of(discharge.referral.patient),
        template_name=template_name, context=discharge_content.discharge_context(by=by, discharge=discharge),
    )  # fmt: skip


@transaction.atomic
def create_new_copy(*, by, letter):
    """Render the letter again from the record as it is now, as a new row; the old one is kept. Refused for
    a letter to a patient who has not agreed to letters (any more)."""
    patient = letter.referral.patient
    if letter.kind not in discharge_letter_kinds(patient):
        raise NotAllowed(f"{patient.full_name} has not agreed to letters, so no new copy of their letter is made")
    return create_discharge_letter(by=by, discharge=letter.referral.discharge, kind=letter.kind)


DISCHARGE_KINDS = {
    LetterKind.GP_DISCHARGE: (discharge_content.GP_TEMPLATE, discharge_content.gp_recipient),
    LetterKind.PATIENT_DISCHARGE: (discharge_content.PATIENT_TEMPLATE, discharge_content.patient_recipient),
}


@transaction.atomic
def discharge_with_letters(*, by, referral, end_code, discharge_date, **plan):
    """Discharge (referrals.discharge.discharge) and create both letters, all or nothing."""
    record = discharging.discharge(by=by, referral=referral, end_code=end_code, discharge_date=discharge_date, **plan)
    return record, create_discharge_letters(by=by, discharge=record)
