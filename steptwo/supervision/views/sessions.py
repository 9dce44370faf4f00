"""Record a supervision session (supervision.services.record_session), and show one afterwards.

The record page lists the supervisee's cases on the review list (supervision.review), with the reasons
each is listed; any other open case of theirs can be added with the "Add case" button, which shows the
page again with everything typed kept and nothing saved. No JavaScript is needed.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from steptwo.accounts.models import Role, User
from steptwo.accounts.rules import Permission
from steptwo.core.forms.nhsuk import error_summary_items
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.referrals.codes import OPEN_STATUSES, STEP_2_STATUSES
from steptwo.referrals.models import Referral
from steptwo.supervision import review, services
from steptwo.supervision.case_facts import facts_for
from steptwo.supervision.forms.sessions import ACTIONS_PER_CASE, ActionForm, CaseForm, SessionForm, quiet
from steptwo.supervision.models import CaseDiscussion, SupervisionAction, SupervisionSession, SupervisionSettings

CASELOAD_ROLES = (Role.PWP, Role.TRAINEE_PWP, Role.PWP_SUPERVISOR)
OWNER_ROLES = (Role.PWP, Role.TRAINEE_PWP, Role.PWP_SUPERVISOR, Role.HIGH_INTENSITY, Role.ADMIN_STAFF)


@dataclass(eq=False)
class ShownCase:
    referral: Referral
    reasons: tuple  # the review-list reasons, in words ("" when added by hand)
    form: CaseForm
    actions: list  # ActionForm, ACTIONS_PER_CASE of them

    def typed_actions(self):
        return [action for action in self.actions if not action.is_blank()]


@permission_required(Permission.SUPERVISE, raise_exception=True)
def record_session(request):
    chosen = request.GET.get("supervisee", "")
    if not chosen:
        return _choose_supervisee(request)
    supervisee = get_object_or_404(_caseload_holders(request.user), pk=chosen if chosen.isdigit() else 0)
    data = request.POST if request.method == "POST" else None
    open_cases = _open_cases(request.user, supervisee)
    reasons = _review_reasons(request.user, supervisee)
    cases = _cases(data, supervisee, open_cases, reasons, _owners(request.user))
    session_form = SessionForm(data)
    if data is not None and "add_case" not in data:
        session = _save(request, supervisee, session_form, cases)
        if session:
            return redirect("supervision:session", pk=session.pk)
    elif data is not None:
        for form in [session_form] + [form for case in cases for form in (case.form, *case.actions)]:
            quiet(form)
    audit.record(
        by=request.user, action=AuditAction.VIEW,
        detail={"page": "record_supervision_session", "supervisee": supervisee.pk,
                "shown": [case.referral.patient_id for case in cases]},
    )  # fmt: skip
    shown = {case.referral.pk for case in cases}
    return render(
        request,
        "supervision/session_form.jinja",
        {
            "supervisee": supervisee, "form": session_form, "cases": cases,
            "other_cases": [referral for referral in open_cases if referral.pk not in shown],
            "error_items": _error_items(session_form, cases), "today": timezone.localdate(),
        },
    )  # fmt: skip


def _caseload_holders(user):
    """Whom a supervisor may supervise: anyone holding a caseload in their service but themselves."""
    return User.objects.filter(service_id=user.service_id, is_active=True, role__in=CASELOAD_ROLES).exclude(pk=user.pk)


def _owners(user):
    """Who may be given an action (services.may_own_actions): clinicians and admin staff of the service."""
    return list(User.objects.filter(service_id=user.service_id, is_active=True, role__in=OWNER_ROLES))


def _open_cases(user, supervisee):
    return list(
        Referral.objects.for_user(user)
        .filter(practitioner=supervisee, status__in=OPEN_STATUSES)
        .select_related("patient")
        .order_by("patient__family_name", "patient__given_name", "received_date", "pk")
    )


def _review_reasons(user, supervisee):
    """{referral pk: (reason, ...)} for the supervisee's cases on the review list, most urgent first."""
    referrals = Referral.objects.for_user(user).filter(practitioner=supervisee, status__in=STEP_2_STATUSES)
    today = timezone.localdate()
    settings = SupervisionSettings.for_service(supervisee.service)
    listed = review.cases_to_review(facts_for(referrals, today=today), settings, today=today)
    return {case.referral.pk: tuple(reason.text for reason in case.reasons) for case in listed}


def _cases(data, supervisee, open_cases, reasons, owners):
    """The cases on the page: on first showing, the review list's; after that, the ones the page carried
    (hidden `case` fields) plus the one just added."""
    by_pk = {referral.pk: referral for referral in open_cases}
    if data is None:
        pks = list(reasons)
    else:
        pks = [int(pk) for pk in data.getlist("case") if pk.isdigit()]
        if "add_case" in data and data.get("add", "").isdigit():
            pks.append(int(data["add"]))
    pks = list(dict.fromkeys(pk for pk in pks if pk in by_pk))
    return [_case(data, by_pk[pk], reasons.get(pk, ()), supervisee, owners) for pk in pks]


