"""seed_demo's supervision: supervisors and supervisees, capacity details, half a year of supervision records
as supervision.services would have written them, and persona caseloads that show every review-list rule."""

import datetime
from collections import Counter
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Count, Min
from django.utils import timezone

from steptwo.accounts.models import Role, User
from steptwo.appointments.models import Appointment
from steptwo.demo.build import build_demo
from steptwo.demo.generators.supervision import WEEKS
from steptwo.demo.tests.test_seed_demo import ANCHOR
from steptwo.referrals.codes import STEP_2_STATUSES, ReferralStatus
from steptwo.referrals.models import Referral
from steptwo.supervision import hours, review, services
from steptwo.supervision.case_facts import facts_for
from steptwo.supervision.codes import PLAN_DECISIONS, CaseDecision, SupervisionKind
from steptwo.supervision.models import CaseDiscussion, SupervisionAction, SupervisionSession, SupervisionSettings
from steptwo.tasks.models import Task, TaskKind

pytestmark = pytest.mark.django_db
CUTOFF = timezone.make_aware(datetime.datetime.combine(ANCHOR, datetime.time()))
FIRST_DAY = ANCHOR - datetime.timedelta(weeks=WEEKS)


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    """The small demo at seed 7, built once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        build_demo("small", 7, anchor=ANCHOR)
        yield
        transaction.set_rollback(True)


def supervisees():
    return User.objects.filter(role__in=[Role.PWP, Role.TRAINEE_PWP])


# Staff --------------------------------------------------------------------------------------------


def test_every_pwp_and_trainee_has_a_pwp_supervisor_and_the_personas_share_one():
    supervisor = User.objects.get(username="supervisor")

    assert not supervisees().filter(supervisor=None).exists()
    assert set(supervisees().values_list("supervisor__role", flat=True)) == {Role.PWP_SUPERVISOR}
    assert User.objects.get(username="pwp").supervisor == supervisor
    assert User.objects.get(username="trainee").supervisor == supervisor


def test_some_pwps_work_part_time_and_one_has_a_capacity_set_for_them():
    pwps = User.objects.filter(role=Role.PWP)

    assert {Decimal("0.6"), Decimal("0.8"), Decimal(1)} <= set(pwps.values_list("fte", flat=True))
    assert pwps.exclude(caseload_capacity=None).exists()
    assert User.objects.get(username="pwp").fte == 1 and User.objects.get(username="pwp").caseload_capacity is None


def test_trainees_began_training_in_different_months_of_the_last_year_and_joined_then():
    trainees = list(User.objects.filter(role=Role.TRAINEE_PWP))
    started = [trainee.training_started_on for trainee in trainees]

    assert all(ANCHOR - datetime.timedelta(days=365) < day < ANCHOR for day in started)
    assert len({(day.year, day.month) for day in started}) == len(trainees)
    for trainee in trainees:
        assert timezone.localdate(trainee.date_joined) <= trainee.training_started_on
        first_booked = Appointment.objects.filter(practitioner=trainee).aggregate(first=Min("booked_at"))["first"]
        assert first_booked is None or timezone.localdate(first_booked) >= trainee.training_started_on
    assert not User.objects.filter(role=Role.PWP).exclude(training_started_on=None).exists()


# Sessions -----------------------------------------------------------------------------------------


def test_supervision_sessions_are_held_by_each_supervisees_supervisor_in_the_half_year_before_the_anchor():
    sessions = SupervisionSession.objects.select_related("supervisee")

    assert {session.supervisee for session in sessions} == set(supervisees())
    for session in sessions:
        assert session.supervisor_id == session.recorded_by_id == session.supervisee.supervisor_id
        assert FIRST_DAY <= session.held_on < ANCHOR
        assert session.held_on >= timezone.localdate(session.supervisee.date_joined)
        assert session.held_on.weekday() < 5 and session.notes
        assert timezone.localdate(session.recorded_at) == session.held_on and session.recorded_at < CUTOFF


def test_case_management_is_weekly_mostly_an_hour_and_clinical_skills_fortnightly_with_some_gaps():
    sessions = SupervisionSession.objects.filter(supervisee__role=Role.PWP)
    case_management = sessions.filter(kind=SupervisionKind.CASE_MANAGEMENT)
    minutes = Counter(case_management.values_list("minutes", flat=True))
    per_week = Counter(case_management.values_list("supervisee", "held_on"))
    clinical_skills = sessions.filter(kind=SupervisionKind.CLINICAL_SKILLS)

    assert minutes.most_common(1)[0][0] == 60 and minutes[30] > 0
    assert max(per_week.values()) == 1
    for pwp in User.objects.filter(role=Role.PWP):
        weeks = case_management.filter(supervisee=pwp).count()
        fortnights = clinical_skills.filter(supervisee=pwp).count()
        assert WEEKS * 0.75 <= weeks <= WEEKS
        assert WEEKS / 2 * 0.6 <= fortnights <= WEEKS / 2 + 1


def test_the_hours_pages_show_some_gaps_and_every_month_they_show_has_supervision():
    gaps = 0
    for supervisee in supervisees():
        sessions = list(SupervisionSession.objects.filter(supervisee=supervisee))
        joined_on = timezone.localdate(supervisee.date_joined)
        shown = hours.hours_for(sessions, today=ANCHOR, fte=supervisee.fte, joined_on=joined_on)
        gaps += len(shown.gaps)
        judged = [week.state for week in shown.weeks if week.state in (hours.MET, hours.GAP)]
        assert judged.count(hours.MET) >= len(judged) * 0.6
        past = [month for month in shown.months if joined_on <= month.first_day < ANCHOR - datetime.timedelta(days=7)]
        assert all(month.case_management for month in past)

    assert gaps > 0


def test_personas_have_supervision_on_the_anchor_dates_weekday():
    personas = SupervisionSession.objects.filter(supervisee__username__in=["pwp", "trainee"])

    assert {session.held_on.weekday() for session in personas} == {ANCHOR.weekday()}


# Case discussions and actions ------------------------------------------------------------------


def test_cases_discussed_were_open_on_the_supervisees_caseload_when_discussed():
    discussions = CaseDiscussion.objects.select_related("session", "referral")

    assert discussions.count() > 100
    for discussion in discussions:
        referral, session = discussion.referral, discussion.session
        assert session.kind == SupervisionKind.CASE_MANAGEMENT
        assert referral.practitioner_id == session.supervisee_id
        history = list(referral.status_changes.order_by("changed_at"))
        before = [change for change in history if change.changed_at < session.recorded_at]
        assert before and before[-1].status in STEP_2_STATUSES and before[-1].status != ReferralStatus.WAITING
        assert discussion.notes and all(isinstance(reason, str) and reason for reason in discussion.reasons)


def test_every_decision_is_made_and_plans_are_what_then_happened():
    decisions = Counter(CaseDiscussion.objects.values_list("decision", flat=True))

    assert set(decisions) == set(CaseDecision.values)
    assert decisions[CaseDecision.CONTINUE] == max(decisions.values())
    for discussion in CaseDiscussion.objects.filter(decision__in=PLAN_DECISIONS).select_related("session"):
        assert discussion.actions.exists()  # supervision.services refuses a plan without an action
        referral = discussion.referral
        status = ReferralStatus.STEPPED_UP if discussion.decision == CaseDecision.STEP_UP else ReferralStatus.DISCHARGED
        change = referral.status_changes.get(status=status)
        assert (
            discussion.session.recorded_at
            < change.changed_at
            <= discussion.session.recorded_at + datetime.timedelta(days=15)
        )


def test_a_case_is_discussed_once_a_session_and_some_for_risk_or_a_change_of_intervention_with_reasons():
    risk = CaseDiscussion.objects.filter(decision=CaseDecision.RISK_ACTION)

    assert not CaseDiscussion.objects.values("session", "referral").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert risk.exists() and all(discussion.reasons for discussion in risk)
    assert CaseDiscussion.objects.filter(decision=CaseDecision.CHANGE_INTERVENTION).exists()


def test_actions_are_tasks_for_their_owners_as_the_service_raises_them():
    actions = SupervisionAction.objects.select_related("task", "discussion__session", "owner")

    assert actions.count() > 30
    for action in actions:
        task, session = action.task, action.discussion.session
        assert task.kind == TaskKind.SUPERVISION_ACTION and task.title == action.description
        assert task.detail == "Agreed in case-management supervision."
        assert (task.owner_id, task.due_date, task.referral_id) == (
            action.owner_id, action.due_date, action.discussion.referral_id,
        )  # fmt: skip
        assert task.patient_id == task.referral.patient_id and task.created_at == session.recorded_at
        assert action.due_date >= session.held_on and services.may_own_actions(action.owner)
        if task.completed_at:
            assert task.completed_by_id == task.owner_id and task.outcome
            assert session.recorded_at < task.completed_at < CUTOFF
    assert {action.owner.role for action in actions} >= {Role.PWP, Role.PWP_SUPERVISOR, Role.ADMIN_STAFF}


def test_some_actions_are_done_some_open_and_some_overdue():
    tasks = Task.objects.filter(kind=TaskKind.SUPERVISION_ACTION)
    open_tasks = tasks.filter(completed_at=None)

    assert tasks.exclude(completed_at=None).count() > open_tasks.count() > 0
    assert open_tasks.filter(due_date__lt=ANCHOR).exists()
    assert open_tasks.filter(owner__username="pwp").exists()


# The review list --------------------------------------------------------------------------------


def test_the_persona_caseloads_show_every_rule_of_the_supervisors_review_list(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: CUTOFF + datetime.timedelta(hours=9))
    personas = User.objects.filter(username__in=["pwp", "trainee"])
    referrals = Referral.objects.filter(practitioner__in=personas, status__in=STEP_2_STATUSES)
    settings = SupervisionSettings.for_service(personas[0].service)

    cases = review.cases_to_review(facts_for(referrals, today=ANCHOR), settings, today=ANCHOR)
    shown = {reason.code for case in cases for reason in case.reasons}
    by_pwp = {reason.code for case in cases if case.referral.practitioner.username == "pwp" for reason in case.reasons}

    assert shown == set(review.URGENCY)
    assert by_pwp == set(review.URGENCY) - {review.NOTES_AWAITING_SIGN_OFF}


def test_the_supervision_service_carries_on_after_seeding():
    """Session, discussion and task ids were handed out in advance: the sequences must carry on after them."""
    supervisor = User.objects.get(username="supervisor")
    pwp = User.objects.get(username="pwp")
    referral = Referral.objects.filter(practitioner=pwp, status=ReferralStatus.IN_TREATMENT).first()
    last_session, last_task = SupervisionSession.objects.order_by("pk").last().pk, Task.objects.order_by("pk").last().pk
    action = {"description": "Call the patient", "owner": pwp, "due_date": timezone.localdate()}
    discussion = {"referral": referral, "decision": CaseDecision.CONTINUE, "actions": [action]}

    session = services.record_session(
        by=supervisor, supervisee=pwp, held_on=timezone.localdate(), kind=SupervisionKind.CASE_MANAGEMENT,
        minutes=60, discussions=[discussion],
    )  # fmt: skip

    assert session.pk > last_session
    assert session.discussions.get().actions.get().task.pk > last_task
