"""The supervisor's review list: each supervisee's cases that need discussion, with why (supervision.review)."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from steptwo.accounts.models import Role, User
from steptwo.accounts.rules import Permission
from steptwo.core.formatting import format_score
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.referrals.codes import STEP_2_STATUSES
from steptwo.referrals.models import Referral
from steptwo.supervision import review
from steptwo.supervision.case_facts import facts_for
from steptwo.supervision.models import SupervisionSettings

MARKERS = {  # MeasureChange.reliable → the words shown (the tag's colour only repeats them)
    "improvement": ("Reliable improvement", "green"),
    "deterioration": ("Reliable deterioration", "red"),
    "none": ("No reliable change", "grey"),
    "": ("Change not judged yet", "white"),
}


@dataclass(frozen=True)
class SuperviseeReview:
    supervisee: User
    cases: list  # review.ReviewCase, most urgent first


@login_required
def review_list(request):
    user = request.user
    if not (user.has_perm(Permission.SUPERVISE) or user.has_perm(Permission.VIEW_CAPACITY)):
        raise PermissionDenied
    supervisor = _supervisor_to_show(request)
    context = {
        "supervisor": supervisor, "supervisor_choices": _supervisor_choices(user, supervisor), "markers": MARKERS,
        "score": format_score,
    }  # fmt: skip
    if supervisor is None:
        return render(request, "supervision/review_list.jinja", context)
    settings = SupervisionSettings.for_service(supervisor.service)
    groups = _reviews(user, supervisor, settings)
    audit.record(
        by=user, action=AuditAction.VIEW,
        detail={
            "page": "supervision_review_list", "supervisor": supervisor.pk,
            "shown": [case.referral.patient_id for group in groups for case in group.cases],
        },
    )  # fmt: skip
    return render(request, "supervision/review_list.jinja", context | {"groups": groups, "settings": settings})


def _supervisor_to_show(request):
    """The signed-in supervisor; anyone who may see capacity may choose another supervisor of the service."""
    user = request.user
    chosen = request.GET.get("supervisor", "")
    if chosen and user.has_perm(Permission.VIEW_CAPACITY):
        return get_object_or_404(
            User, pk=chosen if chosen.isdigit() else 0, service_id=user.service_id, role=Role.PWP_SUPERVISOR
        )
    return user if user.has_perm(Permission.SUPERVISE) else None


def _supervisor_choices(user, shown):
    """Items for the supervisor chooser, for those who may look at any supervisor's list (else none)."""
    if not user.has_perm(Permission.VIEW_CAPACITY):
        return []
    supervisors = User.objects.filter(service_id=user.service_id, role=Role.PWP_SUPERVISOR, is_active=True)
    return [{"value": "", "text": "Choose a supervisor", "selected": shown is None}] + [
        {"value": str(person.pk), "text": str(person), "selected": person == shown} for person in supervisors
    ]


def _reviews(user, supervisor, settings):
    """Every supervisee's listed cases, from one facts_for call over all their open step 2 referrals."""
    supervisees = list(User.objects.filter(supervisor=supervisor, service_id=supervisor.service_id, is_active=True))
    referrals = Referral.objects.for_user(user).filter(practitioner__in=supervisees, status__in=STEP_2_STATUSES)
    today = timezone.localdate()
    cases = review.cases_to_review(facts_for(referrals, today=today), settings, today=today)
    return [
        SuperviseeReview(supervisee, [case for case in cases if case.referral.practitioner_id == supervisee.pk])
        for supervisee in supervisees
    ]
