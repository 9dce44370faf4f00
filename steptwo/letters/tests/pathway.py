"""A course of care built through the service functions, for the discharge, letter and data-set tests.

Dates are in October and November 2026: the referral fixture is received on 1 October 2026.
"""

import datetime

from django.utils import timezone

from steptwo.appointments import services as appointments
from steptwo.appointments.codes import AppType, AttendOrDNACode, ConsMechanism
from steptwo.measures import services as measures
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import ReferralStatus
from steptwo.treatment import services as treatment
from steptwo.treatment.codes import Intervention


def at(month, day, hour=10, minute=0):
    """An aware datetime in the service's local time (Europe/London)."""
    return timezone.make_aware(datetime.datetime(2026, month, day, hour, minute))


def contact(by, referral, starts_at, app_type, mechanism=ConsMechanism.FACE_TO_FACE, attendance=None, minutes=30):
    """Book an appointment and, if `attendance` is given, record its outcome."""
    appointment = appointments.book_appointment(
        by=by, referral=referral, practitioner=by, starts_at=starts_at, duration_minutes=minutes,
        app_type=app_type, mechanism=mechanism,
    )  # fmt: skip
    if attendance:
        appointments.record_outcome(
            by=by, appointment=appointment, attendance=attendance, expected_version=appointment.version
        )
    return appointment


def phq9(total):
    """PHQ-9 answers adding up to `total` (at most 24), question 9 left at 0 so no risk task is raised."""
    return {f"q{n}": min(3, max(0, total - 3 * (n - 1))) if n < 9 else 0 for n in range(1, 10)}


def gad7(total):
    return {f"q{n}": min(3, max(0, total - 3 * (n - 1))) for n in range(1, 8)}


def score(by, referral, instrument_id, answers, when):
    return measures.record_response(
        by=by, referral=referral, instrument_id=instrument_id, answers=answers,
        completed_by="clinician_session", completed_at=when,
    )  # fmt: skip


def assessed(by, referral):
    """An attended face-to-face assessment on 5 October with PHQ-9 17 and GAD-7 12; now in treatment."""
    assessment = contact(by, referral, at(10, 5), AppType.ASSESSMENT, attendance=AttendOrDNACode.ATTENDED)
    score(by, referral, "phq9", phq9(17), at(10, 5, 10, 5))
    score(by, referral, "gad7", gad7(12), at(10, 5, 10, 10))
    referrals.change_status(by=by, referral=referral, to=ReferralStatus.IN_TREATMENT)
    return assessment


def treated(by, referral):
    """Assessed, then behavioural activation over two attended telephone sessions (12 and 19 October);
    PHQ-9 falls 17 → 6 and GAD-7 12 → 5. Returns the treatment appointments."""
    assessed(by, referral)
    treatment.add_intervention(by=by, referral=referral, intervention=Intervention.BEHAVIOURAL_ACTIVATION)
    sessions = [
        contact(by, referral, at(10, day), AppType.TREATMENT, ConsMechanism.TELEPHONE, AttendOrDNACode.ATTENDED)
        for day in (12, 19)
    ]
    score(by, referral, "phq9", phq9(6), at(10, 19, 10, 5))
    score(by, referral, "gad7", gad7(5), at(10, 19, 10, 10))
    return sessions
