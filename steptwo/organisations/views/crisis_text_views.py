from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render

from steptwo.accounts.rules import Permission
from steptwo.organisations import services
from steptwo.organisations.forms.crisis_text_form import CrisisTextForm


@permission_required(Permission.CHANGE_SERVICE_SETTINGS, raise_exception=True)
def crisis_text_edit(request):
    """The user's own service's crisis text: only service managers and system administrators may change it."""
    service = request.user.service
    form = CrisisTextForm(request.POST or None, initial={"crisis_text": service.crisis_text})
    if request.method == "POST" and form.is_valid():
        services.update_crisis_text(by=request.user, service=service, text=form.cleaned_data["crisis_text"])
        messages.success(request, "Crisis text saved. Patients see the new text from now on.")
        return redirect("organisations:crisis_text")
    return render(request, "organisations/crisis_text_form.jinja", {"form": form, "service": service})
