from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render

from steptwo.accounts.rules import Permission
from steptwo.measures import adsm
from steptwo.referrals import services
from steptwo.referrals.forms.problem_descriptor_form import ProblemDescriptorForm
from steptwo.referrals.models import Referral


@permission_required(Permission.CHANGE_REFERRAL, raise_exception=True)
def record_problem_descriptor(request, pk):
    referral = get_object_or_404(Referral.objects.for_user(request.user).select_related("patient"), pk=pk)
    form = ProblemDescriptorForm(request.POST or None, mappings=adsm.current_mappings())
    if request.method == "POST" and form.is_valid():
        row = form.chosen()
        services.record_presenting_complaint(
            by=request.user, referral=referral, code_system=row.code_system, code=row.code, label=row.label
        )
        messages.success(request, f"Problem descriptor recorded: {row.code} {row.label}.")
        return redirect("patients:detail", pk=referral.patient_id)
    return render(
        request,
        "referrals/problem_descriptor_form.jinja",
        {"form": form, "referral": referral, "patient": referral.patient},
    )
