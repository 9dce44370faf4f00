from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.shortcuts import redirect, render

from steptwo.accounts.rules import Permission
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.organisations.forms.crisis_text_form import CrisisTextForm


@permission_required(Permission.CHANGE_SERVICE_SETTINGS, raise_exception=True)
def crisis_text_edit(request):
    """The user's own service's crisis text: only service managers and system administrators may change it."""
    service = request.user.service
    form = CrisisTextForm(request.POST or None, initial={"crisis_text": service.crisis_text})
    if request.method == "POST" and form.is_valid():
        _update_crisis_text(by=request.user, service=service, text=form.cleaned_data["crisis_text"])
        messages.success(request, "Crisis text saved. Patients see the new text from now on.")
        return redirect("organisations:crisis_text")
    return render(request, "organisations/crisis_text_form.jinja", {"form": form, "service": service})


@transaction.atomic
def _update_crisis_text(*, by, service, text):
    # Belongs in organisations/services.py with the other writes; kept here until that file is free to change.
    previous = service.crisis_text
    service.crisis_text = text
    service.save(update_fields=["crisis_text"])
    audit.record(by=by, action=AuditAction.UPDATE, obj=service, service=service,
                 detail={"crisis_text": {"from": previous, "to": text}})  # fmt: skip
