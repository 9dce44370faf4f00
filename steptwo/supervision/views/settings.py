"""The service's supervision settings, for service managers."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render

from steptwo.accounts.rules import Permission
from steptwo.core.concurrency import refuse_stale_form
from steptwo.core.errors import NotAllowed, StaleEditError
from steptwo.supervision.forms.settings import SupervisionSettingsForm
from steptwo.supervision.models import SupervisionSettings
from steptwo.supervision.settings_services import save_supervision_settings


@permission_required(Permission.CHANGE_SERVICE_SETTINGS, raise_exception=True)
def settings_page(request):
    service = request.user.service
    settings = SupervisionSettings.for_service(service)
    form = SupervisionSettingsForm(request.POST or None, initial=SupervisionSettingsForm.initial_from(settings))
    if request.method == "POST" and form.is_valid():
        try:
            save_supervision_settings(
                by=request.user, service=service, expected_version=form.cleaned_data["version"],
                **form.settings_values(),
            )  # fmt: skip
        except StaleEditError:
            _report_clash(form, service)
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Supervision settings saved.")
            return redirect("supervision:settings")
    return render(request, "supervision/settings.jinja", {"form": form, "settings": settings})


def _report_clash(form, service):
    saved = SupervisionSettings.for_service(service)
    differing = [
        f"{form.fields[name].label}: {getattr(saved, name)}"
        for name, value in form.settings_values().items()
        if getattr(saved, name) != value
    ]
    refuse_stale_form(
        form, saved, what_happened="Someone else saved the supervision settings while you were editing",
        saved_now=f"The saved settings now have {'; '.join(differing)}." if differing else "They match what you typed.",
    )  # fmt: skip
