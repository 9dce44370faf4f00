"""Starting an assessment: only from an attended assessment appointment of this referral."""

import pytest

from steptwo.appointments.codes import AppType
from steptwo.assessments import services
from steptwo.assessments.tests.conftest import book
from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import ReferralStatus
from steptwo.tests import builders

pytestmark = pytest.mark.django_db


def test_starting_moves_a_waiting_referral_to_assessed_and_is_audited(pwp, referral, assessment_appointment):
    assessment = services.start_assessment(by=pwp, referral=referral, appointment=assessment_appointment)

    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ASSESSED
    assert referral.status_changes.last().note == "Assessment started"
    assert assessment.appointment == assessment_appointment and assessment.created_by == pwp
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="assessment").exists()


def test_assessment_and_treatment_appointment_counts_as_an_assessment(pwp, referral):
    appointment = book(referral, pwp, app_type=AppType.ASSESSMENT_AND_TREATMENT)

    assert services.start_assessment(by=pwp, referral=referral, appointment=appointment).pk


@pytest.mark.parametrize(
    "make_appointment",
    [
        pytest.param(lambda referral, pwp: None, id="no appointment"),
        pytest.param(lambda referral, pwp: book(referral, pwp, attendance=""), id="outcome not recorded"),
        pytest.param(lambda referral, pwp: book(referral, pwp, attendance="3"), id="did not attend"),
    ],
)
def test_starting_needs_an_attended_assessment_appointment(pwp, referral, make_appointment):
    appointment = make_appointment(referral, pwp)

    with pytest.raises(NotAllowed, match="^Record the assessment appointment as attended first$"):
        services.start_assessment(by=pwp, referral=referral, appointment=appointment)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.WAITING
    assert not referral.assessments.exists()


def test_an_attended_appointment_of_another_type_is_not_an_assessment(pwp, referral):
    employment_support = book(referral, pwp, app_type=AppType.EMPLOYMENT_SUPPORT)

    assert employment_support.attended
    with pytest.raises(NotAllowed, match="^Record the assessment appointment as attended first$"):
        services.start_assessment(by=pwp, referral=referral, appointment=employment_support)


def test_another_referrals_appointment_is_refused(pwp, patient, team, referral):
    other_referral = builders.make_referral(patient, team, pwp)
    theirs = book(other_referral, pwp)

    with pytest.raises(NotAllowed, match="Record the assessment appointment as attended first"):
        services.start_assessment(by=pwp, referral=referral, appointment=theirs)


def test_only_one_assessment_in_progress(pwp, referral, assessment, assessment_appointment):
    with pytest.raises(NotAllowed, match="^This referral already has an assessment in progress: continue that one$"):
        services.start_assessment(by=pwp, referral=referral, appointment=assessment_appointment)


def test_a_referral_in_treatment_is_not_assessed_again(pwp, referral, assessment_appointment):
    referrals.change_status(by=pwp, referral=referral, to=ReferralStatus.IN_TREATMENT)

    with pytest.raises(NotAllowed, match="is ‘In step 2 treatment’: an assessment is started before the decision"):
        services.start_assessment(by=pwp, referral=referral, appointment=assessment_appointment)


def test_a_discharged_referral_cannot_be_assessed(pwp, referral, assessment_appointment):
    referrals.change_status(by=pwp, referral=referral, to=ReferralStatus.DISCHARGED)

    with pytest.raises(NotAllowed, match="has been discharged: make a new referral"):
        services.start_assessment(by=pwp, referral=referral, appointment=assessment_appointment)
