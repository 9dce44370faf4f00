"""Recording a supervision session: who may, for whom, when, and the cases, decisions and actions in it."""

import datetime

import pytest
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import ReferralStatus
from steptwo.supervision import services
from steptwo.supervision.codes import CaseDecision, SupervisionKind
from steptwo.supervision.models import CaseDiscussion, SupervisionAction, SupervisionSession
from steptwo.tasks.models import Task, TaskKind
from steptwo.tests import builders

CM = SupervisionKind.CASE_MANAGEMENT


def today():
    return timezone.localdate()


def days_ago(days):
    return today() - datetime.timedelta(days=days)


@pytest.fixture
def pwp(pwp):
    """Joined the service long ago, so past sessions are allowed."""
    pwp.date_joined = timezone.now() - datetime.timedelta(days=400)
    pwp.save(update_fields=["date_joined"])
    return pwp


def record(by, supervisee, **overrides):
    values = {"held_on": today(), "kind": CM, "minutes": 60, "notes": "", "discussions": []} | overrides
    return services.record_session(by=by, supervisee=supervisee, **values)


def case(referral, decision=CaseDecision.CONTINUE, actions=(), **extra):
    return {"referral": referral, "decision": decision, "reasons": [], "notes": "", "actions": list(actions)} | extra


def action(owner, due=None, description="Step up to HI"):
    return {"description": description, "owner": owner, "due_date": due or today() + datetime.timedelta(days=7)}


def refusal(by, supervisee, **overrides):
    with pytest.raises(NotAllowed) as error:
        record(by, supervisee, **overrides)
    assert not SupervisionSession.objects.exists()
    assert not Task.objects.exists()
    return error.value


# Who records, for whom


def test_a_supervisor_records_a_session_for_a_pwp_of_their_service(supervisor, pwp):
    session = record(supervisor, pwp, minutes=55, notes="Weekly caseload review")

    session.refresh_from_db()
    assert (session.supervisor, session.supervisee, session.minutes, session.notes) == (
        supervisor,
        pwp,
        55,
        "Weekly caseload review",
    )
    assert session.service_id == supervisor.service_id
    assert session.recorded_by == supervisor


def test_a_supervisor_may_cover_for_a_colleague_and_supervise_someone_elses_supervisee(
    supervisor, trainee, service, team
):
    colleague = builders.make_staff(service, Role.PWP_SUPERVISOR, teams=[team])

    session = record(colleague, trainee)

    assert session.supervisee == trainee and trainee.supervisor == supervisor


@pytest.mark.parametrize("role", [Role.PWP, Role.TRAINEE_PWP, Role.SERVICE_MANAGER, Role.HIGH_INTENSITY])
def test_only_a_pwp_supervisor_records_supervision(staff_in_role, pwp, role):
    error = refusal(staff_in_role(role), pwp)

    assert str(error) == "Only a PWP supervisor can record a supervision session"


def test_the_supervisee_must_be_in_the_supervisors_service(supervisor, other_pwp):
    error = refusal(supervisor, other_pwp)

    assert "does not hold a caseload in your service" in str(error)
    assert error.field == "supervisee"


@pytest.mark.parametrize("role", [Role.ADMIN_STAFF, Role.HIGH_INTENSITY, Role.SERVICE_MANAGER])
def test_the_supervisee_must_hold_a_caseload(supervisor, staff_in_role, role):
    error = refusal(supervisor, staff_in_role(role))

    assert "does not hold a caseload in your service" in str(error)


def test_a_supervisor_does_not_record_their_own_supervision(supervisor):
    error = refusal(supervisor, supervisor)

    assert str(error) == "You cannot record your own supervision: your supervisor records it"


def test_a_supervisor_is_supervised_by_another_supervisor(supervisor, service, team):
    senior = builders.make_staff(service, Role.PWP_SUPERVISOR, teams=[team])

    assert record(senior, supervisor).supervisee == supervisor


# When and how long


def test_the_session_is_not_in_the_future(supervisor, pwp):
    error = refusal(supervisor, pwp, held_on=today() + datetime.timedelta(days=1))

    assert str(error) == "The date of the session must be today or in the past"
    assert error.field == "held_on"


def test_the_session_is_not_before_the_supervisee_joined(supervisor, pwp):
    joined = days_ago(10)
    pwp.date_joined = timezone.make_aware(datetime.datetime.combine(joined, datetime.time(9)))
    pwp.save(update_fields=["date_joined"])

    error = refusal(supervisor, pwp, held_on=joined - datetime.timedelta(days=1))

    assert "must be on or after" in str(error) and "when Priya Shah joined the service" in str(error)
    assert record(supervisor, pwp, held_on=joined).held_on == joined


