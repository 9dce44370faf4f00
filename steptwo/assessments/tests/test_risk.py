"""Risk assessments: always a new row, details required where the answer is yes, the level cached on the referral."""

import datetime

import pytest
from django.utils import timezone

from steptwo.assessments import risk
from steptwo.assessments.models import RiskAssessment
from steptwo.assessments.tests.conftest import LOW_RISK
from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import ReferralStatus

pytestmark = pytest.mark.django_db

SUICIDAL = LOW_RISK | {
    "suicidal_thoughts": "yes", "suicidal_thoughts_details": "Fleeting thoughts most days",
    "intent": "no", "plans": "no",
}  # fmt: skip


def record(pwp, referral, **changes):
    return risk.record_risk_assessment(by=pwp, referral=referral, **(LOW_RISK | changes))


def test_each_risk_assessment_is_a_new_row_and_is_audited(pwp, referral):
    first = record(pwp, referral)
    second = record(pwp, referral, level="moderate")

    assert first.pk != second.pk
    assert list(RiskAssessment.objects.filter(referral=referral).values_list("level", flat=True)) == ["low", "moderate"]
    event = AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="riskassessment").latest("id")
    assert event.detail == {"level": "moderate", "previous_level": "low"}


@pytest.mark.parametrize(
    "item,details,message",
    [
        ("suicidal_thoughts", "suicidal_thoughts_details", "Give details of the thoughts of ending their life"),
        ("past_actions", "past_actions_details", "Give details of the past attempts or preparations"),
        ("self_neglect", "self_neglect_details", "Give details of the risk of self-neglect"),
        ("risk_to_others", "risk_to_others_details", "Give details of the risk to other people"),
        ("risk_from_others", "risk_from_others_details", "Give details of the risk from other people"),
    ],
)
def test_details_are_required_when_an_item_is_yes(pwp, referral, item, details, message):
    answers = SUICIDAL if item == "suicidal_thoughts" else LOW_RISK
    answers = answers | {item: "yes", details: "   "}

    with pytest.raises(NotAllowed, match=f"^{message}$"):
        risk.record_risk_assessment(by=pwp, referral=referral, **answers)
    assert not RiskAssessment.objects.exists()


@pytest.mark.parametrize(
    "missing,message",
    [
        ("intent", "^Select whether they intend to act on these thoughts$"),
        ("plans", "^Select whether they have made plans to act on them$"),
    ],
)
def test_intent_and_plans_are_required_when_there_are_suicidal_thoughts(pwp, referral, missing, message):
    answers = {name: value for name, value in SUICIDAL.items() if name != missing}

    with pytest.raises(NotAllowed, match=message):
        risk.record_risk_assessment(by=pwp, referral=referral, **answers)


def test_intent_and_plans_are_not_kept_without_suicidal_thoughts(pwp, referral):
    row = record(pwp, referral, intent="yes", plans="yes")

    assert (row.intent, row.plans) == ("", "")


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"management_plan": " "}, "^Write the risk management plan$"),
        ({"level": ""}, "^Select the overall risk level$"),
        ({"hopelessness": ""}, "^Select whether they feel hopeless about the future$"),
        ({"risk_from_others": "maybe"}, "^Select whether the patient is at risk from other people$"),
    ],
)
def test_every_item_the_level_and_a_management_plan_are_required(pwp, referral, changes, message):
    with pytest.raises(NotAllowed, match=message):
        record(pwp, referral, **changes)


def test_problems_lists_everything_missing_in_form_order():
    assert list(risk.problems({"suicidal_thoughts": "yes"})) == [
        "suicidal_thoughts_details", "intent", "plans", "past_actions", "hopelessness", "self_neglect",
        "risk_to_others", "risk_from_others", "level", "management_plan",
    ]  # fmt: skip


def test_the_first_level_sets_the_referral_level_and_when_it_changed_without_bumping_its_version(pwp, referral):
    version = referral.version
    row = record(pwp, referral, level="moderate")

    referral.refresh_from_db()
    assert referral.risk_level == "moderate"
    assert referral.risk_level_changed_at == row.recorded_at
    assert referral.version == version


def test_changed_at_moves_only_when_the_level_differs(pwp, referral):
    first = record(pwp, referral, level="low")
    record(pwp, referral, level="low")
    referral.refresh_from_db()
    assert referral.risk_level_changed_at == first.recorded_at

    raised = record(pwp, referral, level="high")
    referral.refresh_from_db()
    assert (referral.risk_level, referral.risk_level_changed_at) == ("high", raised.recorded_at)


def test_history_gives_each_level_the_previous_one_and_the_direction_newest_first(pwp, referral):
    for level in ("moderate", "moderate", "high", "low"):
        record(pwp, referral, level=level)

    history = risk.risk_history(referral)

    assert [(row.level, row.previous_level, row.direction) for row in history] == [
        ("low", "high", "lowered"), ("high", "moderate", "raised"), ("moderate", "moderate", "unchanged"),
        ("moderate", "", "first"),
    ]  # fmt: skip
    assert history[0].change_text == "Lowered from high to low"
    assert history[-1].change_text == "First recorded as moderate"


def test_the_last_change_says_how_and_when_the_level_changed(pwp, referral):
    for day, level in [(1, "low"), (3, "high"), (10, "high")]:
        row = record(pwp, referral, level=level)
        on_day = timezone.make_aware(datetime.datetime(2026, 3, day, 10, 0))
        RiskAssessment.objects.filter(pk=row.pk).update(recorded_at=on_day)

    assert referral.risk_assessments.last_change().sentence == "Raised from low to high on 3 March 2026"


def test_a_discharged_referral_takes_no_new_risk_assessment(pwp, referral):
    referrals.change_status(by=pwp, referral=referral, to=ReferralStatus.DISCHARGED)

    with pytest.raises(NotAllowed, match="has been discharged"):
        record(pwp, referral)


def test_a_risk_assessment_belongs_to_the_assessment_of_its_own_referral(pwp, referral, assessment, patient, team):
    from steptwo.tests import builders

    other = builders.make_referral(patient, team, pwp)

    assert record(pwp, referral, assessment=assessment).assessment == assessment
    with pytest.raises(ValueError, match="another referral"):
        record(pwp, other, assessment=assessment)
