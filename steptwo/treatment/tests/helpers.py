"""Test data for treatment, built through the services: attended sessions on a referral in treatment."""

import datetime

from django.utils import timezone

from steptwo.appointments import services as appointments
from steptwo.appointments.codes import AppType, AttendOrDNACode, ConsMechanism
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import ReferralStatus


def start_treatment(referral, by):
    """WAITING → ASSESSED → IN_TREATMENT, as the state machine allows."""
    referrals.change_status(by=by, referral=referral, to=ReferralStatus.ASSESSED)
    referrals.change_status(by=by, referral=referral, to=ReferralStatus.IN_TREATMENT)
    return referral


def session(referral, practitioner, *, days_ago=1, attendance=AttendOrDNACode.ATTENDED, app_type=AppType.TREATMENT):
    """An appointment `days_ago` days back (negative: in the future), with its outcome if one is given."""
    starts_at = (timezone.now() - datetime.timedelta(days=days_ago)).replace(second=0, microsecond=0)
    appointment = appointments.book_appointment(
        by=practitioner, referral=referral, practitioner=practitioner, starts_at=starts_at, duration_minutes=30,
        app_type=app_type, mechanism=ConsMechanism.TELEPHONE,
    )  # fmt: skip
    if attendance:
        appointments.record_outcome(
            by=practitioner, appointment=appointment, attendance=attendance, expected_version=appointment.version
        )
        appointment.refresh_from_db()
    return appointment