@pytest.mark.parametrize("minutes", [4, 481])
def test_a_session_lasts_5_to_480_minutes(supervisor, pwp, minutes):
    error = refusal(supervisor, pwp, minutes=minutes)

    assert str(error) == "A supervision session lasts between 5 and 480 minutes"
    assert error.field == "minutes"


@pytest.mark.parametrize("minutes", [5, 480])
def test_the_edges_of_the_length_are_allowed(supervisor, pwp, minutes):
    assert record(supervisor, pwp, minutes=minutes).minutes == minutes


def test_the_kind_must_be_known(supervisor, pwp):
    assert refusal(supervisor, pwp, kind="group").field == "kind"


# Cases discussed


def test_clinical_skills_sessions_have_no_case_discussions(supervisor, pwp, referral):
    error = refusal(supervisor, pwp, kind=SupervisionKind.CLINICAL_SKILLS, discussions=[case(referral)])

    assert "a clinical-skills session has no case discussions" in str(error)


def test_a_clinical_skills_session_is_recorded_without_cases(supervisor, pwp):
    session = record(supervisor, pwp, kind=SupervisionKind.CLINICAL_SKILLS)

    assert session.kind == SupervisionKind.CLINICAL_SKILLS and not session.discussions.exists()


def test_a_case_discussion_keeps_its_decision_reasons_and_notes(supervisor, pwp, referral):
    discussed = case(referral, CaseDecision.CHANGE_INTERVENTION, reasons=["2 missed appointments in a row"],
                     notes="Try problem solving")  # fmt: skip

    session = record(supervisor, pwp, discussions=[discussed])

    discussion = session.discussions.get()
    assert discussion.referral == referral
    assert discussion.decision == CaseDecision.CHANGE_INTERVENTION
    assert discussion.reasons == ["2 missed appointments in a row"]
    assert discussion.notes == "Try problem solving"


def test_only_the_supervisees_own_cases_are_discussed(supervisor, pwp, service, team, patient):
    colleague = builders.make_staff(service, Role.PWP, teams=[team])
    theirs = builders.make_referral(patient, team, colleague)

    error = refusal(supervisor, pwp, discussions=[case(theirs)])

    assert str(error) == "This case is not on Priya Shah's caseload"
    assert error.case == 0


def test_cases_of_another_service_are_refused(supervisor, pwp, other_patient, other_team, other_pwp):
    elsewhere = builders.make_referral(other_patient, other_team, other_pwp)

    assert "not on Priya Shah's caseload" in str(refusal(supervisor, pwp, discussions=[case(elsewhere)]))


def test_a_closed_case_is_not_discussed(supervisor, pwp, referral):
    referrals.change_status(by=pwp, referral=referral, to=ReferralStatus.DISCHARGED)

    error = refusal(supervisor, pwp, discussions=[case(referral)])

    assert str(error) == "This referral is discharged: only open cases are discussed"


def test_each_case_is_discussed_once_per_session(supervisor, pwp, referral):
    error = refusal(supervisor, pwp, discussions=[case(referral), case(referral)])

    assert str(error) == "Each case is discussed once in a session"
    assert error.case == 1


def test_the_decision_must_be_known(supervisor, pwp, referral):
    error = refusal(supervisor, pwp, discussions=[case(referral, decision="")])

    assert str(error) == "Select the decision about this case"
    assert (error.case, error.field) == (0, "decision")


@pytest.mark.parametrize("decision", [CaseDecision.STEP_UP, CaseDecision.DISCHARGE])
def test_a_step_up_or_discharge_decision_needs_an_action(supervisor, pwp, referral, decision):
    error = refusal(supervisor, pwp, discussions=[case(referral, decision)])

    assert str(error).startswith(f"A decision to {decision.label.lower()} needs at least one action")
    assert (error.case, error.field) == (0, "decision")


@pytest.mark.parametrize("decision", [CaseDecision.CONTINUE, CaseDecision.RISK_ACTION, CaseDecision.OTHER])
def test_other_decisions_need_no_action(supervisor, pwp, referral, decision):
    session = record(supervisor, pwp, discussions=[case(referral, decision)])

    assert session.discussions.get().decision == decision


# Actions


def test_each_action_becomes_a_task_for_its_owner_linked_to_the_case(supervisor, pwp, referral):
    due = today() + datetime.timedelta(days=3)

    session = record(supervisor, pwp, discussions=[case(referral, CaseDecision.STEP_UP, [action(pwp, due)])])

    saved = SupervisionAction.objects.get(discussion__session=session)
    task = saved.task
    assert (saved.description, saved.owner, saved.due_date) == ("Step up to HI", pwp, due)
    assert (task.kind, task.owner, task.title, task.due_date) == (
        TaskKind.SUPERVISION_ACTION,
        pwp,
        "Step up to HI",
        due,
    )
    assert (task.patient, task.referral) == (referral.patient, referral)
    assert task.completed_at is None


