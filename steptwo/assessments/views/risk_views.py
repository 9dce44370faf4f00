from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render

from steptwo.accounts.rules import Permission
from steptwo.assessments import risk
from steptwo.assessments.forms.risk_form import RiskAssessmentForm
from steptwo.assessments.models import Assessment
from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.referrals.models import Referral


def _referral_or_404(user, pk):
    return get_object_or_404(Referral.objects.for_user(user).select_related("patient"), pk=pk)


@permission_required(Permission.RECORD_CLINICAL_CARE, raise_exception=True)
def risk_new(request, referral_pk):
    """A new risk assessment. While an assessment is in progress it belongs to it, and the page returns there."""
    referral = _referral_or_404(request.user, referral_pk)
    assessment = Assessment.objects.for_user(request.user).filter(referral=referral).in_progress().first()
    form = RiskAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            risk.record_risk_assessment(by=request.user, referral=referral, assessment=assessment, **form.risk_fields())
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
            change = referral.risk_assessments.changes()[-1]
            messages.success(
                request, f"Risk assessment recorded: {change.label.lower()} risk ({change.change_text.lower()})."
            )
            if assessment:
                return redirect("assessments:assessment", pk=assessment.pk)
            return redirect("assessments:risk_history", referral_pk=referral.pk)
    context = {"form": form, "referral": referral, "patient": referral.patient, "assessment": assessment}
    return render(request, "assessments/risk_form.jinja", context)


@permission_required(Permission.VIEW_REFERRAL, raise_exception=True)
def risk_history(request, referral_pk):
    referral = _referral_or_404(request.user, referral_pk)
    history = risk.risk_history(referral)
    audit.record(by=request.user, action=AuditAction.VIEW, obj=referral, detail={"page": "risk_history"})
    context = {
        "referral": referral,
        "patient": referral.patient,
        "history": history,
        "latest": history[0] if history else None,
    }
    return render(request, "assessments/risk_history.jinja", context)
