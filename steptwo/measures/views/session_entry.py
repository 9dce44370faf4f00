import datetime

from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from steptwo.accounts.rules import Permission
from steptwo.appointments.models import Appointment
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.measures import adsm, instruments, services
from steptwo.measures.forms.session_entry import InstrumentPickerForm, SessionMeasuresForm
from steptwo.measures.licensed_text import item_texts
from steptwo.measures.models import CompletedBy, QuestionnaireResponse
from steptwo.measures.scoring_summary import summarise
from steptwo.referrals.models import Referral


def _chosen_instruments(request, referral):
    """PHQ-9, GAD-7 and the ADSM the problem descriptor calls for, unless the user picked others."""
    picked = [value for value in request.GET.getlist("instrument") if value in instruments.INSTRUMENTS]
    if picked:
        return [instruments.get(value) for value in dict.fromkeys(picked)]
    offered, _ = adsm.adsm_for_referral(referral)
    return [instruments.get("phq9"), instruments.get("gad7"), *([offered] if offered else [])]


def _appointment(request, referral):
    """The session the measures are for, from ?appointment=: one of this referral's appointments."""
    value = request.GET.get("appointment", "")
    if not value.isdigit():
        return None
    return get_object_or_404(Appointment.objects.for_user(request.user), pk=value, referral=referral)


@permission_required(Permission.CHANGE_PATIENT, raise_exception=True)
def record_session_measures(request, pk):
    referral = get_object_or_404(Referral.objects.for_user(request.user).select_related("patient"), pk=pk)
    appointment = _appointment(request, referral)
    chosen = _chosen_instruments(request, referral)
    completed_on = timezone.localdate(appointment.starts_at) if appointment else timezone.localdate()
    initial = {"completed_on": completed_on, "completed_by": CompletedBy.CLINICIAN_IN_SESSION}
    form = SessionMeasuresForm(
        request.POST or None,
        initial=initial,
        instruments=chosen,
        item_texts={i.id: item_texts(request.user.service, i) for i in chosen},
    )
    if request.method == "POST" and form.is_valid():
        responses = _save(request.user, referral, form, appointment)
        query = "&".join(f"r={response.pk}" for response in responses)
        query += f"&appointment={appointment.pk}" if appointment else ""
        return redirect(reverse("measures:session_saved", args=[referral.pk]) + "?" + query)
    offered, mapping = adsm.adsm_for_referral(referral)
    audit.record(by=request.user, action=AuditAction.VIEW, obj=referral, detail={"page": "record_measures"})
    return render(
        request,
        "measures/session_entry.jinja",
        {
            "referral": referral, "patient": referral.patient, "form": form, "chosen": chosen,
            "appointment": appointment, "offered": offered, "mapping": mapping,
            "picker": InstrumentPickerForm(all_instruments=instruments.INSTRUMENTS.values(), chosen=chosen),
        },
    )  # fmt: skip


@transaction.atomic
def _save(user, referral, form, appointment=None):
    completed_on = form.cleaned_data["completed_on"]
    now = timezone.localtime()
    if appointment and completed_on == timezone.localdate(appointment.starts_at):
        completed_at = min(appointment.starts_at, now)  # completed in that session
    elif completed_on == now.date():
        completed_at = now
    else:
        completed_at = timezone.make_aware(datetime.datetime.combine(completed_on, datetime.time(12)))
    return [
        services.record_response(
            by=user,
            referral=referral,
            instrument_id=instrument.id,
            answers=form.answers_of(instrument),
            completed_by=form.cleaned_data["completed_by"],
            completed_at=completed_at,
            context=form.context_of(instrument),
            appointment=appointment,
        )
        for instrument in form.instruments
    ]


@permission_required(Permission.VIEW_PATIENT, raise_exception=True)
def session_saved(request, pk):
    referral = get_object_or_404(Referral.objects.for_user(request.user).select_related("patient"), pk=pk)
    appointment = _appointment(request, referral)
    ids = [value for value in request.GET.getlist("r") if value.isdigit()]
    responses = QuestionnaireResponse.objects.for_user(request.user).filter(referral=referral, pk__in=ids)
    audit.record(
        by=request.user, action=AuditAction.VIEW, obj=referral, detail={"page": "measures_saved", "responses": ids}
    )
    return render(
        request, "measures/session_saved.jinja",
        {"referral": referral, "patient": referral.patient, "appointment": appointment,
         "summaries": summarise(responses.prefetch_related("item_answers"))},
    )  # fmt: skip
