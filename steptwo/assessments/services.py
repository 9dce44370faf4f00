"""Writes for the structured step 2 assessment: start it, save it as it goes, complete it with a decision.

What each decision does to the referral (domain reference §5.2 for the decisions, §4.4 for end codes):

- TREAT: the chosen low-intensity interventions join the treatment plan (each as its default data-set
  therapy type, treatment.codes.DEFAULT_THERAPY_TYPE) and the referral moves to "in step 2 treatment".
- STEP_UP: the referral is stepped up to high-intensity therapy (treatment.services.step_up).
- SIGNPOST: the signposting is recorded, then the referral is discharged with end code 11 (not
  suitable: signposted elsewhere with mutual agreement of patient).
- NOT_SUITABLE: discharged with end code 10 (not suitable: no action taken or directed back to referrer).
- DECLINED: discharged with end code 14 (suitable, but patient declined treatment that was offered).

The discharges are dated today and all fall in §4.4's group "seen but not taken on for a course of
treatment", which referrals.discharge checks against the referral's appointments.
"""

from django.db import transaction
from django.utils import timezone

from steptwo.appointments.codes import ASSESSMENT_APP_TYPES
from steptwo.appointments.models import Appointment
from steptwo.assessments.codes import Decision
from steptwo.assessments.models import Assessment, Goal
from steptwo.core.concurrency import update_if_unchanged
from steptwo.core.errors import NotAllowed, StaleEditError  # noqa: F401  (views catch StaleEditError from here)
from steptwo.core.formatting import format_date
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.referrals import discharge as discharges
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import EndCode, ReferralStatus
from steptwo.treatment import services as treatment

EDITABLE_FIELDS = (
    "problem_in_own_words", "problem_statement", "what", "where", "with_whom", "when", "why_now",
    "thoughts", "behaviours", "physical_symptoms", "emotions", "onset", "triggers", "maintaining_factors",
    "impact_on_work", "impact_on_home", "impact_on_social_life", "medication", "medication_details",
    "employment_status", "long_term_conditions",
)  # fmt: skip
MAX_GOALS = 5
RATING_RANGE = range(11)  # goals are rated 0 (not at all) to 10 (completely)
# Domain reference §4.4: the end code each discharging decision gives the referral.
DECISION_END_CODES = {
    Decision.SIGNPOST: EndCode.NOT_SUITABLE_SIGNPOSTED,
    Decision.NOT_SUITABLE: EndCode.NOT_SUITABLE_NO_ACTION,
    Decision.DECLINED: EndCode.DECLINED,
}
# An assessment is started while the referral waits, or once it is assessed and the decision is pending.
STARTABLE_STATUSES = (ReferralStatus.WAITING, ReferralStatus.ASSESSED)


def attended_assessment_appointments(referral):
    """The referral's attended appointments of an assessment type (AppType 01 or 03, §4.2)."""
    return (
        Appointment.objects.filter(referral=referral, app_type__in=ASSESSMENT_APP_TYPES)
        .attended()
        .select_related("practitioner")
    )


@transaction.atomic
def start_assessment(*, by, referral, appointment):
    """Start the assessment of an attended assessment appointment; a waiting referral becomes assessed."""
    check_can_start(referral)
    if appointment is None or not attended_assessment_appointments(referral).filter(pk=appointment.pk).exists():
        raise NotAllowed("Record the assessment appointment as attended first")
    assessment = Assessment.objects.create(referral=referral, appointment=appointment, created_by=by)
    if referral.status == ReferralStatus.WAITING:
        referrals.change_status(by=by, referral=referral, to=ReferralStatus.ASSESSED, note="Assessment started")
    audit.record(by=by, action=AuditAction.CREATE, obj=assessment)
    return assessment


def check_can_start(referral):
    """Raise NotAllowed, saying why, unless an assessment can be started for `referral` now."""
    if referral.status == ReferralStatus.DISCHARGED:
        raise NotAllowed("This referral has been discharged: make a new referral to assess the patient again")
    if referral.status not in STARTABLE_STATUSES:
        raise NotAllowed(
            f"This referral is ‘{referral.get_status_display()}’: an assessment is started before the decision"
        )
    if referral.assessments.in_progress().exists():
        raise NotAllowed("This referral already has an assessment in progress: continue that one")


@transaction.atomic
def save_assessment(*, by, assessment, expected_version, goals=None, **fields):
    """Save the assessment as it goes. `goals`, if given, replaces the goals: [(description, rating), ...].

    Refused once the assessment is completed, or if someone else saved it after `expected_version`.
    """
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown assessment fields: {sorted(unknown)}")
    _check_in_progress(assessment)
    if goals is not None:
        goals = check_goals(goals)
    changed = {name: value for name, value in fields.items() if getattr(assessment, name) != value}
    update_if_unchanged(assessment, expected_version=expected_version, **changed)
    if goals is not None:
        _replace_goals(assessment, goals)
    audit.record(
        by=by, action=AuditAction.UPDATE, obj=assessment,
        detail={"fields": sorted(changed), **({"goals": len(goals)} if goals is not None else {})},
    )  # fmt: skip
    return assessment


