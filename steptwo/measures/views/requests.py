"""Staff pages for remote completion requests: send questionnaires, list a referral's links, cancel one."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from steptwo.accounts.rules import Permission
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.measures import remote
from steptwo.measures.forms.completion_request_form import CompletionRequestForm, offer_for
from steptwo.measures.models import CompletionRequest
from steptwo.referrals.models import Referral


def _referral(request, pk):
    return get_object_or_404(Referral.objects.for_user(request.user).select_related("patient__service"), pk=pk)


@permission_required(Permission.CHANGE_PATIENT, raise_exception=True)
def request_create(request, referral_pk):
    referral = _referral(request, referral_pk)
    form = CompletionRequestForm(request.POST or None, offer=offer_for(referral))
    if request.method == "POST" and form.is_valid():
        completion_request, token = remote.create_request(
            by=request.user, referral=referral, instrument_ids=form.cleaned_data["instrument_ids"],
            expires_in_days=form.cleaned_data["expires_in_days"],
        )  # fmt: skip
        # Shown now and never again: only the token's hash is stored. Not a redirect, for the same reason.
        link = request.build_absolute_uri(reverse("questionnaires:complete", args=[token]))
        context = {"referral": referral, "row": remote.rows([completion_request])[0], "link": link}
        return render(request, "measures/requests/request_created.jinja", context)
    return render(request, "measures/requests/request_form.jinja", {"referral": referral, "form": form})


@permission_required(Permission.VIEW_PATIENT, raise_exception=True)
def request_list(request, referral_pk):
    referral = _referral(request, referral_pk)
    requests = (
        CompletionRequest.objects.for_user(request.user)
        .filter(referral=referral)
        .select_related("created_by", "cancelled_by")
    )
    rows = remote.rows(requests)
    audit.record(by=request.user, action=AuditAction.VIEW, obj=referral, patient=referral.patient,
                 detail={"page": "completion_requests"})  # fmt: skip
    by_state = {state: [row for row in rows if row.state == state] for state in remote.LinkState}
    return render(request, "measures/requests/request_list.jinja", {"referral": referral, "by_state": by_state})


@require_POST
@permission_required(Permission.CHANGE_PATIENT, raise_exception=True)
def request_cancel(request, pk):
    completion_request = get_object_or_404(CompletionRequest.objects.for_user(request.user), pk=pk)
    try:
        remote.cancel(by=request.user, completion_request=completion_request)
    except remote.LinkNotOpen:
        messages.info(request, "That link had already been completed or had expired, so there was nothing to cancel.")
    else:
        messages.success(request, "Link cancelled. It no longer works.")
    return redirect("measures:request_list", referral_pk=completion_request.referral_id)
