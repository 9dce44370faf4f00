"""The signed-in user's open tasks, most overdue first, each with a link to act on it; and marking a DNA
follow-up or a supervision action done with what was done. Other kinds are completed by their own
workflows: a risk review on its form, a sign-off by signing the note off (or returning it)."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from steptwo.accounts.rules import Permission
from steptwo.core.errors import NotAllowed
from steptwo.core.formatting import format_date
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.tasks import services
from steptwo.tasks.forms import CompleteTaskForm, risk_review_form
from steptwo.tasks.models import Task, TaskKind


@dataclass(frozen=True)
class TaskRow:
    task: Task
    today: object

    @property
    def overdue_days(self):
        return max(0, (self.today - self.task.due_date).days)

    @property
    def due_text(self):
        """ "Overdue by 3 days (due 1 March 2026)", "Due today", "Due 9 March 2026"."""
        due = self.task.due_date
        if due < self.today:
            days = self.overdue_days
            return f"Overdue by {days} day{'' if days == 1 else 's'} (due {format_date(due)})"
        return "Due today" if due == self.today else f"Due {format_date(due)}"

    @property
    def action(self):
        """(link text, url) for acting on the task."""
        task = self.task
        if task.kind == TaskKind.RISK_REVIEW:
            return "Record the risk review", reverse("tasks:review_risk", args=[task.pk])
        if task.kind == TaskKind.NOTE_SIGN_OFF and task.source_appointment_id:
            return "Read and sign off the note", reverse("treatment:note", args=[task.source_appointment_id])
        if task.kind in services.COMPLETED_BY_OWNER:
            return "Mark as done", reverse("tasks:complete", args=[task.pk])
        if task.referral_id:
            return "Open the referral", reverse("referrals:detail", args=[task.referral_id])
        return "Open the patient's record", reverse("patients:detail", args=[task.patient_id])


def _my_open_tasks(user):
    return (
        Task.objects.for_user(user)
        .open()
        .filter(owner=user)
        .select_related("patient", "referral")
        .order_by("due_date", "created_at", "id")  # the oldest due date first: overdue ones lead
    )


@permission_required(Permission.VIEW_PATIENT, raise_exception=True)
def task_list(request):
    today = timezone.localdate()
    rows = [TaskRow(task, today) for task in _my_open_tasks(request.user)]
    audit.record(
        by=request.user, action=AuditAction.VIEW,
        detail={"page": "task_list", "shown": sorted({row.task.patient_id for row in rows})},
    )  # fmt: skip
    return render(
        request, "tasks/task_list.jinja", {"rows": rows, "overdue": sum(1 for row in rows if row.overdue_days)}
    )


def _task_for(request, pk):
    return get_object_or_404(Task.objects.for_user(request.user).select_related("patient", "referral", "owner"), pk=pk)


@permission_required(Permission.VIEW_PATIENT, raise_exception=True)
def complete(request, pk):
    task = _task_for(request, pk)
    try:
        services.check_can_complete(by=request.user, task=task)
    except NotAllowed as error:
        refusal = str(error)
    else:
        refusal = None
    form = CompleteTaskForm(request.POST if request.method == "POST" and refusal is None else None)
    if form.is_bound and form.is_valid():
        services.complete_own_task(by=request.user, task=task, outcome=form.cleaned_data["outcome"])
        messages.success(request, f"Marked done: {task.title}")
        return redirect("tasks:list")
    context = {
        "task": task, "form": form, "refusal": refusal, "refused_post": bool(refusal and request.method == "POST"),
        "row": TaskRow(task, timezone.localdate()),
    }  # fmt: skip
    return render(request, "tasks/task_list_complete.jinja", context)


@permission_required(Permission.RECORD_RISK_REVIEW, raise_exception=True)
def review_risk(request, pk):
    """The risk-review form on a page of its own; it posts to tasks:record_risk_review."""
    task = get_object_or_404(
        Task.objects.for_user(request.user).open().filter(kind=TaskKind.RISK_REVIEW).select_related("patient", "owner"),
        pk=pk,
    )
    audit.record(
        by=request.user, action=AuditAction.VIEW, obj=task, patient=task.patient, detail={"page": "risk_review"}
    )
    context = {"task": task, "review_form": risk_review_form(task), "patient": task.patient}
    return render(request, "tasks/task_list_risk_review.jinja", context)
