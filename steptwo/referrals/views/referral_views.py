from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render

from steptwo.accounts.rules import Permission
from steptwo.patients.models import Patient
from steptwo.referrals import services
from steptwo.referrals.forms.referral_form import ReferralForm


@permission_required(Permission.ADD_REFERRAL, raise_exception=True)
def referral_create(request, patient_pk):
    patient = get_object_or_404(Patient.objects.for_user(request.user), pk=patient_pk)
    initial = {"team": request.user.teams.first()}
    form = ReferralForm(request.POST or None, initial=initial, service=request.user.service)
    if request.method == "POST" and form.is_valid():
        services.create_referral(by=request.user, patient=patient, **form.cleaned_data)
        messages.success(request, "Referral added to the team's waiting list.")
        return redirect("patients:detail", pk=patient.pk)
    return render(request, "referrals/referral_form.jinja", {"form": form, "patient": patient})
