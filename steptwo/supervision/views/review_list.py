"""The supervisor's review list: each supervisee's cases that need discussion, with why (supervision.review)."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from steptwo.accounts.models import Role, User
from steptwo.accounts.rules import Permission
from steptwo.core.formatting import format_score
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.referrals.codes import STEP_2_STATUSES, RiskLevel
from steptwo.referrals.models import Referral
from steptwo.supervision import review
from steptwo.supervision.case_facts import facts_for
from steptwo.supervision.codes import SupervisionKind
from steptwo.supervision.models import SupervisionSession, SupervisionSettings
from steptwo.treatment.codes import NoteStatus
from steptwo.treatment.models import SessionNote

MARKERS = {  # MeasureChange.reliable → the words shown (the tag's colour only repeats them)
    "improvement": ("Reliable improvement", "green"),
    "deterioration": ("Reliable deterioration", "red"),
    "none": ("No reliable change", "grey"),
    "": ("Change not judged yet", "white"),
}


@dataclass(frozen=True)
class SuperviseeSummary:
    """A supervisee's row in the overview: cheap counts, so the page lists every supervisee at once."""

    supervisee: User
    open_cases: int
    high_risk: int
    notes_awaiting_sign_off: int
    last_case_management: object  # date of the newest case-management supervision, or None


@login_required
def review_list(request):
    """One supervisee's cases at a time (supervision is held with one person), with an overview of all of
    them: listing every supervisee's cases at once took 0.8-1.2 s for a supervisor of 23 PWPs."""
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
    supervisees = list(User.objects.filter(supervisor=supervisor, service_id=supervisor.service_id, is_active=True))
    shown = _supervisee_to_show(request, supervisees)
    settings = SupervisionSettings.for_service(supervisor.service)
    cases = _cases(user, shown, settings) if shown else []
    audit.record(
        by=user, action=AuditAction.VIEW,
        detail={
            "page": "supervision_review_list", "supervisor": supervisor.pk,
            "supervisee": shown.pk if shown else None, "shown": [case.referral.patient_id for case in cases],
        },
    )  # fmt: skip
    context |= {
        "summaries": _summaries(user, supervisor, supervisees), "shown": shown, "cases": cases, "settings": settings,
        "page_query": f"supervisor={supervisor.pk}&" if supervisor != user else "",
    }  # fmt: skip
    return render(request, "supervision/review_list.jinja", context)


def _supervisee_to_show(request, supervisees):
    """The supervisee asked for (?supervisee=pk, one of this supervisor's), else the first by name."""
    chosen = request.GET.get("supervisee", "")
    if not chosen:
        return supervisees[0] if supervisees else None
    found = next((person for person in supervisees if str(person.pk) == chosen), None)
    if found is None:
        raise Http404("Not one of this supervisor's supervisees")
    return found


def _cases(user, supervisee, settings):
    """The supervisee's listed cases, most urgent first, from one facts_for call over their open step 2 cases."""
    referrals = Referral.objects.for_user(user).filter(practitioner=supervisee, status__in=STEP_2_STATUSES)
    today = timezone.localdate()
    return review.cases_to_review(facts_for(referrals, today=today), settings, today=today)


def _summaries(user, supervisor, supervisees):
    """Each supervisee's open cases, high-risk cases, notes awaiting sign-off and last case-management
    supervision: three grouped queries whatever the number of supervisees."""
    open_cases = (  # by supervisor, not an IN list of supervisees: SQLite then picks the status index
        Referral.objects.for_user(user)
        .filter(practitioner__supervisor=supervisor, status__in=STEP_2_STATUSES)
        .order_by()
        .values("practitioner_id")
        .annotate(open=Count("id"), high=Count("id", filter=Q(risk_level=RiskLevel.HIGH)))
    )
    counts = {row["practitioner_id"]: row for row in open_cases}
    notes = SessionNote.objects.for_user(user).filter(written_by__in=supervisees, status=NoteStatus.AWAITING_SIGN_OFF)
    awaiting = dict(notes.order_by().values("written_by_id").annotate(n=Count("id")).values_list("written_by_id", "n"))
    sessions = SupervisionSession.objects.for_user(user).filter(
        supervisee__in=supervisees, kind=SupervisionKind.CASE_MANAGEMENT
    )
    last = dict(
        sessions.order_by().values("supervisee_id").annotate(on=Max("held_on")).values_list("supervisee_id", "on")
    )
    return [
        SuperviseeSummary(
            supervisee=person,
            open_cases=counts.get(person.pk, {}).get("open", 0),
            high_risk=counts.get(person.pk, {}).get("high", 0),
            notes_awaiting_sign_off=awaiting.get(person.pk, 0),
            last_case_management=last.get(person.pk),
        )
        for person in supervisees
    ]


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
