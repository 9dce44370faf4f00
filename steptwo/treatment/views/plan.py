from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from steptwo.accounts.rules import Permission
from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.referrals.models import Referral
from steptwo.treatment import services
from steptwo.treatment.forms.plan import AddInterventionForm
from steptwo.treatment.models import PlannedIntervention


@permission_required(Permission.RECORD_CLINICAL_CARE, raise_exception=True)
def plan(request, referral_pk):
    referral = get_object_or_404(Referral.objects.for_user(request.user).select_related("patient"), pk=referral_pk)
    form = AddInterventionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            planned = services.add_intervention(
                by=request.user, referral=referral, intervention=form.cleaned_data["intervention"],
                therapy_type=form.cleaned_data["therapy_type"] or None,
            )  # fmt: skip
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{planned} added to the treatment plan.")
            return redirect("treatment:plan", referral_pk=referral.pk)
    interventions = (
        PlannedIntervention.objects.for_user(request.user)
        .filter(referral=referral)
        .select_related("added_by", "ended_by")
    )
    audit.record(by=request.user, action=AuditAction.VIEW, obj=referral, detail={"page": "treatment_plan"})
    return render(
        request, "treatment/plan.jinja",
        {
            "referral": referral, "patient": referral.patient, "form": form,
            "current": [planned for planned in interventions if not planned.ended_at],
            "ended": [planned for planned in interventions if planned.ended_at],
        },
    )  # fmt: skip


@require_POST
@permission_required(Permission.RECORD_CLINICAL_CARE, raise_exception=True)
def end_intervention(request, pk):
    planned = get_object_or_404(PlannedIntervention.objects.for_user(request.user).select_related("referral"), pk=pk)
    try:
        services.end_intervention(by=request.user, planned=planned)
    except NotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{planned} ended. It stays in the plan's history.")
    return redirect("treatment:plan", referral_pk=planned.referral_id)
