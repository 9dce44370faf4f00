"""Small builders for appointment tests: times relative to now, booked through the service layer."""

import datetime

from django.utils import timezone

from steptwo.appointments import services
from steptwo.appointments.codes import AppType, AttendOrDNACode, ConsMechanism
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import ReferralStatus


def local(day, hour=10, minute=0):
    """An aware datetime on `day` at hour:minute, London time."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def days_from_now(days, hour=10, minute=0):
    return local(timezone.localdate() + datetime.timedelta(days=days), hour, minute)


def book(referral, *, by, starts_at, app_type=AppType.TREATMENT, minutes=30, practitioner=None):
    return services.book_appointment(
        by=by, referral=referral, practitioner=practitioner or by, starts_at=starts_at, duration_minutes=minutes,
        app_type=app_type, mechanism=ConsMechanism.TELEPHONE,
    )  # fmt: skip


def attend(appointment, *, by, attendance=AttendOrDNACode.ATTENDED):
    return services.record_outcome(
        by=by, appointment=appointment, attendance=attendance, expected_version=appointment.version
    )


def assess(referral, *, by):
    return referrals.change_status(by=by, referral=referral, to=ReferralStatus.ASSESSED)


def discharge(referral, *, by):
    return referrals.change_status(by=by, referral=referral, to=ReferralStatus.DISCHARGED)
