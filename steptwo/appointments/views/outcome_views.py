"""Recording what happened at an appointment (attended, did not attend, cancelled ...)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from steptwo.accounts.rules import Permission
from steptwo.appointments import services
from steptwo.appointments.codes import AttendOrDNACode
from steptwo.appointments.forms.outcome import OutcomeForm
from steptwo.appointments.models import Appointment
from steptwo.core.concurrency import refuse_stale_form
from steptwo.core.errors import NotAllowed, StaleEditError


@permission_required(Permission.BOOK_APPOINTMENT, raise_exception=True)
def record_outcome(request, pk):
    appointments = Appointment.objects.for_user(request.user).select_related("referral__patient", "practitioner")
    appointment = get_object_or_404(appointments, pk=pk)
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    form = OutcomeForm(request.POST or None, initial=OutcomeForm.initial_from(appointment, next_url))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_outcome(
                by=request.user, appointment=appointment, attendance=data["attendance"],
                expected_version=data["version"], note=data["note"],
            )  # fmt: skip
        except StaleEditError:
            _report_stale(form, appointment)
        except NotAllowed as error:
            form.add_error(getattr(error, "field", None), str(error))
        else:
            messages.success(request, f"Outcome recorded: {AttendOrDNACode(data['attendance']).label}.")
            return redirect(next_url) if next_url else redirect("referrals:detail", pk=appointment.referral_id)
    return render(
        request,
        "appointments/outcome.jinja",
        {"form": form, "appointment": appointment, "patient": appointment.patient, "next_url": next_url},
    )


def _report_stale(form, appointment):
    appointment.refresh_from_db()
    saved = appointment.get_attendance_display() or "no outcome"
    refuse_stale_form(
        form, appointment, what_happened="Someone else changed this appointment's outcome while you were recording it",
        saved_now=f"It now says: {saved}.",
    )  # fmt: skip


def _safe_next(request, value):
    """Where to go after saving (e.g. back to the diary): only a path on this site."""
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()}) and value.startswith("/"):
        return value
    return ""
