"""Download a stored letter (audited as an export), or make a new copy of it from the record as it is now."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from steptwo.accounts.rules import Permission
from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.letters import services
from steptwo.letters.models import Letter


@permission_required(Permission.VIEW_PATIENT, raise_exception=True)
def download(request, pk):
    letter = get_object_or_404(Letter.objects.for_user(request.user).select_related("referral__patient"), pk=pk)
    audit.record(
        by=request.user, action=AuditAction.EXPORT, obj=letter, patient=letter.referral.patient,
        detail={"format": "PDF", "kind": letter.kind, "sha256": letter.sha256},
    )  # fmt: skip
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    # The file name carries no NHS number or name: downloads folders and browser histories are not private.
    response["Content-Disposition"] = f'attachment; filename="{letter.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@permission_required(Permission.RECORD_CLINICAL_CARE, raise_exception=True)
def new_copy(request, pk):
    letter = get_object_or_404(Letter.objects.for_user(request.user).select_related("referral__patient"), pk=pk)
    try:
        copy = services.create_new_copy(by=request.user, letter=letter)
    except NotAllowed as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"A new copy of the {copy.get_kind_display().lower()} has been made.")
    return redirect("discharge:discharge", referral_pk=letter.referral_id)