def check_goals(goals):
    """Each goal a description and a whole-number rating 0–10; at most MAX_GOALS. Returns them cleaned."""
    goals = [(description.strip(), rating) for description, rating in goals]
    if len(goals) > MAX_GOALS:
        raise NotAllowed(f"Agree up to {MAX_GOALS} goals")
    for number, (description, rating) in enumerate(goals, start=1):
        if not description:
            raise NotAllowed(f"Describe goal {number}")
        if not isinstance(rating, int) or rating not in RATING_RANGE:
            raise NotAllowed(f"Rate goal {number} from 0 to 10")
    return goals


def _replace_goals(assessment, goals):
    # Goals are draft content until the assessment is completed (then save is refused), so replacing them is safe.
    assessment.goals.all().delete()
    Goal.objects.bulk_create(
        Goal(assessment=assessment, description=description, rating=rating, position=position)
        for position, (description, rating) in enumerate(goals)
    )


def _check_in_progress(assessment):
    if assessment.completed_at:
        raise NotAllowed(
            f"This assessment was completed on {format_date(timezone.localtime(assessment.completed_at))}: "
            "it can no longer be changed"
        )


def missing_for_completion(assessment):
    """What must be recorded before completing, as {what: message}: empty when the assessment is ready."""
    missing = {}
    if not assessment.problem_statement.strip():
        missing["problem_statement"] = "Write the problem statement agreed with the patient"
    if not assessment.goals.exists():
        missing["goals"] = "Agree at least one goal with the patient, with its rating"
    if not assessment.referral.risk_assessments.filter(recorded_at__gte=assessment.created_at).exists():
        missing["risk_assessment"] = "Record a risk assessment: none has been recorded since this assessment started"
    return missing


def decision_problems(*, decision, reason, interventions=(), organisation=None):
    """What the chosen decision still needs, as {form field: message}. Empty when it can be made."""
    problems = {}
    if decision == Decision.TREAT and not interventions:
        problems["interventions"] = "Select at least one low-intensity intervention to treat at step 2"
    if decision == Decision.SIGNPOST and organisation is None:
        problems["organisation"] = "Select the organisation the patient is signposted to"
    if not (reason or "").strip():
        problems["reason"] = "Give the reason for the decision"
    return problems


@transaction.atomic
def complete_assessment(
    *, by, assessment, expected_version, decision, reason, interventions=(), organisation=None, end_code=None
):
    """Record the decision and carry it out (see the module docstring), all or nothing.

    `end_code`, if given, is the end code the user was shown: it must be the one the decision gives.
    """
    decision = Decision(decision)
    _check_in_progress(assessment)
    _refuse_with_first(list(missing_for_completion(assessment).values()))
    problems = decision_problems(
        decision=decision, reason=reason, interventions=interventions, organisation=organisation
    )
    _refuse_with_first(list(problems.values()))
    _check_end_code(decision, end_code)
    reason = reason.strip()
    update_if_unchanged(
        assessment, expected_version=expected_version, decision=decision, decision_reason=reason,
        completed_at=timezone.now(), completed_by=by,
    )  # fmt: skip
    _CARRY_OUT[decision](by=by, referral=assessment.referral, decision=decision, reason=reason,
                         interventions=interventions, organisation=organisation)  # fmt: skip
    audit.record(by=by, action=AuditAction.UPDATE, obj=assessment, detail={"decision": decision.value})
    return assessment


def _refuse_with_first(messages):
    if messages:
        raise NotAllowed(messages[0])


def _check_end_code(decision, end_code):
    expected = DECISION_END_CODES.get(decision)
    if end_code is not None and end_code != expected:
        raise NotAllowed(
            f"‘{decision.label}’ ends the referral with end code {expected.value}"
            if expected
            else f"‘{decision.label}’ does not end the referral, so it takes no end code"
        )


def _treat(*, by, referral, reason, interventions, **_):
    for intervention in dict.fromkeys(interventions):
        treatment.add_intervention(by=by, referral=referral, intervention=intervention)
    referrals.change_status(by=by, referral=referral, to=ReferralStatus.IN_TREATMENT, note=reason)


def _step_up(*, by, referral, reason, **_):
    treatment.step_up(by=by, referral=referral, reason=reason)


def _signpost(*, by, referral, decision, reason, organisation, **_):
    treatment.signpost(by=by, referral=referral, organisation=organisation, note=reason)
    _discharge(by=by, referral=referral, decision=decision, reason=reason)


def _discharge(*, by, referral, decision, reason, **_):
    discharges.discharge(
        by=by, referral=referral, end_code=DECISION_END_CODES[decision], discharge_date=timezone.localdate(),
        outcome_summary=reason,
    )  # fmt: skip


_CARRY_OUT = {
    Decision.TREAT: _treat,
    Decision.STEP_UP: _step_up,
    Decision.SIGNPOST: _signpost,
    Decision.NOT_SUITABLE: _discharge,
    Decision.DECLINED: _discharge,
}
