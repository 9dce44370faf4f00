"""Builders for small case histories (case facts and caseload tests), written through the service layer
where one exists. Times are relative to today so "since" and "days" rules read naturally."""

import datetime
from decimal import Decimal

from django.utils import timezone

from steptwo.appointments.codes import AppType, AttendOrDNACode
from steptwo.appointments.tests.make import attend, book, local
from steptwo.assessments import risk
from steptwo.assessments.codes import YesNo
from steptwo.measures import instruments
from steptwo.measures import services as measures
from steptwo.measures.models import CompletedBy
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import ReferralStatus
from steptwo.supervision.codes import CaseDecision, SupervisionKind
from steptwo.supervision.models import CaseDiscussion, EtrCurveSet, EtrPoint, SupervisionSession


def days_ago(days, hour=10):
    return local(timezone.localdate() - datetime.timedelta(days=days), hour)


def start_treatment(referral, *, by):
    referrals.change_status(by=by, referral=referral, to=ReferralStatus.IN_TREATMENT)
    return referral


def contact(referral, *, by, days, attendance=AttendOrDNACode.ATTENDED, app_type=AppType.TREATMENT, hour=10):
    """An appointment `days` ago (negative: ahead) with its outcome; attendance "" leaves it without one."""
    appointment = book(referral, by=by, starts_at=days_ago(days, hour), app_type=app_type)
    if attendance:
        appointment = attend(appointment, by=by, attendance=attendance)
    return appointment


def answers_for(instrument_id, total, **fixed):
    """Answers adding up to `total`: `fixed` items first (e.g. q9=1), the rest filled from the first item."""
    answers = {item.id: 0 for item in instruments.get(instrument_id).items if item.scored}
    answers.update(fixed)
    remaining = total - sum(answers.values())
    for item in instruments.get(instrument_id).items:
        if item.scored and item.id not in fixed and remaining > 0:
            answers[item.id] = min(max(item.values), remaining)
            remaining -= answers[item.id]
    assert remaining == 0, "total too high for the instrument"
    return answers


def score(referral, instrument_id, total, *, days, hour=12, **fixed):
    response = measures.record_response(
        by=None, referral=referral, instrument_id=instrument_id, answers=answers_for(instrument_id, total, **fixed),
        completed_by=CompletedBy.PATIENT_REMOTELY, completed_at=days_ago(days, hour),
    )  # fmt: skip
    assert response.total == Decimal(total)
    return response


def risk_assessment(referral, *, by, level, days, hour=11):
    row = risk.record_risk_assessment(
        by=by, referral=referral, suicidal_thoughts=YesNo.NO, past_actions=YesNo.NO, hopelessness=YesNo.NO,
        self_neglect=YesNo.NO, risk_to_others=YesNo.NO, risk_from_others=YesNo.NO, level=level,
        management_plan="Review at each session",
    )  # fmt: skip
    type(row).objects.filter(pk=row.pk).update(recorded_at=days_ago(days, hour))
    row.refresh_from_db()
    return row


def discuss(referral, *, supervisor, supervisee, days, decision=CaseDecision.CONTINUE, recorded_hour=15):
    """A case-management supervision `days` ago discussing the referral, recorded that day at `recorded_hour`."""
    session = SupervisionSession.objects.create(
        service=supervisor.service, supervisor=supervisor, supervisee=supervisee,
        held_on=timezone.localdate() - datetime.timedelta(days=days), kind=SupervisionKind.CASE_MANAGEMENT,
        minutes=60, recorded_by=supervisor,
    )  # fmt: skip
    SupervisionSession.objects.filter(pk=session.pk).update(recorded_at=days_ago(days, recorded_hour))
    return CaseDiscussion.objects.create(session=session, referral=referral, decision=decision)


def curves(instrument_id, *, points, synthetic=True, service=None, episodes=1000):
    """A curve set; points: (intake_min, intake_max, session_number, expected, boundary)."""
    curve_set = EtrCurveSet.objects.create(
        service=service, instrument_id=instrument_id, built_at=timezone.now(), synthetic=synthetic,
        episodes=episodes, boundary_percentile=75, method="Hand-built for a test",
    )  # fmt: skip
    for intake_min, intake_max, session_number, expected, boundary in points:
        EtrPoint.objects.create(
            curve_set=curve_set, band=f"{intake_min}-{intake_max}", intake_min=intake_min, intake_max=intake_max,
            session_number=session_number, expected=expected, boundary=boundary, episodes=100,
        )  # fmt: skip
    return curve_set
