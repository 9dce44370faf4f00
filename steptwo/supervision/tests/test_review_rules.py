"""The review-list rules at their edges, on hand-built CaseFacts (no database).

Rules with a service setting also have a test that a changed setting moves the edge. Rules without one
(risk, deterioration, not on track, no decision, notes) turn on a fact or on the measure's own reliable
change index, which is tested at its edge instead.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

from steptwo.supervision import review
from steptwo.supervision.case_facts import CaseFacts, MeasureChange, NotOnTrack
from steptwo.supervision.models import SupervisionSettings

TODAY = datetime.date(2026, 11, 16)


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


def make_referral(**fields):
    return SimpleNamespace(**({"pk": 1, "received_date": days_ago(10), "risk_level": ""} | fields))


def make_facts(**fields):
    values = {
        "referral": make_referral(), "treatment_sessions": 0, "last_contact_on": None, "next_appointment": None,
        "days_since_last_contact": 0, "consecutive_dnas": 0, "last_discussed_on": days_ago(1),
    } | fields  # fmt: skip
    return CaseFacts(**values)


def make_measure(instrument_id="phq9", first=18, latest=16, count=5, rci=6, cutoff=10, short_name=None):
    names = {"phq9": "PHQ-9", "gad7": "GAD-7"}
    return MeasureChange(
        instrument_id=instrument_id, short_name=short_name or names.get(instrument_id, instrument_id),
        first=Decimal(first), latest=Decimal(latest), first_on=days_ago(40), latest_on=days_ago(3), count=count,
        reliable_change_index=None if rci is None else Decimal(rci),
        caseness_cutoff=None if cutoff is None else Decimal(cutoff), unverified=False,
    )  # fmt: skip


def settings(**fields):
    return SupervisionSettings(**fields)


def reason(rule, facts, service_settings=None):
    return rule(facts, service_settings or settings(), TODAY)


# Risk raised or PHQ-9 item 9 endorsed since the last discussion


def test_risk_raised_since_discussed_is_listed_with_the_level_now():
    facts = make_facts(risk_raised_since_discussed=True, referral=make_referral(risk_level="high"))
    listed = reason(review.risk_raised, facts)
    assert listed.code == review.RISK and listed.rank == 1
    assert listed.text == (
        "Risk level raised (now high) since it was last discussed in supervision on 15 November 2026"
    )


def test_item_9_endorsed_since_discussed_is_listed():
    listed = reason(review.risk_raised, make_facts(item9_since_discussed=True, last_discussed_on=None))
    assert listed.text == (
        "PHQ-9 question 9 (thoughts of being better off dead or of self-harm) answered above 0 "
        "and it has not been discussed in supervision yet"
    )


def test_risk_not_raised_and_item_9_not_endorsed_is_not_listed():
    facts = make_facts(referral=make_referral(risk_level="high"))
    assert reason(review.risk_raised, facts) is None


# Reliable deterioration on any measure (the edge is the measure's reliable change index)


def test_rise_of_exactly_the_reliable_change_index_is_deterioration():
    facts = make_facts(measures={"phq9": make_measure(first=10, latest=16, rci=6)})
    listed = reason(review.reliable_deterioration, facts)
    assert listed.code == review.DETERIORATION
    assert listed.text == "Reliable deterioration on PHQ-9 (first 10, latest 16)"


def test_rise_just_below_the_reliable_change_index_is_not_listed():
    facts = make_facts(measures={"phq9": make_measure(first=10, latest=15, rci=6)})
    assert reason(review.reliable_deterioration, facts) is None


def test_deterioration_on_the_anxiety_measure_alone_is_listed_and_a_smaller_index_moves_the_edge():
    facts = make_facts(
        measures={"phq9": make_measure(first=12, latest=12), "gad7": make_measure("gad7", first=8, latest=12, rci=4)}
    )
    assert reason(review.reliable_deterioration, facts).text == "Reliable deterioration on GAD-7 (first 8, latest 12)"


def test_deterioration_cannot_be_judged_from_one_score():
    facts = make_facts(measures={"phq9": make_measure(first=10, latest=10, count=1)})
    assert reason(review.reliable_deterioration, facts) is None


# Not on track (Delgadillo et al. 2018)


def test_not_on_track_is_listed_and_says_when_the_curves_are_synthetic():
    alert = NotOnTrack("phq9", Decimal(17), Decimal("14.5"), session_number=4, synthetic_curves=True)
    listed = reason(review.not_on_track, make_facts(not_on_track=(alert,)))
    assert listed.code == review.NOT_ON_TRACK
    assert listed.text == (
        "Not on track: PHQ-9 17 at treatment session 4, above the expected boundary of 14.5 "
        "(curves built from synthetic data)"
    )


def test_on_track_is_not_listed():
    assert reason(review.not_on_track, make_facts(not_on_track=())) is None


# Consecutive DNAs [2]


def test_two_dnas_in_a_row_are_listed():
    listed = reason(review.consecutive_dnas, make_facts(consecutive_dnas=2))
    assert listed.text == "Did not attend the last 2 appointments"


def test_one_dna_is_not_listed():
    assert reason(review.consecutive_dnas, make_facts(consecutive_dnas=1)) is None


def test_the_service_setting_moves_the_dna_edge():
    three = settings(consecutive_dnas=3)
    assert reason(review.consecutive_dnas, make_facts(consecutive_dnas=2), three) is None
    assert reason(review.consecutive_dnas, make_facts(consecutive_dnas=3), three).code == review.CONSECUTIVE_DNAS


# No contact for N days [28]


def test_28_days_without_contact_is_listed():
    facts = make_facts(days_since_last_contact=28, last_contact_on=days_ago(28))
    assert (
        reason(review.no_contact, facts).text == "No contact for 28 days (last contact 19 October 2026; nothing booked)"
    )


def test_27_days_without_contact_is_not_listed():
    facts = make_facts(days_since_last_contact=27, last_contact_on=days_ago(27))
    assert reason(review.no_contact, facts) is None


def test_no_contact_ever_counts_from_the_received_date_and_names_the_next_appointment():
    booked = SimpleNamespace(starts_at=timezone.make_aware(datetime.datetime(2026, 11, 20, 10, 0)))
    facts = make_facts(
        days_since_last_contact=30, referral=make_referral(received_date=days_ago(30)), next_appointment=booked
    )
    assert reason(review.no_contact, facts).text == (
        "No contact for 30 days (none since the referral was received on 17 October 2026; "
        "next appointment 20 November 2026)"
    )


def test_the_service_setting_moves_the_no_contact_edge():
    fortnight = settings(no_contact_days=14)
    assert reason(review.no_contact, make_facts(days_since_last_contact=13), fortnight) is None
    assert reason(review.no_contact, make_facts(days_since_last_contact=14), fortnight).code == review.NO_CONTACT


# No reliable improvement after N treatment sessions [4]


def stuck(**fields):
    """At caseness on PHQ-9 (18), fallen by less than its reliable change index (6)."""
    return make_facts(measures={"phq9": make_measure(first=18, latest=16)}, **fields)


def test_no_reliable_improvement_after_4_sessions_is_listed():
    listed = reason(review.no_reliable_improvement, stuck(treatment_sessions=4))
    assert listed.code == review.NO_IMPROVEMENT
    assert listed.text == "No reliable improvement on PHQ-9 after 4 treatment sessions (first 18, latest 16)"


def test_no_reliable_improvement_after_3_sessions_is_not_listed():
    assert reason(review.no_reliable_improvement, stuck(treatment_sessions=3)) is None


def test_a_fall_of_exactly_the_reliable_change_index_is_improvement():
    facts = make_facts(treatment_sessions=5, measures={"phq9": make_measure(first=18, latest=12)})
    assert reason(review.no_reliable_improvement, facts) is None


def test_a_fall_just_below_the_index_on_every_measure_is_listed_with_each_measure():
    facts = make_facts(
        treatment_sessions=5,
        measures={"phq9": make_measure(first=18, latest=13), "gad7": make_measure("gad7", 12, 9, rci=4, cutoff=8)},
    )
    assert reason(review.no_reliable_improvement, facts).text == (
        "No reliable improvement on PHQ-9 or GAD-7 after 5 treatment sessions "
        "(PHQ-9 first 18, latest 13; GAD-7 first 12, latest 9)"
    )


def test_reliable_improvement_on_the_anxiety_measure_alone_is_enough():
    facts = make_facts(
        treatment_sessions=5,
        measures={"phq9": make_measure(first=18, latest=16), "gad7": make_measure("gad7", 12, 8, rci=4, cutoff=8)},
    )
    assert reason(review.no_reliable_improvement, facts) is None


def test_a_case_not_at_caseness_is_not_listed_for_no_improvement():
    facts = make_facts(treatment_sessions=6, measures={"phq9": make_measure(first=9, latest=8, cutoff=10)})
    assert reason(review.no_reliable_improvement, facts) is None


def test_one_score_only_shows_no_improvement():
    facts = make_facts(treatment_sessions=4, measures={"phq9": make_measure(first=18, latest=18, count=1)})
    assert reason(review.no_reliable_improvement, facts).text == (
        "No reliable improvement on PHQ-9 after 4 treatment sessions (18, one score only)"
    )


def test_the_service_setting_moves_the_no_improvement_edge():
    six = settings(no_improvement_sessions=6)
    assert reason(review.no_reliable_improvement, stuck(treatment_sessions=5), six) is None
    assert reason(review.no_reliable_improvement, stuck(treatment_sessions=6), six).code == review.NO_IMPROVEMENT


# N treatment sessions without a discharge or step-up plan [8]


def test_8_sessions_without_a_plan_are_listed():
    listed = reason(review.sessions_without_plan, make_facts(treatment_sessions=8))
    assert listed.text == "8 treatment sessions and no discharge or step-up plan agreed in supervision"


def test_7_sessions_without_a_plan_are_not_listed():
    assert reason(review.sessions_without_plan, make_facts(treatment_sessions=7)) is None


def test_sessions_with_a_plan_are_not_listed():
    facts = make_facts(treatment_sessions=12, has_discharge_or_step_up_plan=True)
    assert reason(review.sessions_without_plan, facts) is None


def test_the_service_setting_moves_the_plan_edge():
    ten = settings(sessions_without_plan=10)
    assert reason(review.sessions_without_plan, make_facts(treatment_sessions=9), ten) is None
    listed = reason(review.sessions_without_plan, make_facts(treatment_sessions=10), ten)
    assert listed.code == review.SESSIONS_WITHOUT_PLAN


# Assessment done but no decision


def test_assessed_without_decision_is_listed():
    listed = reason(review.assessed_without_decision, make_facts(assessed_without_decision=True))
    assert listed.code == review.NO_DECISION
    assert listed.text == "Assessed, but no decision recorded yet (treat, step up, signpost or discharge)"


def test_a_decided_case_is_not_listed():
    assert reason(review.assessed_without_decision, make_facts(assessed_without_decision=False)) is None


# Trainee notes awaiting sign-off


def test_one_note_awaiting_sign_off_is_listed():
    listed = reason(review.notes_awaiting_sign_off, make_facts(notes_awaiting_sign_off=1))
    assert listed.text == "1 session note awaiting sign-off"


def test_no_notes_awaiting_sign_off_is_not_listed():
    assert reason(review.notes_awaiting_sign_off, make_facts(notes_awaiting_sign_off=0)) is None


# Not discussed in supervision for N weeks [4]


def test_discussed_4_weeks_ago_is_listed():
    listed = reason(review.not_discussed, make_facts(last_discussed_on=days_ago(28)))
    assert listed.text == "Not discussed in supervision for 4 weeks (last on 19 October 2026)"


def test_discussed_a_day_under_4_weeks_ago_is_not_listed():
    assert reason(review.not_discussed, make_facts(last_discussed_on=days_ago(27))) is None


def test_never_discussed_counts_from_the_received_date():
    inside = make_facts(last_discussed_on=None, referral=make_referral(received_date=days_ago(28)))
    outside = make_facts(last_discussed_on=None, referral=make_referral(received_date=days_ago(27)))
    assert reason(review.not_discussed, inside).text == (
        "Never discussed in supervision (referral received 19 October 2026, 4 weeks ago)"
    )
    assert reason(review.not_discussed, outside) is None


def test_the_service_setting_moves_the_not_discussed_edge():
    fortnight = settings(not_discussed_weeks=2)
    assert reason(review.not_discussed, make_facts(last_discussed_on=days_ago(13)), fortnight) is None
    assert reason(review.not_discussed, make_facts(last_discussed_on=days_ago(14)), fortnight).text == (
        "Not discussed in supervision for 2 weeks (last on 2 November 2026)"
    )


# Order


def test_a_case_shows_every_reason_most_urgent_first():
    facts = stuck(
        treatment_sessions=8, consecutive_dnas=2, item9_since_discussed=True, last_discussed_on=days_ago(35),
        notes_awaiting_sign_off=1, days_since_last_contact=40,
    )  # fmt: skip
    codes = [listed.code for listed in review.reasons_for(facts, settings(), today=TODAY)]
    assert codes == [
        review.RISK, review.CONSECUTIVE_DNAS, review.NO_CONTACT, review.NO_IMPROVEMENT,
        review.SESSIONS_WITHOUT_PLAN, review.NOTES_AWAITING_SIGN_OFF, review.NOT_DISCUSSED,
    ]  # fmt: skip


def test_cases_are_ordered_by_most_urgent_reason_then_number_of_reasons_then_oldest_referral():
    quiet = make_facts(referral=make_referral(pk=1))
    notes_only = make_facts(referral=make_referral(pk=2), notes_awaiting_sign_off=1)
    dnas_old = make_facts(referral=make_referral(pk=3, received_date=days_ago(20)), consecutive_dnas=2)
    dnas_new = make_facts(referral=make_referral(pk=4, received_date=days_ago(5)), consecutive_dnas=2)
    dnas_and_notes = make_facts(referral=make_referral(pk=5), consecutive_dnas=3, notes_awaiting_sign_off=2)
    risk = make_facts(referral=make_referral(pk=6), risk_raised_since_discussed=True)
    cases = review.cases_to_review(
        [quiet, notes_only, dnas_old, dnas_new, dnas_and_notes, risk], settings(), today=TODAY
    )
    assert [case.referral.pk for case in cases] == [6, 5, 3, 4, 2]
    assert [r.code for r in cases[1].reasons] == [review.CONSECUTIVE_DNAS, review.NOTES_AWAITING_SIGN_OFF]


def test_a_reason_is_kept_for_the_discussion_record_as_code_and_text():
    listed = reason(review.notes_awaiting_sign_off, make_facts(notes_awaiting_sign_off=2))
    assert listed.as_dict() == {"code": review.NOTES_AWAITING_SIGN_OFF, "text": "2 session notes awaiting sign-off"}
