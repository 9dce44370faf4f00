"""Completing the assessment: what must be recorded first, and what each decision does (§4.4, §5.2)."""

import pytest
from django.utils import timezone

from steptwo.appointments.codes import AppType
from steptwo.assessments import risk, services
from steptwo.assessments.codes import Decision
from steptwo.assessments.tests.conftest import LOW_RISK, book
from steptwo.core.errors import NotAllowed, StaleEditError
from steptwo.referrals.codes import ReferralStatus
from steptwo.referrals.models import Discharge
from steptwo.treatment.codes import Intervention, TherapyType
from steptwo.treatment.models import PlannedIntervention, Signposting, StepUp

pytestmark = pytest.mark.django_db


def complete(pwp, assessment, decision, reason="Agreed with the patient", **extra):
    assessment.refresh_from_db()
    return services.complete_assessment(
        by=pwp, assessment=assessment, expected_version=assessment.version, decision=decision, reason=reason, **extra
    )


def test_treat_plans_the_interventions_as_their_default_therapy_types_and_starts_treatment(pwp, ready_assessment):
    complete(
        pwp, ready_assessment, Decision.TREAT,
        interventions=[Intervention.BEHAVIOURAL_ACTIVATION, Intervention.COMPUTERISED_CBT],
    )  # fmt: skip

    referral = ready_assessment.referral
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.IN_TREATMENT
    planned = PlannedIntervention.objects.filter(referral=referral)
    assert [(row.intervention, row.therapy_type) for row in planned] == [
        (Intervention.BEHAVIOURAL_ACTIVATION, TherapyType.GUIDED_SELF_HELP_BOOK),
        (Intervention.COMPUTERISED_CBT, TherapyType.GUIDED_SELF_HELP_COMPUTER),
    ]
    ready_assessment.refresh_from_db()
    assert ready_assessment.decision == Decision.TREAT and ready_assessment.completed_by == pwp
    assert ready_assessment.decision_reason == "Agreed with the patient"


def test_step_up_steps_the_referral_up_with_the_reason(pwp, ready_assessment):
    complete(pwp, ready_assessment, Decision.STEP_UP, reason="PTSD: trauma-focused therapy is high intensity")

    referral = ready_assessment.referral
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.STEPPED_UP
    assert StepUp.objects.get(referral=referral).reason == "PTSD: trauma-focused therapy is high intensity"


def test_signpost_records_the_signposting_and_discharges_with_end_code_11_today(pwp, ready_assessment, organisation):
    complete(pwp, ready_assessment, Decision.SIGNPOST, reason="Debt is the main problem", organisation=organisation)

    referral = ready_assessment.referral
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DISCHARGED
    assert Signposting.objects.get(referral=referral).organisation == organisation
    discharge = Discharge.objects.get(referral=referral)
    assert (discharge.end_code, discharge.discharge_date) == ("11", timezone.localdate())
    assert discharge.outcome_summary == "Debt is the main problem"


@pytest.mark.parametrize("decision,end_code", [(Decision.NOT_SUITABLE, "10"), (Decision.DECLINED, "14")])
def test_not_suitable_and_declined_discharge_with_their_end_codes(pwp, ready_assessment, decision, end_code):
    complete(pwp, ready_assessment, decision)

    referral = ready_assessment.referral
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DISCHARGED
    assert referral.discharge.end_code == end_code


def test_completing_needs_a_problem_statement(pwp, assessment):
    services.save_assessment(by=pwp, assessment=assessment, expected_version=1, goals=[("Walk", 2)])
    risk.record_risk_assessment(by=pwp, referral=assessment.referral, **LOW_RISK)

    with pytest.raises(NotAllowed, match="^Write the problem statement agreed with the patient$"):
        complete(pwp, assessment, Decision.DECLINED)


def test_completing_needs_a_goal(pwp, assessment):
    services.save_assessment(by=pwp, assessment=assessment, expected_version=1, problem_statement="Low mood")
    risk.record_risk_assessment(by=pwp, referral=assessment.referral, **LOW_RISK)

    with pytest.raises(NotAllowed, match="^Agree at least one goal with the patient, with its rating$"):
        complete(pwp, assessment, Decision.DECLINED)