def test_an_action_may_go_to_admin_staff(supervisor, pwp, referral, staff_in_role):
    admin = staff_in_role(Role.ADMIN_STAFF)

    record(supervisor, pwp, discussions=[case(referral, actions=[action(admin, description="Book a review")])])

    assert Task.objects.get().owner == admin


def test_a_long_action_is_kept_whole_and_its_task_title_shortened(supervisor, pwp, referral):
    words = "Phone the patient " * 15

    record(supervisor, pwp, discussions=[case(referral, actions=[action(pwp, description=words)])])

    task = Task.objects.get()
    assert len(task.title) == 200 and task.title.endswith("…")
    assert task.detail == words.strip() == SupervisionAction.objects.get().description


def test_an_action_needs_a_description(supervisor, pwp, referral):
    error = refusal(supervisor, pwp, discussions=[case(referral, actions=[action(pwp, description="  ")])])

    assert str(error) == "Enter what needs to be done"
    assert (error.case, error.action, error.field) == (0, 0, "description")


def test_an_action_is_at_most_300_characters(supervisor, pwp, referral):
    error = refusal(supervisor, pwp, discussions=[case(referral, actions=[action(pwp, description="x" * 301)])])

    assert str(error) == "The action must be 300 characters or fewer"


def test_an_action_needs_an_owner(supervisor, pwp, referral):
    error = refusal(supervisor, pwp, discussions=[case(referral, actions=[action(None)])])

    assert (str(error), error.field) == ("Select who will do it", "owner")


def test_an_action_owner_must_be_in_the_service(supervisor, pwp, referral, other_pwp):
    error = refusal(supervisor, pwp, discussions=[case(referral, actions=[action(other_pwp)])])

    assert "cannot be given this action: choose a clinician or admin colleague in your service" in str(error)


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.SERVICE_MANAGER])
def test_an_action_owner_must_act_on_cases(supervisor, pwp, referral, staff_in_role, role):
    error = refusal(supervisor, pwp, discussions=[case(referral, actions=[action(staff_in_role(role))])])

    assert error.field == "owner"


def test_an_action_owner_must_be_active(supervisor, pwp, referral, staff_in_role):
    leaver = staff_in_role(Role.PWP)
    leaver.is_active = False
    leaver.save(update_fields=["is_active"])

    assert refusal(supervisor, pwp, discussions=[case(referral, actions=[action(leaver)])]).field == "owner"


def test_an_action_needs_a_due_date(supervisor, pwp, referral):
    no_date = action(pwp) | {"due_date": None}

    assert str(refusal(supervisor, pwp, discussions=[case(referral, actions=[no_date])])) == "Enter the due date"


def test_an_action_is_not_due_before_the_session(supervisor, pwp, referral):
    held_on = days_ago(2)
    late = action(pwp, due=held_on - datetime.timedelta(days=1))

    error = refusal(supervisor, pwp, held_on=held_on, discussions=[case(referral, actions=[late])])

    assert str(error).startswith("The due date must be on or after the date of the session")
    assert (error.case, error.action, error.field) == (0, 0, "due_date")


def test_an_action_may_be_due_on_the_day_of_the_session_even_if_that_has_passed(supervisor, pwp, referral):
    held_on = days_ago(2)

    record(supervisor, pwp, held_on=held_on, discussions=[case(referral, actions=[action(pwp, due=held_on)])])

    assert Task.objects.get().due_date == held_on


def test_a_refused_action_saves_nothing_of_the_session(supervisor, pwp, referral, patient, team):
    second = builders.make_referral(patient, team, pwp)
    good = case(referral, CaseDecision.STEP_UP, [action(pwp)])
    bad = case(second, actions=[action(pwp), action(None)])

    error = refusal(supervisor, pwp, discussions=[good, bad])

    assert (error.case, error.action) == (1, 1)
    assert not CaseDiscussion.objects.exists() and not SupervisionAction.objects.exists()


# Audit


def test_the_session_and_each_case_discussed_are_audited(supervisor, pwp, referral, patient, team):
    second = builders.make_referral(patient, team, pwp)

    session = record(supervisor, pwp, discussions=[case(referral), case(second, CaseDecision.DISCHARGE, [action(pwp)])])

    created = AuditEvent.objects.filter(action=AuditAction.CREATE, actor_id=supervisor.pk)
    assert created.filter(object_type="supervisionsession", object_id=str(session.pk)).count() == 1
    discussions = created.filter(object_type="casediscussion")
    assert sorted(discussions.values_list("object_id", flat=True)) == sorted(
        str(pk) for pk in session.discussions.values_list("pk", flat=True)
    )
    assert set(discussions.values_list("patient_id", flat=True)) == {patient.pk}
    assert created.filter(object_type="task").count() == 1