def _case(data, referral, reasons, supervisee, owners):
    prefix = f"case-{referral.pk}"
    actions = [
        ActionForm(data, prefix=f"{prefix}-action-{n}", owners=owners, initial={"owner": supervisee.pk})
        for n in range(1, ACTIONS_PER_CASE + 1)
    ]
    return ShownCase(referral, reasons, CaseForm(data, prefix=prefix), actions)


def _save(request, supervisee, session_form, cases):
    """Record the session, or put every refusal on the form and return None."""
    valid = session_form.is_valid()
    discussed = []
    for case in cases:  # every form is checked, so every error shows at once
        valid &= case.form.is_valid() and _check_not_discussed(case)
        if case.form.is_valid() and case.form.cleaned_data["discussed"]:
            discussed.append(case)
            for action in case.actions:
                valid &= action.is_valid()
    if not valid:
        return None
    data = session_form.cleaned_data
    try:
        session = services.record_session(
            by=request.user, supervisee=supervisee, held_on=data["held_on"], kind=data["kind"],
            minutes=data["minutes"], notes=data["notes"], discussions=[_discussion(case) for case in discussed],
        )  # fmt: skip
    except services.SupervisionNotAllowed as refusal:
        _place(refusal, session_form, discussed)
        return None
    actions = sum(len(case.typed_actions()) for case in discussed)
    messages.success(request, _saved_message(supervisee, len(discussed), actions))
    return session


def _check_not_discussed(case):
    """Notes or actions typed for a case not ticked as discussed would be lost: ask which was meant.

    (A decision alone is ignored: without JavaScript a chosen radio button cannot be cleared.)"""
    if case.form.cleaned_data["discussed"]:
        return True
    if case.form.cleaned_data["notes"].strip() or case.typed_actions():
        case.form.add_error(
            "discussed", "Tick ‘Discussed in this session’ to record the notes or actions you entered, or clear them"
        )
        return False
    return True


def _discussion(case):
    data = case.form.cleaned_data
    actions = tuple(action.action() for action in case.typed_actions())
    return services.Discussion(
        referral=case.referral, decision=data["decision"], reasons=case.reasons, notes=data["notes"], actions=actions
    )


def _place(refusal, session_form, discussed):
    """Show a refusal next to the field it is about (services.SupervisionNotAllowed names it)."""
    message = str(refusal)
    if refusal.case is None:
        form = session_form
    elif refusal.action is None:
        form = discussed[refusal.case].form
    else:
        form = discussed[refusal.case].typed_actions()[refusal.action]
    form.add_error(refusal.field if refusal.field in form.fields else None, message)


def _saved_message(supervisee, cases, actions):
    text = f"Supervision session with {supervisee} recorded"
    if cases:
        text += f": {cases} case{'' if cases == 1 else 's'} discussed"
    if actions:
        text += f", {actions} action{'' if actions == 1 else 's'} added to task lists"
    return text


def _error_items(session_form, cases):
    """One NHS.UK error summary for all the forms on the page; a case's errors name its patient."""
    items = error_summary_items(session_form)
    for case in cases:
        name = case.referral.patient.full_name
        for index, form in enumerate((case.form, *case.actions)):
            where = f"{name}, action {index}" if index else name
            for item in error_summary_items(form):
                items.append(
                    item | {"text": f"{where}: {item['text']}", "href": item.get("href", f"#case-{case.referral.pk}")}
                )
    return items


def _choose_supervisee(request):
    people = list(_caseload_holders(request.user))
    return render(
        request,
        "supervision/session_choose.jinja",
        {
            "own": [person for person in people if person.supervisor_id == request.user.pk],
            "others": [person for person in people if person.supervisor_id != request.user.pk],
        },
    )


# The session page


def may_see_sessions_of(user, supervisee):
    """Supervision records are seen by supervisors and service managers of the service, and by the supervisee."""
    if user.service_id != supervisee.service_id:
        return False
    return user.pk == supervisee.pk or user.has_perm(Permission.SUPERVISE) or user.has_perm(Permission.VIEW_CAPACITY)


@login_required
def session_detail(request, pk):
    session = get_object_or_404(
        SupervisionSession.objects.for_user(request.user).select_related("supervisor", "supervisee", "recorded_by"),
        pk=pk,
    )
    if not may_see_sessions_of(request.user, session.supervisee):
        raise PermissionDenied
    discussions = list(
        CaseDiscussion.objects.for_user(request.user)
        .filter(session=session)
        .select_related("referral__patient")
        .prefetch_related(Prefetch("actions", queryset=SupervisionAction.objects.select_related("owner", "task")))
    )
    audit.record(by=request.user, action=AuditAction.VIEW, obj=session)
    for discussion in discussions:
        audit.record(by=request.user, action=AuditAction.VIEW, obj=discussion, patient=discussion.referral.patient)
    return render(request, "supervision/session_detail.jinja", {"session": session, "discussions": discussions})
