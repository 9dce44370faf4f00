"""The assessment pages: start, the structured form (with a stale edit), the decision, risk; scoping and audit."""

import pytest

from steptwo.accounts.models import Role
from steptwo.assessments import risk, services
from steptwo.assessments.codes import Decision
from steptwo.assessments.forms.assessment_form import AssessmentForm
from steptwo.assessments.tests.conftest import LOW_RISK, book
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import ReferralStatus
from steptwo.tests import builders

pytestmark = pytest.mark.django_db


def form_post(assessment, **changes):
    data = {name: value for name, value in AssessmentForm.initial_from(assessment).items() if value is not None}
    return data | changes


def test_start_page_offers_the_attended_assessment_appointments(pwp_client, referral, assessment_appointment):
    content = pwp_client.get(f"/assessments/start/{referral.pk}/").content.decode()

    assert "Which appointment is this assessment for?" in content
    assert "Assessment, " in content and "with Priya Shah (telephone)" in content


def test_start_page_without_an_attended_assessment_appointment_says_what_to_do(pwp_client, referral, pwp):
    book(referral, pwp, attendance="")

    content = pwp_client.get(f"/assessments/start/{referral.pk}/").content.decode()

    assert "Record the assessment appointment as attended first" in content
    assert "<form" not in content.split("<main", 1)[1]


def test_starting_from_the_page_opens_the_form(pwp_client, referral, assessment_appointment):
    response = pwp_client.post(f"/assessments/start/{referral.pk}/", {"appointment": assessment_appointment.pk})

    assessment = referral.assessments.get()
    assert response["Location"] == f"/assessments/{assessment.pk}/"
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ASSESSED


def test_start_page_goes_to_the_assessment_in_progress(pwp_client, referral, assessment):
    assert pwp_client.get(f"/assessments/start/{referral.pk}/")["Location"] == f"/assessments/{assessment.pk}/"


def test_assessment_form_has_its_sections_and_links_and_is_audited(pwp_client, pwp, assessment):
    content = pwp_client.get(f"/assessments/{assessment.pk}/").content.decode()

    for heading in [
        "The main problem", "The four Ws and why now", "Symptoms", "Onset, triggers and what keeps it going",
        "Impact on work, home and social life", "Goals", "Medication", "Employment status",
        "Long-term physical conditions",
    ]:  # fmt: skip
        assert f">{heading}</h2>" in content
    assert "Prescribed and taking" in content and "Unemployed and seeking work" in content
    assert "recorded as text for now" in content
    referral = assessment.referral
    assert (
        f"/measures/referral/{referral.pk}/record/?instrument=phq9&amp;instrument=gad7&amp;instrument=wsas" in content
    )
    assert f"/referrals/{referral.pk}/problem-descriptor/" in content
    assert "Save and continue later" in content and "Go to the decision" in content
    event = AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="assessment").get()
    assert (event.actor_id, event.object_id) == (pwp.pk, str(assessment.pk))


def test_saving_the_form_keeps_the_answers_and_goals(pwp_client, assessment):
    response = pwp_client.post(
        f"/assessments/{assessment.pk}/",
        form_post(assessment, what="Stays in bed", medication="03", goal_1_description="Walk daily",
                  goal_1_rating="3", action="save"),
    )  # fmt: skip

    assert response["Location"] == f"/patients/{assessment.referral.patient_id}/"
    assessment.refresh_from_db()
    assert (assessment.what, assessment.medication) == ("Stays in bed", "03")
    assert [(goal.description, goal.rating) for goal in assessment.goals.all()] == [("Walk daily", 3)]


def test_go_to_the_decision_saves_first(pwp_client, assessment):
    response = pwp_client.post(f"/assessments/{assessment.pk}/", form_post(assessment, onset="May", action="decision"))

    assert response["Location"] == f"/assessments/{assessment.pk}/decision/"
    assessment.refresh_from_db()
    assert assessment.onset == "May"


@pytest.mark.parametrize(
    "goal,message",
    [
        ({"goal_1_description": "Walk", "goal_1_rating": ""}, "Enter a rating from 0 to 10 for goal 1"),
        (
            {"goal_2_description": "Walk", "goal_2_rating": "11"},
            "Rating for goal 2 must be a whole number from 0 to 10",
        ),
        ({"goal_1_description": "", "goal_1_rating": "4"}, "Describe goal 1, or clear its rating"),
    ],
)
def test_goal_errors_are_shown_and_nothing_is_saved(pwp_client, assessment, goal, message):
    content = pwp_client.post(f"/assessments/{assessment.pk}/", form_post(assessment, what="Typed", **goal))

    assert message in content.content.decode()
    assessment.refresh_from_db()
    assert assessment.version == 1 and assessment.what == ""


