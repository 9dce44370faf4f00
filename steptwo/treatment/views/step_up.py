import datetime

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from steptwo.accounts.rules import Permission
from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.measures import instruments
from steptwo.measures.first_last import first_and_last
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import ReferralStatus
from steptwo.referrals.models import Referral
from steptwo.treatment import services
from steptwo.treatment.forms.step_up import StepUpForm
from steptwo.treatment.models import StepUp


@permission_required(Permission.RECORD_CLINICAL_CARE, raise_exception=True)
def step_up(request, referral_pk):
    referral = get_object_or_404(Referral.objects.for_user(request.user).select_related("patient"), pk=referral_pk)
    form = StepUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.step_up(by=request.user, referral=referral, reason=form.cleaned_data["reason"])
        except NotAllowed as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, "Stepped up to high intensity: the referral is on the high-intensity waiting list."
            )
            return redirect("patients:detail", pk=referral.patient_id)
    audit.record(by=request.user, action=AuditAction.VIEW, obj=referral, detail={"page": "step_up"})
    return render(
        request, "treatment/step_up.jinja",
        {
            "referral": referral, "patient": referral.patient, "form": form, "why_not": _why_not(referral),
            "latest": _latest_scores(referral),
            "step_ups": StepUp.objects.for_user(request.user).filter(referral=referral).select_related("stepped_up_by"),
        },
    )  # fmt: skip


@permission_required(Permission.VIEW_REFERRAL, raise_exception=True)
def hi_waiting_list(request):
    """Referrals waiting for high-intensity therapy in the service, longest-waiting first."""
    step_ups = (
        StepUp.objects.for_user(request.user)
        .filter(referral__status=ReferralStatus.STEPPED_UP)
        .select_related("referral__patient", "stepped_up_by")
        .order_by("stepped_up_at", "id")
    )
    today = timezone.localdate()
    rows = [
        {"step_up": record, "scores": record.scores_text, "days": (today - timezone.localdate(record.stepped_up_at)).days}
        for record in step_ups
    ]  # fmt: skip
    audit.record(
        by=request.user, action=AuditAction.VIEW,
        detail={"page": "hi_waiting_list", "shown": [row["step_up"].referral_id for row in rows]},
    )  # fmt: skip
    return render(request, "treatment/hi_waiting_list.jinja", {"rows": rows})


def _short_name(instrument_id):
    try:
        return instruments.get(instrument_id).short_name
    except KeyError:
        return instrument_id


def _why_not(referral):
    if referral.status == ReferralStatus.STEPPED_UP:
        return "This referral has already been stepped up: it is on the high-intensity waiting list"
    try:
        referrals.check_transition(referral, ReferralStatus.STEPPED_UP)
    except NotAllowed as error:
        return str(error)
    return ""


def _latest_scores(referral):
    return [
        {
            "instrument": _short_name(instrument_id),
            "total": entry["last"],
            "date": datetime.date.fromisoformat(entry["last_date"]),
        }
        for instrument_id, entry in first_and_last(referral).items()
    ]
