from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, render

from steptwo.accounts.rules import Permission
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.referrals import services
from steptwo.referrals.models import Discharge, Referral
from steptwo.supervision.history import history_for_referral


@permission_required(Permission.VIEW_REFERRAL, raise_exception=True)
def referral_detail(request, pk):
    """One referral's pathway: status history, assessment and risk, appointments, treatment, letters."""
    referral = get_object_or_404(
        Referral.objects.for_user(request.user).select_related("patient", "team", "practitioner"), pk=pk
    )
    discharge = Discharge.objects.for_user(request.user).filter(referral=referral).select_related("recorded_by").first()
    audit.record(by=request.user, action=AuditAction.VIEW, obj=referral, patient=referral.patient)
    # Supervision notes are clinical: booking staff see the pathway but not what supervision discussed.
    sees_supervision = request.user.is_clinical or request.user.has_perm(Permission.VIEW_CAPACITY)
    return render(
        request,
        "referrals/referral_detail.jinja",
        {
            "referral": referral, "patient": referral.patient, "discharge": discharge,
            "history": services.replay(referral), "user": request.user,
            "supervision_history": history_for_referral(referral) if sees_supervision else None,
        },
    )  # fmt: skip
