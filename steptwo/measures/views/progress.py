"""The progress page for a referral: charts of totals, their data tables and item-by-item answers."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, render

from steptwo.accounts.rules import Permission
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.measures.models import QuestionnaireResponse
from steptwo.measures.presenters.progress import ProgressPresenter
from steptwo.referrals.models import Referral


@permission_required(Permission.VIEW_PATIENT, raise_exception=True)
def referral_progress(request, pk):
    referral = get_object_or_404(Referral.objects.for_user(request.user).select_related("patient"), pk=pk)
    responses = list(
        QuestionnaireResponse.objects.for_user(request.user)
        .current()
        .filter(referral=referral)
        .prefetch_related("item_answers")
    )
    presenter = ProgressPresenter(referral, responses)
    audit.record(
        by=request.user, action=AuditAction.VIEW, obj=referral.patient,
        detail={"page": "progress", "referral": referral.pk, "responses": [response.pk for response in responses]},
    )  # fmt: skip
    return render(
        request,
        "measures/progress/referral_progress.jinja",
        {"referral": referral, "patient": referral.patient, "sections": presenter.sections},
    )
