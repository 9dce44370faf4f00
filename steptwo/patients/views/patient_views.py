import datetime

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from steptwo.accounts.rules import Permission
from steptwo.core.concurrency import refuse_stale_form
from steptwo.core.formatting import format_date
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.measures import remote
from steptwo.measures.models import CompletionRequest, QuestionnaireResponse
from steptwo.patients import queries, services
from steptwo.patients.forms.patient_form import CONTACT_CONSENT_CHOICES, PatientForm
from steptwo.patients.forms.search_form import PatientSearchForm
from steptwo.patients.models import Patient
from steptwo.patients.presenters import PatientPresenter
from steptwo.referrals.models import Referral
from steptwo.tasks.forms import risk_review_form
from steptwo.tasks.models import Task, TaskKind

PAGE_SIZE = 25


@permission_required(Permission.VIEW_PATIENT, raise_exception=True)
def patient_list(request):
    user = request.user
    scope = request.GET.get("scope") or ("mine" if user.is_clinical else "team")
    if scope not in queries.SCOPES:
        scope = "mine"
    form = PatientSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    team_id = request.GET.get("team") if (request.GET.get("team") or "").isdigit() else None
    patients = queries.patients_for_list(user, scope=scope, team_id=team_id, query=query)
    page = Paginator(patients, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record(
        by=user, action=AuditAction.VIEW,
        detail={"page": "patient_list", "scope": scope, "query": query, "shown": [p.pk for p in page.object_list]},
    )  # fmt: skip
    return render(
        request,
        "patients/patient_list.jinja",
        {"form": form, "page": page, "scope": scope, "scopes": queries.SCOPES, "query": query},
    )


@permission_required(Permission.VIEW_PATIENT, raise_exception=True)
def patient_detail(request, pk):
    patient = get_object_or_404(Patient.objects.for_user(request.user).select_related("created_by"), pk=pk)
    referrals = (
        Referral.objects.for_user(request.user)
        .filter(patient=patient)
        .select_related("team", "practitioner")
        .prefetch_related("status_changes__changed_by", "presenting_complaints")
    )
    responses = (
        QuestionnaireResponse.objects.for_user(request.user).filter(patient=patient).select_related("recorded_by")
    )
    tasks = Task.objects.for_user(request.user).filter(patient=patient).select_related("owner", "completed_by")
    audit.record(by=request.user, action=AuditAction.VIEW, obj=patient)
    presenter = PatientPresenter(patient)
    open_risk_tasks = [task for task in tasks if task.kind == TaskKind.RISK_REVIEW and not task.completed_at]
    return render(
        request,
        "patients/patient_detail.jinja",
        {
            "patient": patient, "presenter": presenter, "referrals": presenter.referral_rows(referrals, responses),
            "timeline": presenter.timeline(referrals, responses, tasks),
            "risk_reviews": [(task, risk_review_form(task)) for task in open_risk_tasks],
            "outstanding_requests": remote.rows(remote.outstanding(
                CompletionRequest.objects.for_user(request.user).filter(patient=patient).select_related("created_by", "referral")
            )),
        },
    )  # fmt: skip


@permission_required(Permission.ADD_PATIENT, raise_exception=True)
def patient_create(request):
    form = PatientForm(request.POST or None, service=request.user.service)
    if request.method == "POST" and form.is_valid():
        patient = services.create_patient(by=request.user, service=request.user.service, **form.patient_fields())
        messages.success(request, f"{patient.full_name} has been added. Now add their referral.")
        return redirect("referrals:create", patient_pk=patient.pk)
    return render(request, "patients/patient_form.jinja", {"form": form, "patient": None})


@permission_required(Permission.CHANGE_PATIENT, raise_exception=True)
def patient_edit(request, pk):
    patient = get_object_or_404(Patient.objects.for_user(request.user), pk=pk)
    form = PatientForm(
        request.POST or None, initial=PatientForm.initial_from(patient), service=request.user.service, patient=patient
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_patient(
                by=request.user, patient=patient, expected_version=form.cleaned_data["version"], **form.patient_fields()
            )
        except services.StaleEditError:
            _report_clash(form, patient)
        else:
            messages.success(request, "Patient details saved.")
            return redirect("patients:detail", pk=patient.pk)
    else:
        audit.record(by=request.user, action=AuditAction.VIEW, obj=patient, detail={"page": "edit"})
    return render(request, "patients/patient_form.jinja", {"form": form, "patient": patient})


def _report_clash(form, patient):
    """Keep the user's input and show the saved values that differ (core.concurrency.refuse_stale_form)."""
    patient.refresh_from_db()
    differing = [
        f"{_label(form, name)}: {_shown(getattr(patient, name))}"
        for name, value in form.patient_fields().items()
        if getattr(patient, name) != value
    ]
    refuse_stale_form(
        form, patient, what_happened="Someone else changed this patient's details while you were editing",
        saved_now=f"The saved record now has {'; '.join(differing)}." if differing else "It matches the saved record.",
    )  # fmt: skip


def _label(form, name):
    return form.fields[name].label if name in form.fields else dict(CONTACT_CONSENT_CHOICES)[name] + " contact"


def _shown(value):
    if isinstance(value, bool):
        return "agreed" if value else "not agreed"
    if isinstance(value, datetime.date):
        return format_date(value)
    return value or "blank"
