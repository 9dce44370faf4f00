"""Fixtures for assessment tests, built through the services (see steptwo/tests/builders.py).

referral (waiting) ── assessment_appointment (attended, AppType 01, an hour ago)
   └── assessment (started: referral now assessed) ── ready_assessment (problem statement, a goal, risk recorded)
"""

import datetime

import pytest
from django.utils import timezone

from steptwo.appointments import services as appointments
from steptwo.appointments.codes import AppType, ConsMechanism
from steptwo.assessments import risk, services
from steptwo.treatment.models import SignpostingOrganisation

LOW_RISK = {
    "suicidal_thoughts": "no", "past_actions": "no", "hopelessness": "no", "self_neglect": "no",
    "risk_to_others": "no", "risk_from_others": "no", "protective_factors": "Close to their sister",
    "level": "low", "management_plan": "Crisis numbers given; review at each session",
}  # fmt: skip


def book(referral, pwp, *, app_type=AppType.ASSESSMENT, hours_ago=1, attendance="5"):
    """An appointment that has happened, with its outcome recorded (5 = attended, §3.1)."""
    appointment = appointments.book_appointment(
        by=pwp, referral=referral, practitioner=pwp, starts_at=timezone.now() - datetime.timedelta(hours=hours_ago),
        duration_minutes=45, app_type=app_type, mechanism=ConsMechanism.TELEPHONE,
    )  # fmt: skip
    if attendance:
        appointments.record_outcome(
            by=pwp, appointment=appointment, attendance=attendance, expected_version=appointment.version
        )
    return appointment


@pytest.fixture
def assessment_appointment(referral, pwp):
    return book(referral, pwp)


@pytest.fixture
def assessment(pwp, referral, assessment_appointment):
    return services.start_assessment(by=pwp, referral=referral, appointment=assessment_appointment)


@pytest.fixture
def ready_assessment(pwp, referral, assessment):
    services.save_assessment(
        by=pwp, assessment=assessment, expected_version=assessment.version,
        problem_statement="Low mood since losing job, staying in bed, so seeing friends less",
        goals=[("Go for a walk three times a week", 2)],
    )  # fmt: skip
    risk.record_risk_assessment(by=pwp, referral=referral, assessment=assessment, **LOW_RISK)
    return assessment


@pytest.fixture
def organisation(service, pwp):
    # The directory has no service functions yet (another part of this issue); a row is enough here.
    return SignpostingOrganisation.objects.create(
        service=service, name="Northshire Debt Advice", offers="Free debt advice", updated_by=pwp
    )
