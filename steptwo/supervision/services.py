"""Writes for supervision records: a session, the cases discussed in it, and their actions as tasks.

A supervision record is never edited. A correction is a new record for the same supervisee whose notes
say what it corrects (e.g. "Corrects the session of 3/11/2026: the length was 60 minutes"); both stay.

Who records what (domain reference §5: PWPs have weekly case-management supervision and fortnightly
clinical-skills supervision):
- only a PWP supervisor records a session (Permission.SUPERVISE), for anyone who holds a caseload in
  their own service: their own supervisees or, because supervisors cover for each other, any other;
- cases are discussed only in case-management sessions, and only the supervisee's open referrals;
- a decision to step up or to discharge must come with at least one action (e.g. "Step up to HI", owned
  by the PWP): supervision decides, but the PWP carries it out on the pathway with the patient, and
  without a task in someone's list the decision could be lost. The session itself changes no referral.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.accounts.rules import Permission
from steptwo.core.errors import NotAllowed
from steptwo.core.formatting import format_date
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.referrals.codes import OPEN_STATUSES
from steptwo.supervision.codes import PLAN_DECISIONS, CaseDecision, SupervisionKind
from steptwo.supervision.models import CaseDiscussion, SupervisionAction, SupervisionSession
from steptwo.tasks import services as tasks

MIN_MINUTES, MAX_MINUTES = 5, 480
ACTION_LENGTH = SupervisionAction._meta.get_field("description").max_length


class SupervisionNotAllowed(NotAllowed):
    """A refusal that names where it belongs on the form: `field` of the session, or of the case
    discussed (`case`, its index in `discussions`) or of one of its actions (`action`, its index)."""

    def __init__(self, message, *, field=None, case=None, action=None):
        super().__init__(message)
        self.field, self.case, self.action = field, case, action


@dataclass(frozen=True)
class Action:
    description: str
    owner: object
    due_date: object


@dataclass(frozen=True)
class Discussion:
    referral: object
    decision: str
    reasons: tuple = ()  # the review-list reasons shown at the time, in words
    notes: str = ""
    actions: tuple = field(default_factory=tuple)


@transaction.atomic
def record_session(*, by, supervisee, held_on, kind, minutes, notes="", discussions=()):
    """Record one supervision session and return it. `discussions` is a list of Discussion (or dicts
    with the same keys, actions as dicts of description, owner and due_date). Each action becomes a Task
    for its owner, due on its date, in the same transaction."""
    discussions = [_discussion(item) for item in discussions]
    _check_session(by, supervisee, held_on, kind, minutes)
    _check_discussions(by, supervisee, held_on, kind, discussions)
    session = SupervisionSession.objects.create(
        service_id=by.service_id, supervisor=by, supervisee=supervisee, held_on=held_on, kind=kind,
        minutes=minutes, notes=notes.strip(), recorded_by=by,
    )  # fmt: skip
    audit.record(
        by=by, action=AuditAction.CREATE, obj=session,
        detail={"supervisee": supervisee.pk, "kind": str(kind), "cases": len(discussions)},
    )  # fmt: skip
    for discussion in discussions:
        _record_discussion(by, session, discussion)
    return session


def _discussion(item):
    if isinstance(item, Discussion):
        return item
    actions = tuple(action if isinstance(action, Action) else Action(**action) for action in item.get("actions", ()))
    return Discussion(
        referral=item["referral"], decision=item["decision"], reasons=tuple(item.get("reasons", ())),
        notes=item.get("notes", ""), actions=actions,
    )  # fmt: skip


def _record_discussion(by, session, discussion):
    record = CaseDiscussion.objects.create(
        session=session, referral=discussion.referral, decision=discussion.decision,
        reasons=[str(reason) for reason in discussion.reasons], notes=discussion.notes.strip(),
    )  # fmt: skip
    audit.record(
        by=by, action=AuditAction.CREATE, obj=record, patient=discussion.referral.patient,
        detail={"session": session.pk, "decision": str(discussion.decision)},
    )  # fmt: skip
    for action in discussion.actions:
        task = tasks.raise_supervision_action(
            by=by, action_description=action.description, owner=action.owner, referral=discussion.referral,
            due_date=action.due_date,
        )  # fmt: skip
        SupervisionAction.objects.create(
            discussion=record, description=action.description.strip(), owner=action.owner,
            due_date=action.due_date, task=task,
        )  # fmt: skip


def _check_session(by, supervisee, held_on, kind, minutes):
    if not by.has_perm(Permission.SUPERVISE):
        raise SupervisionNotAllowed("Only a PWP supervisor can record a supervision session")
    if not _holds_caseload_in(supervisee, by.service_id):
        raise SupervisionNotAllowed(
            f"{supervisee} does not hold a caseload in your service: supervision is recorded for PWPs, "
            "trainees and supervisors of your own service", field="supervisee",
        )  # fmt: skip
    if supervisee.pk == by.pk:
        raise SupervisionNotAllowed("You cannot record your own supervision: your supervisor records it")
    if kind not in SupervisionKind.values:
        raise SupervisionNotAllowed("Select the type of supervision", field="kind")
    if held_on > timezone.localdate():
        raise SupervisionNotAllowed("The date of the session must be today or in the past", field="held_on")
    joined = timezone.localdate(supervisee.date_joined)
    if held_on < joined:
        raise SupervisionNotAllowed(
            f"The date of the session must be on or after {format_date(joined)}, when {supervisee} joined the service",
            field="held_on",
        )  # fmt: skip
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise SupervisionNotAllowed(
            f"A supervision session lasts between {MIN_MINUTES} and {MAX_MINUTES} minutes", field="minutes"
        )


def _holds_caseload_in(user, service_id):
    return user.is_active and user.service_id == service_id and user.has_perm(Permission.HOLD_CASELOAD)


def _check_discussions(by, supervisee, held_on, kind, discussions):
    if discussions and kind != SupervisionKind.CASE_MANAGEMENT:
        raise SupervisionNotAllowed(
            "Cases are discussed in case-management supervision: a clinical-skills session has no case "
            "discussions. Record it as case management, or leave the cases out.", field="kind",
        )  # fmt: skip
    seen = set()
    for index, discussion in enumerate(discussions):
        referral = discussion.referral
        if referral.pk in seen:
            raise SupervisionNotAllowed("Each case is discussed once in a session", case=index)
        seen.add(referral.pk)
        _check_case(by, supervisee, referral, index)
        _check_decision(discussion, index)
        for action_index, action in enumerate(discussion.actions):
            _check_action(by, held_on, action, index, action_index)


def _check_case(by, supervisee, referral, index):
    if referral.patient.service_id != by.service_id or referral.practitioner_id != supervisee.pk:
        raise SupervisionNotAllowed(f"This case is not on {supervisee}'s caseload", case=index)
    if referral.status not in OPEN_STATUSES:
        raise SupervisionNotAllowed(
            f"This referral is {referral.get_status_display().lower()}: only open cases are discussed", case=index
        )


def _check_decision(discussion, index):
    if discussion.decision not in CaseDecision.values:
        raise SupervisionNotAllowed("Select the decision about this case", field="decision", case=index)
    if discussion.decision in PLAN_DECISIONS and not discussion.actions:
        label = CaseDecision(discussion.decision).label.lower()
        raise SupervisionNotAllowed(
            f"A decision to {label} needs at least one action, with who will do it and by when "
            "(for example, the PWP to discuss it with the patient)", field="decision", case=index,
        )  # fmt: skip


def _check_action(by, held_on, action, index, action_index):
    where = {"case": index, "action": action_index}
    description = action.description.strip()
    if not description:
        raise SupervisionNotAllowed("Enter what needs to be done", field="description", **where)
    if len(description) > ACTION_LENGTH:
        raise SupervisionNotAllowed(
            f"The action must be {ACTION_LENGTH} characters or fewer", field="description", **where
        )
    owner = action.owner
    if owner is None:
        raise SupervisionNotAllowed("Select who will do it", field="owner", **where)
    if not (owner.is_active and owner.service_id == by.service_id and may_own_actions(owner)):
        raise SupervisionNotAllowed(
            f"{owner} cannot be given this action: choose a clinician or admin colleague in your service",
            field="owner", **where,
        )  # fmt: skip
    if action.due_date is None:
        raise SupervisionNotAllowed("Enter the due date", field="due_date", **where)
    if action.due_date < held_on:
        raise SupervisionNotAllowed(
            f"The due date must be on or after the date of the session, {format_date(held_on)}",
            field="due_date", **where,
        )  # fmt: skip


def may_own_actions(user):
    """Actions go to people who act on cases: clinicians and admin staff (e.g. to book an appointment)."""
    return user.is_clinical or user.role == Role.ADMIN_STAFF
