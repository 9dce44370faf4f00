"""Referral histories for the outcome tests, built through the service functions.

Dates are in 2026 (pathway.at: local time, Europe/London; British Summer Time ends on 25 October 2026).
The `referral` fixture is received on 1 October 2026.
"""

import datetime

from steptwo.appointments import services as appointments
from steptwo.appointments.codes import AppType, AttendOrDNACode, ConsMechanism
from steptwo.letters.tests.pathway import at, contact, gad7, phq9
from steptwo.measures import instruments
from steptwo.measures import services as measures
from steptwo.outcomes.derivation import derive
from steptwo.referrals import discharge as discharging
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import EndCode, ReferralStatus
from steptwo.referrals.models import Referral
from steptwo.tests import builders

__all__ = ["at", "day"]


def day(month, number):
    return datetime.date(2026, month, number)


def new_referral(patient, team, pwp, received=None):
    return builders.make_referral(patient, team, pwp, received_date=received or day(10, 1))


def assess(pwp, referral, when, app_type=AppType.ASSESSMENT):
    """An attended assessment; the referral is then in treatment (so treatment can be booked)."""
    appointment = contact(pwp, referral, when, app_type, attendance=AttendOrDNACode.ATTENDED)
    referrals.change_status(by=pwp, referral=referral, to=ReferralStatus.IN_TREATMENT)
    return appointment


def treat(pwp, referral, *whens, attendance=AttendOrDNACode.ATTENDED, app_type=AppType.TREATMENT):
    return [contact(pwp, referral, when, app_type, ConsMechanism.TELEPHONE, attendance) for when in whens]


def unplanned(pwp, referral, when, app_type=AppType.TREATMENT):
    return appointments.record_unplanned_contact(
        by=pwp, referral=referral, practitioner=pwp, starts_at=when, duration_minutes=20, app_type=app_type,
        mechanism=ConsMechanism.TELEPHONE,
    )  # fmt: skip


def attended_after_discharge(pwp, appointment):
    """Correct an appointment's outcome to attended once the referral is discharged: the way a contact
    after the discharge date can arise here (discharge refuses a date before the last attended contact),
    as it can in imported data."""
    appointment.refresh_from_db()
    return appointments.record_outcome(
        by=pwp, appointment=appointment, attendance=AttendOrDNACode.ATTENDED, expected_version=appointment.version
    )


def discharge(pwp, referral, on, end_code=EndCode.COMPLETED):
    return discharging.discharge(by=pwp, referral=referral, end_code=end_code, discharge_date=on)


def score(pwp, referral, instrument_id, total, when):
    return measures.record_response(
        by=pwp, referral=referral, instrument_id=instrument_id, answers=answers(instrument_id, total),
        completed_by="clinician_session", completed_at=when,
    )  # fmt: skip


def scores(pwp, referral, instrument_id, *totals_and_whens):
    """score() for each (total, when)."""
    return [score(pwp, referral, instrument_id, total, when) for total, when in totals_and_whens]


def answers(instrument_id, total):
    """Item answers adding up to `total`: PHQ-9 and GAD-7 as the pathway tests build them (PHQ-9 question
    9 left at 0), any other instrument filled item by item with its highest value."""
    if instrument_id == "phq9":
        return phq9(total)
    if instrument_id == "gad7":
        return gad7(total)
    items = [item for item in instruments.get(instrument_id).items if item.scored]
    result, left = {}, total
    for item in items:
        result[item.id] = min(max(item.values), left)
        left -= result[item.id]
    assert left == 0, f"{instrument_id} cannot add up to {total}"
    return result


def outcome_of(referral, **options):
    """The derivation of one referral."""
    (outcome,) = derive(Referral.objects.filter(pk=referral.pk), **options)
    return outcome


def finished_course(pwp, referral, *, phq=(17, 6), gad=(12, 5), discharged=None, hour=10):
    """Assessed on 5 October, treated on 12 and 19 October, discharged on 20 October (end code 46), with
    PHQ-9 and GAD-7 first at the assessment and last at the second treatment contact. `hour`: when the
    appointments are, so that one practitioner can hold several such courses."""
    assess(pwp, referral, at(10, 5, hour))
    treat(pwp, referral, at(10, 12, hour), at(10, 19, hour))
    scores(pwp, referral, "phq9", (phq[0], at(10, 5, hour, 5)), (phq[1], at(10, 19, hour, 5)))
    scores(pwp, referral, "gad7", (gad[0], at(10, 5, hour, 10)), (gad[1], at(10, 19, hour, 10)))
    discharge(pwp, referral, discharged or day(10, 20))
    return referral
