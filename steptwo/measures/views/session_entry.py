import datetime

from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from steptwo.accounts.rules import Permission
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


@permission_required(Permission.CHANGE_PATIENT, raise_exception=True)
def record_session_measures(request, pk):
    referral = get_object_or_404(Referral.objects.for_user(request.user).select_related("patient"), pk=pk)
    chosen = _chosen_instruments(request, referral)
    initial = {"completed_on": timezone.localdate(), "completed_by": CompletedBy.CLINICIAN_IN_SESSION}
    form = SessionMeasuresForm(
        request.POST or None,
        initial=initial,
        instruments=chosen,
        item_texts={i.id: item_texts(request.user.service, i) for i in chosen},
    )
    if request.method == "POST" and form.is_valid():
        responses = _save(request.user, referral, form)
        query = "&".join(f"r={response.pk}" for response in responses)
        return redirect(reverse("measures:session_saved", args=[referral.pk]) + "?" + query)
    offered, mapping = adsm.adsm_for_referral(referral)
    audit.record(by=request.user, action=AuditAction.VIEW, obj=referral, detail={"page": "record_measures"})
    return render(
        request,
        "measures/session_entry.jinja",
        {
            "referral": referral, "patient": referral.patient, "form": form, "chosen": chosen,
            "offered": offered, "mapping": mapping,
            "picker": InstrumentPickerForm(all_instruments=instruments.INSTRUMENTS.values(), chosen=chosen),
        },
    )  # fmt: skip


@transaction.atomic
def _save(user, referral, form):
    completed_on = form.cleaned_data["completed_on"]
    now = timezone.localtime()
    completed_at = (
        now
        if completed_on == now.date()
        else timezone.make_aware(datetime.datetime.combine(completed_on, datetime.time(12)))
    )
    return [
        services.record_response(
            by=user,
            referral=referral,
            instrument_id=instrument.id,
            answers=form.answers_of(instrument),
            completed_by=form.cleaned_data["completed_by"],
            completed_at=completed_at,
            context=form.context_of(instrument),
        )
        for instrument in form.instruments
    ]


@permission_required(Permission.VIEW_PATIENT, raise_exception=True)
def session_saved(request, pk):
    referral = get_object_or_404(Referral.objects.for_user(request.user).select_related("patient"), pk=pk)
    ids = [value for value in request.GET.getlist("r") if value.isdigit()]
    responses = QuestionnaireResponse.objects.for_user(request.user).filter(referral=referral, pk__in=ids)
    audit.record(
        by=request.user, action=AuditAction.VIEW, obj=referral, detail={"page": "measures_saved", "responses": ids}
    )
    return render(
        request, "measures/session_saved.jinja",
        {"referral": referral, "patient": referral.patient, "summaries": summarise(responses.prefetch_related("item_answers"))},
    )  # fmt: skip
