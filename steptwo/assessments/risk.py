"""Risk assessments (domain reference §5.2: risk to self, to others, from others; self-neglect).

Every risk assessment is a new row, never edited, so the history shows how risk changed. The newest
level is cached on the referral (risk_level, risk_level_changed_at) so lists can show it without a join.
"""

from dataclasses import dataclass

from django.db import transaction

from steptwo.assessments.codes import YesNo
from steptwo.assessments.models import RiskAssessment
from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.referrals.codes import OPEN_STATUSES, RiskLevel
from steptwo.referrals.models import Referral


@dataclass(frozen=True)
class Item:
    """A yes/no question, the message when it is not answered, and its details field if it has one."""

    field: str
    question: str
    unanswered: str
    details: str = ""
    details_missing: str = ""

    @property
    def details_label(self):
        return self.details_missing.replace("Give details", "Details", 1)  # "Details of the risk to other people"


SUICIDAL_THOUGHTS = Item(
    "suicidal_thoughts", "Does the patient have thoughts of ending their life?",
    "Select whether the patient has thoughts of ending their life",
    "suicidal_thoughts_details", "Give details of the thoughts of ending their life",
)  # fmt: skip
# Asked only when there are suicidal thoughts; their details go with the thoughts' details.
INTENT = Item(
    "intent", "Do they intend to act on these thoughts?", "Select whether they intend to act on these thoughts"
)
PLANS = Item("plans", "Have they made plans to act on them?", "Select whether they have made plans to act on them")
ITEMS = (
    SUICIDAL_THOUGHTS,
    Item(
        "past_actions", "Have they ever attempted or prepared to end their life?",
        "Select whether they have ever attempted or prepared to end their life",
        "past_actions_details", "Give details of the past attempts or preparations",
    ),
    Item("hopelessness", "Do they feel hopeless about the future?", "Select whether they feel hopeless about the future"),
    Item(
        "self_neglect", "Is there a risk that they neglect themselves?", "Select whether there is a risk of self-neglect",
        "self_neglect_details", "Give details of the risk of self-neglect",
    ),
    Item(
        "risk_to_others", "Is there a risk to other people?", "Select whether there is a risk to other people",
        "risk_to_others_details", "Give details of the risk to other people",
    ),
    Item(
        "risk_from_others", "Is the patient at risk from other people (a safeguarding concern)?",
        "Select whether the patient is at risk from other people",
        "risk_from_others_details", "Give details of the risk from other people",
    ),
)  # fmt: skip
FIELDS = (
    *(name for item in ITEMS for name in (item.field, item.details) if name),
    INTENT.field, PLANS.field, "protective_factors", "level", "management_plan",
)  # fmt: skip


def problems(fields):
    """What is missing or inconsistent, as {field: message}, in the order of the form. Empty when valid."""
    found = {}
    for item in ITEMS:
        answer = fields.get(item.field)
        if answer not in YesNo.values:
            found[item.field] = item.unanswered
        elif answer == YesNo.YES and item.details and not (fields.get(item.details) or "").strip():
            found[item.details] = item.details_missing
        if item is SUICIDAL_THOUGHTS and answer == YesNo.YES:
            for follow_up in (INTENT, PLANS):
                if fields.get(follow_up.field) not in YesNo.values:
                    found[follow_up.field] = follow_up.unanswered
    if fields.get("level") not in RiskLevel.values:
        found["level"] = "Select the overall risk level"
    if not (fields.get("management_plan") or "").strip():
        found["management_plan"] = "Write the risk management plan"
    return found


@transaction.atomic
def record_risk_assessment(*, by, referral, assessment=None, **fields):
    """Record a new risk assessment and keep the referral's cached level (and when it changed) in step."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unknown risk assessment fields: {sorted(unknown)}")
    if assessment is not None and assessment.referral_id != referral.pk:
        raise ValueError("The assessment belongs to another referral")
    if referral.status not in OPEN_STATUSES:
        raise NotAllowed("This referral has been discharged: record risk on the patient's new referral")
    found = problems(fields)
    if found:
        raise NotAllowed(next(iter(found.values())))
    row = RiskAssessment.objects.create(referral=referral, assessment=assessment, recorded_by=by, **_cleaned(fields))
    previous = _cache_level(referral, row)
    audit.record(
        by=by, action=AuditAction.CREATE, obj=row, patient=referral.patient,
        detail={"level": row.level, "previous_level": previous},
    )  # fmt: skip
    return row


def _cleaned(fields):
    cleaned = {name: value.strip() if isinstance(value, str) else value for name, value in fields.items()}
    if cleaned[SUICIDAL_THOUGHTS.field] != YesNo.YES:
        cleaned[INTENT.field] = cleaned[PLANS.field] = ""  # only asked about when there are suicidal thoughts
    return cleaned


def _cache_level(referral, row):
    """Set the referral's risk level; its changed-at only when the level differs. Returns the previous level.

    An update of just these two fields: the cache is not an edit of the referral, so its version stays.
    """
    previous = Referral.objects.select_for_update().filter(pk=referral.pk).values_list("risk_level", flat=True).get()
    changes = {"risk_level": row.level}
    if row.level != previous:
        changes["risk_level_changed_at"] = row.recorded_at
    Referral.objects.filter(pk=referral.pk).update(**changes)
    for name, value in changes.items():
        setattr(referral, name, value)
    return previous


def risk_history(referral):
    """The referral's risk assessments, newest first, each with its level, the previous level and the
    direction ("first", "raised", "lowered" or "unchanged"): see risk_changes.RiskChange."""
    return list(reversed(referral.risk_assessments.changes()))
