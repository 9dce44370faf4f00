"""Staff pages for incoming referrals: entering a professional's referral, the triage queue, triage."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from steptwo.accounts.rules import Permission
from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.patients.models import Patient
from steptwo.referrals import intake, matching
from steptwo.referrals.codes import IncomingStatus
from steptwo.referrals.forms.intake_forms import (
    AcceptExistingPatientForm,
    AcceptNewPatientForm,
    ProfessionalReferralForm,
    RejectForm,
)
from steptwo.referrals.models import IncomingReferral


@permission_required(Permission.VIEW_REFERRAL, raise_exception=True)
def queue(request):
    incoming = list(IncomingReferral.objects.for_user(request.user).awaiting_triage())
    today = timezone.localdate()
    rows = [(referral, (today - referral.received_date).days) for referral in incoming]
    audit.record(by=request.user, action=AuditAction.VIEW,
                 detail={"page": "intake_queue", "shown": [referral.pk for referral in incoming]})  # fmt: skip
    return render(request, "referrals/intake/queue.jinja", {"rows": rows})


@permission_required(Permission.ADD_REFERRAL, raise_exception=True)
def enter_referral(request):
    form = ProfessionalReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            incoming = intake.enter_professional_referral(by=request.user, **form.details())
        except NotAllowed as error:
            form.add_error(None, ValidationError(str(error)))
        else:
            messages.success(
                request, f"Referral for {incoming.given_name} {incoming.family_name} added to the triage queue "
                f"(reference {incoming.reference})."
            )  # fmt: skip
            return redirect("intake:queue")
    return render(request, "referrals/intake/professional_form.jinja", {"form": form})


@permission_required(Permission.VIEW_REFERRAL, raise_exception=True)
def triage(request, pk):
    incoming = _incoming(request, pk)
    return _render_triage(request, incoming)


@require_POST
@permission_required(Permission.TRIAGE_REFERRAL, raise_exception=True)
def accept_new(request, pk):
    incoming = _incoming(request, pk)
    form = AcceptNewPatientForm(request.POST, service=request.user.service)
    if form.is_valid():
        try:
            accepted = intake.accept_as_new_patient(by=request.user, incoming=incoming, **form.cleaned_data)
        except NotAllowed as error:
            form.add_error(None, ValidationError(str(error)))
        else:
            messages.success(
                request, f"{accepted.patient.full_name} has been added as a new patient, on the waiting list "
                f"of {accepted.referral.team.name}."
            )  # fmt: skip
            return redirect("patients:detail", pk=accepted.patient.pk)
    return _render_triage(request, incoming, accept_new_form=form)


@require_POST
@permission_required(Permission.TRIAGE_REFERRAL, raise_exception=True)
def accept_existing(request, pk):
    incoming = _incoming(request, pk)
    candidates = _candidates(request, incoming)
    form = AcceptExistingPatientForm(
        request.POST, service=request.user.service, patients=_candidate_patients(request, candidates)
    )
    if form.is_valid():
        try:
            accepted = intake.accept_for_existing_patient(by=request.user, incoming=incoming, **form.cleaned_data)
        except NotAllowed as error:
            form.add_error(None, ValidationError(str(error)))
        else:
            messages.success(request, _merged_message(accepted))
            return redirect("patients:detail", pk=accepted.patient.pk)
    return _render_triage(request, incoming, candidates=candidates, accept_existing_form=form)


@require_POST
@permission_required(Permission.TRIAGE_REFERRAL, raise_exception=True)
def reject(request, pk):
    incoming = _incoming(request, pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            intake.reject(by=request.user, incoming=incoming, reason=form.cleaned_data["reason"])
        except NotAllowed as error:
            form.add_error(None, ValidationError(str(error)))
        else:
            messages.success(request, f"Referral {incoming.reference} rejected.")
            return redirect("intake:queue")
    return _render_triage(request, incoming, reject_form=form)


def _incoming(request, pk):
    queryset = IncomingReferral.objects.for_user(request.user).select_related("entered_by", "triaged_by", "referral")
    return get_object_or_404(queryset, pk=pk)


def _candidates(request, incoming):
    return matching.find_candidates(incoming, Patient.objects.for_user(request.user))


def _candidate_patients(request, candidates):
    return Patient.objects.for_user(request.user).filter(pk__in=[c.patient.pk for c in candidates])


def _render_triage(request, incoming, candidates=None, **forms):
    user = request.user
    candidates = _candidates(request, incoming) if candidates is None else candidates
    can_triage = user.has_perm(Permission.TRIAGE_REFERRAL) and incoming.status == IncomingStatus.NEW
    if can_triage:
        service = user.service
        forms.setdefault("accept_new_form", AcceptNewPatientForm(service=service))
        forms.setdefault("reject_form", RejectForm())
        if candidates:
            # No patient is chosen in advance: merging into the wrong record is a safety hazard (§8.1).
            patients = _candidate_patients(request, candidates)
            forms.setdefault("accept_existing_form", AcceptExistingPatientForm(service=service, patients=patients))
    audit.record(by=user, action=AuditAction.VIEW, obj=incoming, service=incoming.service,
                 detail={"page": "triage", "candidates": [c.patient.pk for c in candidates]})  # fmt: skip
    context = {
        "incoming": incoming, "candidates": candidates, "can_triage": can_triage,
        "exact_match": next((c for c in candidates if c.exact), None),
        "under_age": intake.is_under_minimum_age(incoming.date_of_birth, incoming.received_date),
        "days_waiting": (timezone.localdate() - incoming.received_date).days,
        # The form sent, if it has errors: the page's error summary and title speak about it.
        "form": next((form for form in forms.values() if form.is_bound and form.errors), None),
    } | forms  # fmt: skip
    return render(request, "referrals/intake/triage.jinja", context)


def _merged_message(accepted):
    message = f"Referral added to {accepted.patient.full_name}'s record, on the waiting list of {accepted.referral.team.name}."
    if accepted.differences:
        listed = "; ".join(
            f"{row.label}: {row.incoming} (record has {row.patient or 'none'})" for row in accepted.differences
        )
        message += (
            f" The referral gives different details: {listed}. Check these with the patient and update their record."
        )
    return message
