"""A case's supervision history, for the referral page (template supervision/_referral_supervision.jinja)."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from steptwo.supervision.models import CaseDiscussion, SupervisionAction


@dataclass(frozen=True)
class DiscussionEntry:
    session_pk: int
    held_on: datetime.date
    supervisor: object
    supervisee: object
    kind: str  # the session's type, in words
    decision: str  # in words
    decision_code: str
    reasons: tuple  # why the case was brought (the review-list reasons at the time), in words
    notes: str
    actions: tuple  # SupervisionAction with owner and task loaded, due date order


def history_for_referral(referral):
    """The referral's case discussions in supervision, newest first, in a fixed number of queries (2).

    The caller scopes `referral` (Referral.objects.for_user), so its discussions are of the same service.
    """
    discussions = (
        CaseDiscussion.objects.filter(referral_id=referral.pk)
        .select_related("session__supervisor", "session__supervisee")
        .prefetch_related(Prefetch("actions", queryset=SupervisionAction.objects.select_related("owner", "task")))
        .order_by("-session__held_on", "-session__recorded_at", "-pk")
    )
    return [_entry(discussion) for discussion in discussions]


def _entry(discussion):
    session = discussion.session
    return DiscussionEntry(
        session_pk=session.pk, held_on=session.held_on, supervisor=session.supervisor, supervisee=session.supervisee,
        kind=session.get_kind_display(), decision=discussion.get_decision_display(),
        decision_code=discussion.decision, reasons=reason_texts(discussion.reasons), notes=discussion.notes,
        actions=tuple(discussion.actions.all()),
    )  # fmt: skip


def reason_texts(reasons):
    """CaseDiscussion.reasons as sentences: stored as strings, or as {"code", "text"} (review.Reason.as_dict)."""
    return tuple(reason.get("text", "") if isinstance(reason, dict) else str(reason) for reason in reasons or ())
