"""Synthetic treatment history for the ETR tests, built through the service layer.

`course(...)` makes one referral for `patient`: an intake score on the assessment day, then one attended
treatment session a week, each with the scores given (None: no questionnaire at that session), and optionally
a discharge. Times are relative to today, so every contact is in the past.
"""

import datetime

from django.utils import timezone

from steptwo.appointments import services as appointments
from steptwo.appointments.codes import AppType, ConsMechanism
from steptwo.measures import services as measures
from steptwo.measures.models import CompletedBy
from steptwo.referrals import discharge as discharges
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import EndCode, ReferralStatus, SourceOfReferral

ITEMS = {"phq9": [f"q{n}" for n in range(1, 10)], "gad7": [f"q{n}" for n in range(1, 8)]}


def answers_for(instrument_id, total):
    """Answers (0-3 each) adding up to `total`; PHQ-9 question 9 stays 0 unless the total needs it."""
    answers = {}
    for item_id in ITEMS[instrument_id]:
        answers[item_id] = min(3, total)
        total -= answers[item_id]
    assert total == 0, "total out of range"
    return answers


def at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def record(by, referral, instrument_id, total, when):
    return measures.record_response(
        by=by, referral=referral, instrument_id=instrument_id, answers=answers_for(instrument_id, total),
        completed_by=CompletedBy.CLINICIAN_IN_SESSION, completed_at=when,
    )  # fmt: skip


def course(patient, team, pwp, *, intake, sessions, instrument_id="phq9", slot=0, discharged=True, evening_before=()):
    """A referral with an intake score and weekly treatment sessions; `sessions` lists each session's score.

    slot: keeps each course's contacts at their own hour (the practitioner's diary refuses clashes).
    evening_before: session numbers whose score was completed remotely the evening before the session.
    """
    first_day = timezone.localdate() - datetime.timedelta(days=7 * (len(sessions) + 2))
    referral = referrals.create_referral(
        by=pwp, patient=patient, team=team, received_date=first_day - datetime.timedelta(days=14),
        source=SourceOfReferral.GP, reason="Low mood", practitioner=pwp, status=ReferralStatus.ASSESSED,
    )  # fmt: skip
    record(pwp, referral, instrument_id, intake, at(first_day, 9 + slot))
    referrals.change_status(by=pwp, referral=referral, to=ReferralStatus.IN_TREATMENT)
    for number, score in enumerate(sessions, start=1):
        day = first_day + datetime.timedelta(days=7 * number)
        appointments.record_unplanned_contact(
            by=pwp, referral=referral, practitioner=pwp, starts_at=at(day, 9 + slot), duration_minutes=30,
            app_type=AppType.TREATMENT, mechanism=ConsMechanism.TELEPHONE,
        )  # fmt: skip
        if score is not None:
            when = at(day - datetime.timedelta(days=1), 19) if number in evening_before else at(day, 9 + slot)
            record(pwp, referral, instrument_id, score, when)
    if discharged:
        discharges.discharge(by=pwp, referral=referral, end_code=EndCode.COMPLETED, discharge_date=timezone.localdate())
    return referral
