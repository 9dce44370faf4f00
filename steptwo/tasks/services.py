"""Writes for tasks."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.tasks.models import Task, TaskKind

TITLE_LENGTH = Task._meta.get_field("title").max_length


@transaction.atomic
def raise_risk_review(*, response, rule):
    """A risk review for the patient's practitioner, due today, from an answer such as PHQ-9 item 9 > 0.

    Item 9 is not a risk assessment (domain reference §2.5): the task asks a clinician to assess risk.
    """
    referral = response.referral
    task = Task.objects.create(
        patient=response.patient, referral=referral, owner=referral.practitioner, kind=TaskKind.RISK_REVIEW,
        title=f"Review risk: {response.instrument.short_name} answer", detail=rule.message,
        due_date=timezone.localdate(), source_response=response,
    )  # fmt: skip
    audit.record(
        by=None, action=AuditAction.CREATE, obj=task, patient=response.patient, service=response.patient.service
    )
    return task


# Kinds their owner marks done with an outcome note; the others end in their own workflow (a risk review
# on its form, a sign-off by signing the note off or returning it).
COMPLETED_BY_OWNER = (TaskKind.DNA_FOLLOW_UP, TaskKind.SUPERVISION_ACTION)


def check_can_complete(*, by, task):
    """Raise NotAllowed, with the reason, unless `by` may mark `task` done with an outcome note."""
    if task.completed_at:
        raise NotAllowed("This task is already done")
    if task.kind not in COMPLETED_BY_OWNER:
        raise NotAllowed(
            f"A task of this kind ({task.get_kind_display().lower()}) is completed on its own form, not marked done here"
        )
    if task.owner_id != by.pk:
        raise NotAllowed(f"Only {task.owner or 'its owner'}, who owns this task, can mark it done")


@transaction.atomic
def complete_own_task(*, by, task, outcome):
    """The owner marks a DNA follow-up or supervision action done, saying what was done."""
    check_can_complete(by=by, task=task)
    return complete_task(by=by, task=task, outcome=outcome)


@transaction.atomic
def complete_task(*, by, task, outcome):
    if task.completed_at:
        raise ValueError("This task is already done")
    if not outcome.strip():
        raise ValueError("Record what was done")
    task.completed_at = timezone.now()
    task.completed_by = by
    task.outcome = outcome
    task.save(update_fields=["completed_at", "completed_by", "outcome"])
    audit.record(by=by, action=AuditAction.UPDATE, obj=task, detail={"completed": True})
    return task


@transaction.atomic
def raise_dna_follow_up(*, by, appointment):
    """A missed appointment is followed up by its practitioner the next working day (hazard: lost DNA follow-up)."""
    referral = appointment.referral
    task = Task.objects.create(
        patient=referral.patient, referral=referral, owner=appointment.practitioner, kind=TaskKind.DNA_FOLLOW_UP,
        title=f"Follow up missed appointment on {appointment.starts_at:%d/%m/%Y}",
        detail="Contact the patient, check on risk and offer another appointment.",
        due_date=next_working_day(timezone.localdate()), source_appointment=appointment,
    )  # fmt: skip
    audit.record(by=by, action=AuditAction.CREATE, obj=task, patient=referral.patient)
    return task


def next_working_day(day):
    day += timedelta(days=1)
    while day.weekday() >= 5:  # Saturday, Sunday
        day += timedelta(days=1)
    return day


@transaction.atomic
def raise_supervision_action(*, by, action_description, owner, referral, due_date):
    """A task for an action agreed in case-management supervision (domain reference §5), for its owner.

    The supervision service checks the owner and the date; the task's title is the action itself,
    shortened to fit (the whole text is kept in the detail when it is).
    """
    description = action_description.strip()
    title = description if len(description) <= TITLE_LENGTH else description[: TITLE_LENGTH - 1].rstrip() + "…"
    task = Task.objects.create(
        patient=referral.patient, referral=referral, owner=owner, kind=TaskKind.SUPERVISION_ACTION, title=title,
        detail=description if title != description else "Agreed in case-management supervision.",
        due_date=due_date,
    )  # fmt: skip
    audit.record(by=by, action=AuditAction.CREATE, obj=task, patient=referral.patient)
    return task
