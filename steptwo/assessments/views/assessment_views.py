from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from steptwo.accounts.rules import Permission
from steptwo.appointments.codes import ASSESSMENT_APP_TYPES
from steptwo.appointments.models import Appointment
from steptwo.assessments import services
from steptwo.assessments.forms.assessment_form import SECTIONS, AssessmentForm
from steptwo.assessments.forms.start_form import StartAssessmentForm
from steptwo.assessments.models import Assessment
from steptwo.assessments.presenters import summary_sections
from steptwo.assessments.views.clash import report_clash
from steptwo.core.errors import NotAllowed, StaleEditError
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.measures import adsm
from steptwo.referrals.models import Referral


@permission_required(Permission.RECORD_CLINICAL_CARE, raise_exception=True)
def start(request, referral_pk):
    referral = get_object_or_404(Referral.objects.for_user(request.user).select_related("patient"), pk=referral_pk)
    in_progress = Assessment.objects.for_user(request.user).filter(referral=referral).in_progress().first()
    if in_progress:
        return redirect("assessments:assessment", pk=in_progress.pk)
    appointments = (
        Appointment.objects.for_user(request.user)
        .filter(referral=referral, app_type__in=ASSESSMENT_APP_TYPES)
        .attended()
        .select_related("practitioner")
    )
    form = StartAssessmentForm(request.POST or None, appointments=appointments)
    refusal = _refusal(referral) or (None if appointments else "Record the assessment appointment as attended first")
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.start_assessment(by=request.user, referral=referral, appointment=form.chosen())
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Assessment started. The referral is now ‘{referral.get_status_display()}’.")
            return redirect("assessments:assessment", pk=assessment.pk)
    context = {"form": form, "referral": referral, "patient": referral.patient, "refusal": refusal}
    return render(request, "assessments/start.jinja", context)


def _refusal(referral):
    try:
        services.check_can_start(referral)
    except NotAllowed as error:
        return str(error)
    return None


def assessment_or_404(user, pk):
    queryset = Assessment.objects.for_user(user).select_related(
        "referral__patient", "appointment__practitioner", "created_by", "completed_by"
    )
    return get_object_or_404(queryset, pk=pk)


@permission_required(Permission.VIEW_REFERRAL, raise_exception=True)
def assessment_page(request, pk):
    """The structured form while the assessment is in progress; a read-only record once completed."""
    assessment = assessment_or_404(request.user, pk)
    can_write = request.user.has_perm(Permission.RECORD_CLINICAL_CARE)
    if request.method == "POST" and not can_write:
        raise PermissionDenied
    if assessment.completed_at or not can_write:
        audit.record(by=request.user, action=AuditAction.VIEW, obj=assessment)
        return render(request, "assessments/assessment_summary.jinja", _summary_context(assessment))
    form = AssessmentForm(request.POST or None, initial=AssessmentForm.initial_from(assessment))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_assessment(
                by=request.user, assessment=assessment, expected_version=form.cleaned_data["version"],
                goals=form.goals(), **form.assessment_fields(),
            )  # fmt: skip
        except StaleEditError:
            report_clash(form, assessment)
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
            return _after_save(request, assessment)
    else:
        audit.record(by=request.user, action=AuditAction.VIEW, obj=assessment)
    return render(request, "assessments/assessment_form.jinja", _form_context(assessment, form))


def _after_save(request, assessment):
    if request.POST.get("action") == "decision":
        return redirect("assessments:decision", pk=assessment.pk)
    messages.success(request, "Assessment saved. You can continue it later.")
    return redirect("patients:detail", pk=assessment.referral.patient_id)


def _form_context(assessment, form):
    referral = assessment.referral
    return {
        "assessment": assessment, "referral": referral, "patient": referral.patient, "form": form,
        "sections": SECTIONS, "measures_url": measures_url(referral),
        "risk_since_start": referral.risk_assessments.filter(recorded_at__gte=assessment.created_at).last(),
    }  # fmt: skip


def _summary_context(assessment):
    referral = assessment.referral
    return {
        "assessment": assessment, "referral": referral, "patient": referral.patient,
        "sections": summary_sections(assessment), "goals": assessment.goals.all(),
    }  # fmt: skip


def measures_url(referral):
    """The questionnaires page with the assessment's measures: PHQ-9, GAD-7, the ADSM the problem
    descriptor calls for (domain reference §1.2) and the WSAS."""
    offered, _mapping = adsm.adsm_for_referral(referral)
    ids = ["phq9", "gad7", *([offered.id] if offered else []), "wsas"]
    return reverse("measures:record_session", args=[referral.pk]) + "?" + "&".join(f"instrument={i}" for i in ids)
