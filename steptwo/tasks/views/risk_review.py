from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from steptwo.accounts.rules import Permission
from steptwo.tasks import services
from steptwo.tasks.forms import risk_review_form
from steptwo.tasks.models import Task, TaskKind


@require_POST
@permission_required(Permission.RECORD_RISK_REVIEW, raise_exception=True)
def record_risk_review(request, pk):
    task = get_object_or_404(Task.objects.for_user(request.user).open().filter(kind=TaskKind.RISK_REVIEW), pk=pk)
    form = risk_review_form(task, request.POST)
    if form.is_valid():
        services.complete_task(by=request.user, task=task, outcome=form.cleaned_data["outcome"])
        messages.success(request, "Risk review recorded.")
        return redirect("patients:detail", pk=task.patient_id)
    return render(request, "tasks/risk_review_error.jinja", {"task": task, "form": form, "patient": task.patient})
