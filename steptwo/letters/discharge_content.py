"""What the two discharge letters say, gathered once: the templates only lay it out."""

from django.utils import timezone

from steptwo.letters.summary import score_rows
from steptwo.referrals.codes import EndCode, EndCodeGroup
from steptwo.referrals.discharge import course_summary

GP_TEMPLATE = "letters/gp_discharge.jinja"
PATIENT_TEMPLATE = "letters/patient_discharge.jinja"


def discharge_context(*, by, discharge):
    """The context both discharge letters share."""
    referral = discharge.referral
    patient = referral.patient
    course = course_summary(referral)
    return {
        "service": patient.service,
        "team": referral.team,
        "patient": patient,
        "referral": referral,
        "discharge": discharge,
        "end_code": EndCode(discharge.end_code),
        "course": course,
        "treated": course.group == EndCodeGroup.TREATED,
        "scores": score_rows(discharge.scores),
        "risk_level": referral.get_risk_level_display(),
        "plan": staying_well_plan(discharge),
        "letter_date": timezone.localdate(),
        "author": by,
    }


def staying_well_plan(discharge):
    """The plan's sections that were filled in, as (heading for the GP, heading for the patient, text)."""
    sections = (
        ("Warning signs", "Signs that things may be getting harder", discharge.warning_signs),
        ("What helps", "What helps you stay well", discharge.what_helps),
        ("Who to contact", "Who you can contact", discharge.support_contacts),
        ("Plan for setbacks", "What to do if you have a setback", discharge.setback_plan),
    )
    return [(gp_heading, patient_heading, text) for gp_heading, patient_heading, text in sections if text.strip()]


def gp_recipient(patient):
    return patient.gp_practice_name or "The patient's GP (practice not recorded)"


def patient_recipient(patient):
    return patient.full_name
