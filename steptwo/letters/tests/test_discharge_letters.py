import io
import re

import pytest
from pypdf import PdfReader

from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.letters import services
from steptwo.letters.models import Letter, LetterKind
from steptwo.letters.tests import pathway
from steptwo.referrals import discharge as discharging
from steptwo.referrals.codes import EndCode

pytestmark = pytest.mark.django_db

PLAN = {
    "outcome_summary": "Alex's mood lifted as routine returned.\nBack at work part time.",
    "warning_signs": "Staying in bed late; cancelling plans with friends",
    "what_helps": "Morning walk; weekly activity plan",
    "support_contacts": "Partner; GP",
    "setback_plan": "Restart the activity diary for two weeks",
}


def text_of(letter):
    """The letter's text as a reader sees it, with line breaks and runs of spaces made single spaces."""
    reader = PdfReader(io.BytesIO(bytes(letter.pdf)))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def discharged(pwp, patient, referral):
    patient.gp_practice_name = "Riverside Medical Centre"
    patient.save(update_fields=["gp_practice_name"])
    pathway.treated(pwp, referral)
    return discharging.discharge(
        by=pwp, referral=referral, end_code=EndCode.COMPLETED, discharge_date=pathway.at(10, 26).date(), **PLAN
    )


def test_discharge_letters_are_stored_pdfs_to_the_gp_and_the_patient(pwp, discharged):
    gp_letter, patient_letter = services.create_discharge_letters(by=pwp, discharge=discharged)

    assert (gp_letter.kind, gp_letter.recipient) == (LetterKind.GP_DISCHARGE, "Riverside Medical Centre")
    assert (patient_letter.kind, patient_letter.recipient) == (LetterKind.PATIENT_DISCHARGE, "Alex Example")
    for letter in (gp_letter, patient_letter):
        letter.refresh_from_db()
        assert bytes(letter.pdf).startswith(b"%PDF")
        assert letter.created_by == pwp
        assert len(letter.sha256) == 64
    assert set(
        AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="letter").values_list("object_id", flat=True)
    ) == {str(gp_letter.pk), str(patient_letter.pk)}


def test_the_gp_letter_names_the_patient_and_gives_the_outcome_scores_and_plan(pwp, discharged):
    gp_letter, _ = services.create_discharge_letters(by=pwp, discharge=discharged)
    text = text_of(gp_letter)

    assert "Re: Alex Example, date of birth 15 June 1985, NHS number 943 476 5919" in text
    assert "Riverside Medical Centre" in text
    assert "received a referral for Alex Example on 1 October 2026" in text
    assert "discharged on 26 October 2026" in text
    assert "Mutually agreed completion of treatment (end code 46)" in text
    assert "attended 3 appointments, of which 2 were treatment sessions" in text
    assert "Interventions delivered: Behavioural activation" in text
    assert "17 on 5 October 2026, at or above the clinical threshold (10)" in text
    assert "6 on 19 October 2026, below the clinical threshold (10)" in text
    assert "down 11" in text
    assert "12 on 5 October 2026, at or above the clinical threshold (8)" in text
    assert "Back at work part time." in text
    assert "Staying in bed late" in text
    assert "No risk assessment was recorded." in text


def test_the_patient_letter_has_the_whole_plan_and_the_services_crisis_text(pwp, service, discharged):
    service.crisis_text = "Call the Northshire crisis line on 0800 000 0000, day or night."
    service.save(update_fields=["crisis_text"])
    _, patient_letter = services.create_discharge_letters(by=pwp, discharge=discharged)
    text = text_of(patient_letter)

    assert "Dear Alex," in text
    assert "NHS number 943 476 5919" in text
    assert "Mutually agreed completion of treatment" in text
    for section in PLAN.values():
        assert section.replace("\n", " ") in text
    assert "Call the Northshire crisis line on 0800 000 0000, day or night." in text
    assert "refer yourself" in text


def test_a_new_copy_is_a_new_row_and_the_old_letter_is_kept_unchanged(pwp, discharged):
    gp_letter, _ = services.create_discharge_letters(by=pwp, discharge=discharged)
    original = bytes(gp_letter.pdf)

    copy = services.create_new_copy(by=pwp, letter=gp_letter)

    gp_letter.refresh_from_db()
    assert copy.pk != gp_letter.pk and copy.kind == gp_letter.kind
    assert bytes(gp_letter.pdf) == original
    assert Letter.objects.filter(referral=discharged.referral, kind=LetterKind.GP_DISCHARGE).count() == 2


def test_no_letter_to_a_patient_who_has_not_agreed_to_letters(pwp, patient, discharged):
    patient.consent_to_letters = False
    patient.save(update_fields=["consent_to_letters"])

    (gp_letter,) = services.create_discharge_letters(by=pwp, discharge=discharged)

    assert gp_letter.kind == LetterKind.GP_DISCHARGE
    assert not Letter.objects.filter(kind=LetterKind.PATIENT_DISCHARGE).exists()


def test_no_new_copy_of_a_patients_letter_once_they_withdraw_consent(pwp, patient, discharged):
    _, patient_letter = services.create_discharge_letters(by=pwp, discharge=discharged)
    patient.consent_to_letters = False
    patient.save(update_fields=["consent_to_letters"])

    with pytest.raises(NotAllowed, match="has not agreed to letters"):
        services.create_new_copy(by=pwp, letter=patient_letter)
    assert Letter.objects.filter(kind=LetterKind.PATIENT_DISCHARGE).count() == 1