def test_a_stale_edit_keeps_the_input_and_names_the_fields_that_differ(pwp_client, pwp, assessment):
    opened = form_post(assessment)
    services.save_assessment(by=pwp, assessment=assessment, expected_version=1, what="Colleague's words",
                             goals=[("Colleague's goal", 5)])  # fmt: skip

    content = pwp_client.post(
        f"/assessments/{assessment.pk}/", opened | {"what": "My words", "emotions": "Sad", "action": "save"}
    ).content.decode()

    assert "Someone else saved this assessment while you were editing" in content
    assert "different answers for: What happens, Emotions, Goals" in content
    assert "My words" in content
    assert 'name="version" value="2"' in content
    assessment.refresh_from_db()
    assert assessment.what == "Colleague's words"


def test_a_completed_assessment_is_shown_read_only(pwp_client, pwp, ready_assessment):
    services.complete_assessment(
        by=pwp, assessment=ready_assessment, expected_version=ready_assessment.version,
        decision=Decision.DECLINED, reason="Wants to wait",
    )  # fmt: skip

    content = pwp_client.get(f"/assessments/{ready_assessment.pk}/").content.decode()

    assert "Patient declined the treatment offered" in content and "Wants to wait" in content
    assert "Go to the decision" not in content
    assert "Go for a walk three times a week: rated 2 out of 10" in content
    assert pwp_client.post(f"/assessments/{ready_assessment.pk}/decision/", {})["Location"] == (
        f"/assessments/{ready_assessment.pk}/"
    )


def test_decision_page_lists_what_is_missing_and_what_each_decision_does(pwp_client, assessment):
    content = pwp_client.get(f"/assessments/{assessment.pk}/decision/").content.decode()

    assert "Write the problem statement agreed with the patient" in content
    assert "Agree at least one goal with the patient" in content
    assert "Record a risk assessment" in content
    assert "Ends the referral with end code 11" not in content  # 11 is with signposting's own text
    assert "Records the signposting and ends the referral with end code 11" in content
    assert "Ends the referral with end code 10" in content and "Ends the referral with end code 14" in content


def test_completing_from_the_page_treats(pwp_client, ready_assessment):
    response = pwp_client.post(
        f"/assessments/{ready_assessment.pk}/decision/",
        {"decision": "treat", "interventions": ["behavioural_activation"], "reason": "Chose BA",
         "version": ready_assessment.version},
    )  # fmt: skip

    assert response.status_code == 302
    referral = ready_assessment.referral
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.IN_TREATMENT
    assert list(referral.interventions.values_list("intervention", flat=True)) == ["behavioural_activation"]


@pytest.mark.parametrize(
    "post,message",
    [
        ({"decision": "treat", "reason": "x"}, "Select at least one low-intensity intervention to treat at step 2"),
        ({"decision": "signpost", "reason": "x"}, "Select the organisation the patient is signposted to"),
        ({"decision": "declined", "reason": ""}, "Give the reason for the decision"),
        ({"reason": "x"}, "Select the decision"),
    ],
)
def test_decision_errors_keep_the_input(pwp_client, ready_assessment, organisation, post, message):
    content = pwp_client.post(
        f"/assessments/{ready_assessment.pk}/decision/", post | {"version": ready_assessment.version}
    ).content.decode()

    assert message in content
    assert "There is a problem" in content
    ready_assessment.refresh_from_db()
    assert not ready_assessment.completed_at


def test_completing_before_the_assessment_is_ready_shows_the_reason(pwp_client, assessment):
    content = pwp_client.post(
        f"/assessments/{assessment.pk}/decision/", {"decision": "declined", "reason": "x", "version": 1}
    ).content.decode()

    assert "There is a problem" in content and "Write the problem statement agreed with the patient" in content


