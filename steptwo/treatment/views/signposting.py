from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from steptwo.accounts.rules import Permission
from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.referrals.models import Referral
from steptwo.treatment import directory, services
from steptwo.treatment.forms.signposting import OrganisationForm, SignpostForm
from steptwo.treatment.models import Signposting, SignpostingOrganisation


def _organisations(user):
    """The user's own service's directory (not patient data: no for_user, but always scoped)."""
    return SignpostingOrganisation.objects.filter(service_id=user.service_id)


@permission_required(Permission.VIEW_REFERRAL, raise_exception=True)
def directory_list(request):
    organisations = _organisations(request.user).select_related("updated_by")
    return render(
        request, "treatment/signposting_directory.jinja",
        {"active": [o for o in organisations if o.active], "retired": [o for o in organisations if not o.active]},
    )  # fmt: skip


@permission_required(Permission.MANAGE_SIGNPOSTING, raise_exception=True)
def organisation_add(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = directory.add_organisation(
                by=request.user, service=request.user.service, **form.cleaned_data
            )
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{organisation} added to the signposting directory.")
            return redirect("treatment:signposting")
    return render(request, "treatment/organisation_form.jinja", {"form": form, "organisation": None})


@permission_required(Permission.MANAGE_SIGNPOSTING, raise_exception=True)
def organisation_edit(request, pk):
    organisation = get_object_or_404(_organisations(request.user), pk=pk)
    form = OrganisationForm(request.POST or None, initial=OrganisationForm.initial_from(organisation))
    if request.method == "POST" and form.is_valid():
        try:
            directory.update_organisation(by=request.user, organisation=organisation, **form.cleaned_data)
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{organisation} saved.")
            return redirect("treatment:signposting")
    return render(request, "treatment/organisation_form.jinja", {"form": form, "organisation": organisation})


@require_POST
@permission_required(Permission.MANAGE_SIGNPOSTING, raise_exception=True)
def organisation_retire(request, pk):
    return _set_active(request, pk, directory.retire_organisation, "retired: it is kept for the records that name it")


@require_POST
@permission_required(Permission.MANAGE_SIGNPOSTING, raise_exception=True)
def organisation_reinstate(request, pk):
    return _set_active(request, pk, directory.reinstate_organisation, "is back in the directory")


def _set_active(request, pk, change, done):
    organisation = get_object_or_404(_organisations(request.user), pk=pk)
    try:
        change(by=request.user, organisation=organisation)
    except NotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{organisation} {done}.")
    return redirect("treatment:signposting")


@permission_required(Permission.RECORD_CLINICAL_CARE, raise_exception=True)
def signpost(request, referral_pk):
    referral = get_object_or_404(Referral.objects.for_user(request.user).select_related("patient"), pk=referral_pk)
    form = SignpostForm(request.POST or None, organisations=_organisations(request.user).filter(active=True))
    if request.method == "POST" and form.is_valid():
        try:
            record = services.signpost(
                by=request.user, referral=referral, organisation=form.cleaned_data["organisation"],
                note=form.cleaned_data["note"],
            )  # fmt: skip
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Signposted to {record.organisation}. The referral stays open.")
            return redirect("patients:detail", pk=referral.patient_id)
    audit.record(by=request.user, action=AuditAction.VIEW, obj=referral, detail={"page": "signpost"})
    previous = (
        Signposting.objects.for_user(request.user)
        .filter(referral=referral)
        .select_related("organisation", "signposted_by")
    )
    return render(
        request, "treatment/signpost.jinja",
        {"referral": referral, "patient": referral.patient, "form": form, "previous": previous},
    )  # fmt: skip
