from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render

from steptwo.accounts.rules import Permission
from steptwo.assessments import services
from steptwo.assessments.codes import Decision
from steptwo.assessments.forms.decision_form import DecisionForm, consequence
from steptwo.assessments.views.assessment_views import assessment_or_404
from steptwo.core.concurrency import STALE_MESSAGE
from steptwo.core.errors import NotAllowed, StaleEditError
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.treatment.models import SignpostingOrganisation


@permission_required(Permission.RECORD_CLINICAL_CARE, raise_exception=True)
def decision(request, pk):
    assessment = assessment_or_404(request.user, pk)
    if assessment.completed_at:
        messages.info(request, "This assessment has been completed: its decision is shown below.")
        return redirect("assessments:assessment", pk=assessment.pk)
    organisations = SignpostingOrganisation.objects.filter(service=request.user.service, active=True)
    form = DecisionForm(request.POST or None, initial={"version": assessment.version}, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            services.complete_assessment(
                by=request.user, assessment=assessment, expected_version=form.cleaned_data["version"],
                **form.decision_fields(),
            )  # fmt: skip
        except StaleEditError:
            _report_stale(form, assessment)
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
            return _done(request, assessment)
    else:
        audit.record(by=request.user, action=AuditAction.VIEW, obj=assessment, detail={"page": "decision"})
    referral = assessment.referral
    return render(
        request,
        "assessments/decision.jinja",
        {
            "assessment": assessment, "referral": referral, "patient": referral.patient, "form": form,
            "missing": services.missing_for_completion(assessment), "has_organisations": bool(form.organisations),
            "consequences": {choice.value: consequence(choice) for choice in Decision},
        },
    )  # fmt: skip


def _report_stale(form, assessment):
    assessment.refresh_from_db()
    form.add_error(None, f"{STALE_MESSAGE}. Check the assessment, then make the decision again.")
    data = form.data.copy()
    data["version"] = assessment.version
    form.data = data


def _done(request, assessment):
    referral = assessment.referral
    messages.success(
        request,
        f"Assessment completed: {assessment.get_decision_display().lower()}. "
        f"The referral is now ‘{referral.get_status_display()}’.",
    )
    return redirect("patients:detail", pk=referral.patient_id)
