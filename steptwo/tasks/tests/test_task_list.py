"""The task list: the user's open tasks, overdue first, with a link to act; marking follow-ups and
supervision actions done (owner only, other kinds refused with the reason)."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.appointments.codes import AttendOrDNACode
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.supervision.tests.test_case_facts_builders import contact, score, start_treatment
from steptwo.tasks import services
from steptwo.tasks.models import Task, TaskKind

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


@pytest.fixture
def dna_task(referral, pwp):
    start_treatment(referral, by=pwp)
    appointment = contact(referral, by=pwp, days=3, attendance=AttendOrDNACode.DID_NOT_ATTEND)
    return Task.objects.get(source_appointment=appointment)


@pytest.fixture
def action_task(referral, pwp):
    return services.raise_supervision_action(
        by=pwp, action_description="Book a review with the GP about medication", owner=pwp, referral=referral,
        due_date=today() + datetime.timedelta(days=7),
    )  # fmt: skip


def test_lists_my_open_tasks_overdue_first_with_the_overdue_days_in_words(pwp_client, pwp, referral, dna_task):
    Task.objects.filter(pk=dna_task.pk).update(due_date=today() - datetime.timedelta(days=2))
    services.raise_supervision_action(
        by=pwp, action_description="Discuss step up", owner=pwp, referral=referral, due_date=today()
    )
    score(referral, "phq9", 12, days=0, hour=0, q9=1)  # a risk review due today

    content = pwp_client.get("/tasks/").content.decode()

    assert "3 open tasks, 1 overdue" in content
    overdue = content.index("Overdue by 2 days")
    assert overdue < content.index("Due today")
    assert content.count("Due today") == 2
    assert f'href="/tasks/{dna_task.pk}/done/"' in content
    risk = Task.objects.get(kind=TaskKind.RISK_REVIEW)
    assert f'href="/tasks/{risk.pk}/review-risk/">Record the risk review' in content
    assert "EXAMPLE, Alex" in content


def test_done_tasks_and_other_peoples_tasks_are_not_listed(pwp_client, referral, dna_task, supervisor, pwp):
    services.complete_task(by=pwp, task=dna_task, outcome="Phoned, rebooked")
    services.raise_supervision_action(
        by=supervisor, action_description="Supervisor's own action", owner=supervisor, referral=referral,
        due_date=today(),
    )  # fmt: skip

    content = pwp_client.get("/tasks/").content.decode()

    assert "You have no open tasks." in content
    assert "Supervisor&#39;s own action" not in content


def test_a_sign_off_task_links_to_the_note(client, trainee, supervisor, referral):
    task = Task.objects.create(
        patient=referral.patient, referral=referral, owner=supervisor, kind=TaskKind.NOTE_SIGN_OFF,
        title="Sign off session 1 note by Tara Trainee", due_date=today(),
        source_appointment=contact(start_treatment(referral, by=supervisor), by=supervisor, days=1),
    )  # fmt: skip
    client.force_login(supervisor)

    content = client.get("/tasks/").content.decode()

    assert f'href="/treatment/note/{task.source_appointment_id}/">Read and sign off the note' in content


def test_the_list_is_audited(pwp_client, dna_task, patient):
    pwp_client.get("/tasks/")

    event = AuditEvent.objects.get(action=AuditAction.VIEW, detail__page="task_list")
    assert event.detail["shown"] == [patient.pk]


def test_marking_a_dna_follow_up_done_keeps_the_outcome(pwp_client, dna_task):
    form = pwp_client.get(f"/tasks/{dna_task.pk}/done/").content.decode()
    assert "Follow up a missed appointment" in form and 'name="outcome"' in form

    response = pwp_client.post(f"/tasks/{dna_task.pk}/done/", {"outcome": "Phoned: unwell that day, rebooked"})

    assert response["Location"] == "/tasks/"
    dna_task.refresh_from_db()
    assert dna_task.completed_at is not None and dna_task.outcome == "Phoned: unwell that day, rebooked"
    assert "Marked done: Follow up missed appointment" in pwp_client.get("/tasks/").content.decode()


def test_marking_a_supervision_action_done(pwp_client, action_task, pwp):
    pwp_client.post(f"/tasks/{action_task.pk}/done/", {"outcome": "GP review booked"})

    action_task.refresh_from_db()
    assert action_task.completed_by == pwp


def test_an_empty_outcome_is_refused_on_the_form(pwp_client, dna_task):
    content = pwp_client.post(f"/tasks/{dna_task.pk}/done/", {"outcome": "  "}).content.decode()

    assert "There is a problem" in content and "Enter what was done" in content
    dna_task.refresh_from_db()
    assert dna_task.completed_at is None


def test_only_the_owner_may_mark_a_task_done(client, supervisor, dna_task):
    client.force_login(supervisor)

    content = client.post(f"/tasks/{dna_task.pk}/done/", {"outcome": "Done it for them"}).content.decode()

    assert "Only Priya Shah, who owns this task, can mark it done" in content
    dna_task.refresh_from_db()
    assert dna_task.completed_at is None


def test_a_risk_review_is_not_marked_done_here(pwp_client, referral):
    score(referral, "phq9", 12, days=0, hour=0, q9=1)
    risk = Task.objects.get(kind=TaskKind.RISK_REVIEW)

    content = pwp_client.post(f"/tasks/{risk.pk}/done/", {"outcome": "Fine"}).content.decode()

    assert "A task of this kind (risk review) is completed on its own form, not marked done here" in content
    risk.refresh_from_db()
    assert risk.completed_at is None


def test_a_task_already_done_says_so(pwp_client, pwp, dna_task):
    services.complete_task(by=pwp, task=dna_task, outcome="Phoned")

    assert "This task is already done" in pwp_client.get(f"/tasks/{dna_task.pk}/done/").content.decode()


def test_the_risk_review_page_posts_to_the_risk_review_form(pwp_client, referral):
    score(referral, "phq9", 12, days=0, hour=0, q9=1)
    risk = Task.objects.get(kind=TaskKind.RISK_REVIEW)

    content = pwp_client.get(f"/tasks/{risk.pk}/review-risk/").content.decode()

    assert f'action="/tasks/{risk.pk}/risk-review/"' in content
    assert "Record a risk review" in content


def test_tasks_of_another_service_are_not_found(client, other_pwp, dna_task):
    client.force_login(other_pwp)

    assert client.get(f"/tasks/{dna_task.pk}/done/").status_code == 404
    assert client.post(f"/tasks/{dna_task.pk}/done/", {"outcome": "x"}).status_code == 404


def test_system_administrators_have_no_task_list(staff_in_role):
    admin = Client()
    admin.force_login(staff_in_role(Role.SYSTEM_ADMIN))

    assert admin.get("/tasks/").status_code == 403


def test_the_service_refuses_marking_done_someone_elses_task_or_a_kind_with_its_own_form(
    dna_task, supervisor, pwp, referral
):
    from steptwo.core.errors import NotAllowed

    with pytest.raises(NotAllowed, match="who owns this task"):
        services.complete_own_task(by=supervisor, task=dna_task, outcome="Called")
    risk = Task.objects.create(
        patient=referral.patient, referral=referral, owner=pwp, kind=TaskKind.RISK_REVIEW, title="Review risk",
        due_date=timezone.localdate(),
    )  # fmt: skip
    with pytest.raises(NotAllowed, match="completed on its own form"):
        services.complete_own_task(by=pwp, task=risk, outcome="Reviewed")
    dna_task.refresh_from_db()
    assert dna_task.completed_at is None