def test_signposting_from_the_page_discharges(pwp_client, ready_assessment, organisation):
    pwp_client.post(
        f"/assessments/{ready_assessment.pk}/decision/",
        {"decision": "signpost", "organisation": organisation.pk, "reason": "Debt advice first",
         "version": ready_assessment.version},
    )  # fmt: skip

    referral = ready_assessment.referral
    referral.refresh_from_db()
    assert (referral.status, referral.discharge.end_code) == (ReferralStatus.DISCHARGED, "11")


def test_risk_form_records_and_returns_to_the_assessment_in_progress(pwp_client, assessment):
    response = pwp_client.post(f"/assessments/risk/{assessment.referral_id}/new/", LOW_RISK | {"level": "high"})

    assert response["Location"] == f"/assessments/{assessment.pk}/"
    row = assessment.referral.risk_assessments.get()
    assert (row.level, row.assessment) == ("high", assessment)


def test_risk_form_shows_every_problem_and_keeps_the_input(pwp_client, referral):
    content = pwp_client.post(
        f"/assessments/risk/{referral.pk}/new/",
        {"suicidal_thoughts": "yes", "protective_factors": "Their dog"},
    ).content.decode()

    for message in [
        "Give details of the thoughts of ending their life", "Select whether they intend to act on these thoughts",
        "Select whether they have made plans to act on them", "Select the overall risk level",
        "Write the risk management plan",
    ]:  # fmt: skip
        assert message in content
    assert "Their dog" in content
    assert not referral.risk_assessments.exists()


def test_risk_history_shows_levels_changes_and_who_and_is_audited(pwp_client, pwp, referral):
    risk.record_risk_assessment(by=pwp, referral=referral, **LOW_RISK)
    risk.record_risk_assessment(by=pwp, referral=referral, **(LOW_RISK | {"level": "high"}))

    content = pwp_client.get(f"/assessments/risk/{referral.pk}/").content.decode()

    assert "Raised from low to high" in content and "First recorded as low" in content
    assert "High risk" in content and "Priya Shah" in content
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, detail__page="risk_history").exists()


def test_pages_of_another_service_are_not_found(client, other_pwp, pwp, referral, assessment):
    client.force_login(other_pwp)

    for path in [
        f"/assessments/start/{referral.pk}/", f"/assessments/{assessment.pk}/",
        f"/assessments/{assessment.pk}/decision/", f"/assessments/risk/{referral.pk}/new/",
        f"/assessments/risk/{referral.pk}/",
    ]:  # fmt: skip
        assert client.get(path).status_code == 404, path


def test_booking_staff_may_read_but_not_record(client, service, team, assessment):
    admin = builders.make_staff(service, Role.ADMIN_STAFF, teams=[team])
    client.force_login(admin)
    referral = assessment.referral

    assert client.get(f"/assessments/{assessment.pk}/").status_code == 200
    assert "Go to the decision" not in client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert client.get(f"/assessments/risk/{referral.pk}/").status_code == 200
    assert client.post(f"/assessments/{assessment.pk}/", {"what": "x"}).status_code == 403
    assert client.get(f"/assessments/{assessment.pk}/decision/").status_code == 403
    assert client.get(f"/assessments/risk/{referral.pk}/new/").status_code == 403
    assert client.get(f"/assessments/start/{referral.pk}/").status_code == 403


def test_the_questionnaires_link_includes_the_anxiety_measure_the_problem_descriptor_calls_for(
    pwp_client, pwp, assessment
):
    referrals.record_presenting_complaint(
        by=pwp, referral=assessment.referral, code_system="ICD-10", code="F40.1", label="Social phobias"
    )

    content = pwp_client.get(f"/assessments/{assessment.pk}/").content.decode()

    assert "?instrument=phq9&amp;instrument=gad7&amp;instrument=spin&amp;instrument=wsas" in content


def test_a_decision_made_on_an_old_version_is_refused_and_keeps_the_input(pwp_client, pwp, ready_assessment):
    opened = ready_assessment.version
    services.save_assessment(by=pwp, assessment=ready_assessment, expected_version=opened, what="Changed meanwhile")

    content = pwp_client.post(
        f"/assessments/{ready_assessment.pk}/decision/",
        {"decision": "declined", "reason": "Wants to wait until after the move", "version": opened},
    ).content.decode()

    assert "This record was changed by someone else after you opened it" in content
    assert "Wants to wait until after the move" in content
    assert f'name="version" value="{opened + 1}"' in content
    ready_assessment.refresh_from_db()
    assert not ready_assessment.completed_at
