"""Discharge a referral with a data-set end code and a staying-well plan; the two letters are made with it."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render

from steptwo.accounts.rules import Permission
from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.letters import services as letters
from steptwo.letters.summary import score_rows
from steptwo.measures.first_last import first_and_last
from steptwo.referrals import discharge as discharging
from steptwo.referrals.codes import EndCode, ReferralStatus
from steptwo.referrals.forms.discharge_form import DischargeForm
from steptwo.referrals.models import Discharge, Referral


@permission_required(Permission.RECORD_CLINICAL_CARE, raise_exception=True)
def discharge_referral(request, referral_pk):
    referral = get_object_or_404(
        Referral.objects.for_user(request.user).select_related("patient__service", "team"), pk=referral_pk
    )
    audit.record(by=request.user, action=AuditAction.VIEW, obj=referral, patient=referral.patient,
                 detail={"page": "discharge"})  # fmt: skip
    context = {"referral": referral, "patient": referral.patient}
    if referral.status == ReferralStatus.DISCHARGED:
        return _discharged(request, context)
    if request.method != "POST":
        try:
            discharging.check_can_discharge(referral)
        except NotAllowed as refusal:
            booked = discharging.booked_appointment(referral)
            return render(
                request, "referrals/discharge/refused.jinja", context | {"reason": str(refusal), "booked": booked}
            )
    form = DischargeForm(request.POST or None, end_codes=discharging.allowed_end_codes(referral))
    if request.method == "POST" and form.is_valid():
        try:
            letters.discharge_with_letters(
                by=request.user, referral=referral, end_code=form.cleaned_data["end_code"],
                discharge_date=form.cleaned_data["discharge_date"], **form.plan(),
            )  # fmt: skip
        except NotAllowed as error:
            form.add_error(getattr(error, "field", None), str(error))
        else:
            messages.success(request, _discharged_message(referral.patient))
            return redirect("patients:detail", pk=referral.patient_id)
    return render(request, "referrals/discharge/discharge_form.jinja", context | _summary(referral) | {"form": form})


def _discharged_message(patient):
    if patient.consent_to_letters:
        letters_made = "The letters to the GP and to the patient are ready to download from the referral."
    else:
        letters_made = ("The letter to the GP is ready to download from the referral. No letter to the patient: "
                        "they have not agreed to letters.")  # fmt: skip
    return f"{patient.full_name} has been discharged. {letters_made}"


def _summary(referral):
    return {"course": discharging.course_summary(referral), "scores": score_rows(first_and_last(referral))}


def _discharged(request, context):
    record = get_object_or_404(Discharge.objects.for_user(request.user), referral=context["referral"])
    return render(
        request,
        "referrals/discharge/discharged.jinja",
        context | {"discharge": record, "end_code": EndCode(record.end_code), "scores": score_rows(record.scores)},
    )