def test_completing_needs_a_risk_assessment_recorded_since_the_assessment_started(
    pwp, referral, assessment_appointment
):
    risk.record_risk_assessment(by=pwp, referral=referral, **LOW_RISK)  # before the assessment: does not count
    assessment = services.start_assessment(by=pwp, referral=referral, appointment=assessment_appointment)
    services.save_assessment(
        by=pwp, assessment=assessment, expected_version=1, problem_statement="Low mood", goals=[("Walk", 2)]
    )

    with pytest.raises(
        NotAllowed, match="^Record a risk assessment: none has been recorded since this assessment started$"
    ):
        complete(pwp, assessment, Decision.DECLINED)


def test_everything_missing_is_listed(assessment):
    assert list(services.missing_for_completion(assessment)) == ["problem_statement", "goals", "risk_assessment"]


def test_treat_needs_an_intervention(pwp, ready_assessment):
    with pytest.raises(NotAllowed, match="^Select at least one low-intensity intervention to treat at step 2$"):
        complete(pwp, ready_assessment, Decision.TREAT, interventions=[])


def test_signpost_needs_an_organisation(pwp, ready_assessment):
    with pytest.raises(NotAllowed, match="^Select the organisation the patient is signposted to$"):
        complete(pwp, ready_assessment, Decision.SIGNPOST)


def test_signpost_refuses_a_retired_organisation(pwp, ready_assessment, organisation):
    organisation.active = False
    organisation.save()

    with pytest.raises(NotAllowed, match="is no longer in the signposting directory"):
        complete(pwp, ready_assessment, Decision.SIGNPOST, organisation=organisation)


def test_a_decision_needs_a_reason(pwp, ready_assessment):
    with pytest.raises(NotAllowed, match="^Give the reason for the decision$"):
        complete(pwp, ready_assessment, Decision.DECLINED, reason="  ")


def test_an_end_code_given_must_be_the_decisions(pwp, ready_assessment):
    with pytest.raises(NotAllowed, match="^‘Not suitable for the service’ ends the referral with end code 10$"):
        complete(pwp, ready_assessment, Decision.NOT_SUITABLE, end_code="12")
    complete(pwp, ready_assessment, Decision.NOT_SUITABLE, end_code="10")


def test_a_failed_consequence_undoes_the_whole_completion(pwp, referral, ready_assessment):
    # A booked appointment blocks discharge (referrals.discharge), so nothing is kept.
    book(referral, pwp, app_type=AppType.ASSESSMENT, hours_ago=-24, attendance="")

    with pytest.raises(NotAllowed, match="Record its outcome, or cancel it, before discharging"):
        complete(pwp, ready_assessment, Decision.NOT_SUITABLE)
    ready_assessment.refresh_from_db()
    referral.refresh_from_db()
    assert not ready_assessment.completed_at and not ready_assessment.decision
    assert referral.status == ReferralStatus.ASSESSED


def test_completing_on_an_old_version_is_refused(pwp, ready_assessment):
    version = ready_assessment.version
    services.save_assessment(by=pwp, assessment=ready_assessment, expected_version=version, what="Changed meanwhile")

    with pytest.raises(StaleEditError):
        services.complete_assessment(
            by=pwp, assessment=ready_assessment, expected_version=version, decision=Decision.DECLINED, reason="x"
        )
    ready_assessment.refresh_from_db()
    assert not ready_assessment.completed_at


def test_a_completed_assessment_cannot_be_completed_again(pwp, ready_assessment):
    complete(pwp, ready_assessment, Decision.DECLINED)

    with pytest.raises(NotAllowed, match="it can no longer be changed"):
        complete(pwp, ready_assessment, Decision.NOT_SUITABLE)


def test_after_an_assessment_and_treatment_appointment_the_not_treated_end_codes_do_not_fit(pwp, referral):
    # AppType 03 counts as a treatment contact (§4.2), so the referral was taken on (§4.4): 10, 11 and 14 are refused.
    appointment = book(referral, pwp, app_type=AppType.ASSESSMENT_AND_TREATMENT)
    assessment = services.start_assessment(by=pwp, referral=referral, appointment=appointment)
    services.save_assessment(
        by=pwp, assessment=assessment, expected_version=1, problem_statement="Low mood", goals=[("Walk", 2)]
    )
    risk.record_risk_assessment(by=pwp, referral=referral, **LOW_RISK)

    with pytest.raises(NotAllowed, match="End code 14 .* does not fit this referral"):
        complete(pwp, assessment, Decision.DECLINED)
    complete(pwp, assessment, Decision.TREAT, interventions=[Intervention.WORRY_MANAGEMENT])
