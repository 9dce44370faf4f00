from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import render

from steptwo.accounts.models import User
from steptwo.accounts.rules import Permission
from steptwo.core.forms.audit_search import AuditSearchForm
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.core.presenters.audit import AuditEventPresenter
from steptwo.core.services import audit
from steptwo.patients.models import Patient

PAGE_SIZE = 50


@permission_required(Permission.VIEW_AUDIT_LOG, raise_exception=True)
def audit_log(request):
    """Service managers search their own service's audit trail, by patient or by staff member."""
    form = AuditSearchForm(request.GET or None)
    events = AuditEvent.objects.for_service(request.user.service)
    patient = None
    if form.is_valid():
        events, patient = _filter(events, form.cleaned_data, request.user)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record(
        by=request.user, action=AuditAction.VIEW, patient=patient,
        detail={"page": "audit_log", "filters": {k: v for k, v in (form.cleaned_data if form.is_bound and form.is_valid() else {}).items() if v}},
    )  # fmt: skip
    presenters = AuditEventPresenter.for_page(page.object_list, request.user)
    return render(
        request, "core/audit_log.jinja", {"form": form, "page": page, "events": presenters, "patient": patient}
    )


def _filter(events, data, user):
    patient = None
    if data["nhs_number"]:
        patient = Patient.objects.for_user(user).filter(nhs_number=data["nhs_number"]).first()
        events = events.filter(patient_id=patient.pk if patient else -1)
    if data["staff"]:
        staff = User.objects.filter(service=user.service, username=data["staff"]).first()
        events = events.filter(actor_id=staff.pk if staff else -1)
    if data["action"]:
        events = events.filter(action=data["action"])
    return events, patient
