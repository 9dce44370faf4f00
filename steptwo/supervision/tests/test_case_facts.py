"""Case facts: each field from a small hand-built history, and a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from steptwo.appointments.codes import AppType, AttendOrDNACode
from steptwo.measures import remote
from steptwo.measures import services as measures
from steptwo.measures.models import Threshold
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import ReferralStatus, RiskLevel
from steptwo.referrals.models import Referral
from steptwo.supervision.case_facts import facts_for
from steptwo.supervision.codes import CaseDecision
from steptwo.supervision.tests.test_case_facts_builders import (
    answers_for,
    contact,
    curves,
    discuss,
    risk_assessment,
    score,
    start_treatment,
)
from steptwo.tasks.models import TaskKind
from steptwo.tests import builders
from steptwo.treatment.codes import NoteStatus
from steptwo.treatment.models import SessionNote

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def facts(referral):
    [found] = facts_for(Referral.objects.filter(pk=referral.pk), today=today())
    return found


@pytest.fixture
def received_60_days_ago(patient, team, pwp):
    return builders.make_referral(patient, team, pwp, received_date=today() - datetime.timedelta(days=60))


@pytest.fixture
def in_treatment(received_60_days_ago, pwp):
    return start_treatment(received_60_days_ago, by=pwp)


# Contacts


def test_counts_attended_treatment_sessions_only(in_treatment, pwp):
    contact(in_treatment, by=pwp, days=30, app_type=AppType.ASSESSMENT)
    contact(in_treatment, by=pwp, days=20)
    contact(in_treatment, by=pwp, days=13, attendance=AttendOrDNACode.ATTENDED_LATE)
    contact(in_treatment, by=pwp, days=6, attendance=AttendOrDNACode.DID_NOT_ATTEND)

    assert facts(in_treatment).treatment_sessions == 2


def test_last_contact_is_the_last_attended_one_of_any_type(in_treatment, pwp):
    contact(in_treatment, by=pwp, days=20)
    contact(in_treatment, by=pwp, days=10, app_type=AppType.REVIEW_AND_TREATMENT)
    contact(in_treatment, by=pwp, days=3, attendance=AttendOrDNACode.DID_NOT_ATTEND)

    found = facts(in_treatment)

    assert found.last_contact_on == today() - datetime.timedelta(days=10)
    assert found.days_since_last_contact == 10


def test_days_since_contact_count_from_the_received_date_when_nobody_has_seen_the_patient(received_60_days_ago):
    found = facts(received_60_days_ago)

    assert found.last_contact_on is None
    assert found.days_since_last_contact == 60


def test_next_appointment_is_the_first_booked_from_now(in_treatment, pwp):
    contact(in_treatment, by=pwp, days=1, attendance="")  # past, outcome not recorded: not "next"
    later = contact(in_treatment, by=pwp, days=-9, attendance="")
    sooner = contact(in_treatment, by=pwp, days=-2, attendance="")
    contact(in_treatment, by=pwp, days=-1, attendance=AttendOrDNACode.CANCELLED_BY_PATIENT)

    assert facts(in_treatment).next_appointment == sooner
    assert later != sooner


def test_consecutive_dnas_stop_at_an_attended_contact_and_skip_cancellations(in_treatment, pwp):
    contact(in_treatment, by=pwp, days=30, attendance=AttendOrDNACode.DID_NOT_ATTEND)
    contact(in_treatment, by=pwp, days=20)
    contact(in_treatment, by=pwp, days=13, attendance=AttendOrDNACode.DID_NOT_ATTEND)
    contact(in_treatment, by=pwp, days=9, attendance=AttendOrDNACode.CANCELLED_BY_PATIENT)
    contact(in_treatment, by=pwp, days=6, attendance=AttendOrDNACode.DID_NOT_ATTEND)

    assert facts(in_treatment).consecutive_dnas == 2


def test_no_dnas_after_an_attended_contact(in_treatment, pwp):
    contact(in_treatment, by=pwp, days=13, attendance=AttendOrDNACode.DID_NOT_ATTEND)
    contact(in_treatment, by=pwp, days=6)

    assert facts(in_treatment).consecutive_dnas == 0


# Measures


def test_first_and_latest_phq9_and_gad7_with_reliable_change(in_treatment):
    score(in_treatment, "phq9", 18, days=40)
    score(in_treatment, "phq9", 14, days=20)
    score(in_treatment, "phq9", 12, days=5)
    score(in_treatment, "gad7", 10, days=40)
    score(in_treatment, "gad7", 15, days=5)

    found = facts(in_treatment).measures

    phq9, gad7 = found["phq9"], found["gad7"]
    assert (phq9.first, phq9.latest, phq9.count, phq9.change) == (18, 12, 3, -6)
    assert (phq9.first_on, phq9.latest_on) == (today() - datetime.timedelta(days=40), today() - datetime.timedelta(5))
    assert phq9.short_name == "PHQ-9"
    assert (phq9.reliable_change_index, phq9.caseness_cutoff, phq9.unverified) == (6, 10, False)
    assert phq9.reliable == "improvement"  # a fall of 6 meets the index of 6 (domain reference §1.3)
    assert gad7.reliable == "deterioration"
    assert "adsm" not in found


def test_a_change_below_the_index_is_no_reliable_change_and_one_score_cannot_be_judged(in_treatment):
    score(in_treatment, "phq9", 18, days=40)
    score(in_treatment, "phq9", 13, days=5)
    score(in_treatment, "gad7", 10, days=40)

    found = facts(in_treatment).measures

    assert found["phq9"].reliable == "none"
    assert found["gad7"].reliable == ""


def test_only_current_responses_count(in_treatment, pwp):
    score(in_treatment, "phq9", 18, days=40)
    wrong = score(in_treatment, "phq9", 4, days=5)
    measures.correct_response(by=pwp, response=wrong, answers=answers_for("phq9", 16), reason="Typed the wrong answers")

    phq9 = facts(in_treatment).measures["phq9"]

    assert (phq9.first, phq9.latest, phq9.count) == (18, 16, 2)


def test_the_threshold_in_force_on_the_latest_score_date_is_used(in_treatment):
    Threshold.objects.create(
        instrument_id="phq9", caseness_cutoff=10, reliable_change=8, source="A later manual (test)", verified=False,
        effective_from=today() - datetime.timedelta(days=10),
    )  # fmt: skip
    score(in_treatment, "phq9", 18, days=40)
    score(in_treatment, "phq9", 11, days=20)
    assert facts(in_treatment).measures["phq9"].reliable_change_index == 6

    score(in_treatment, "phq9", 11, days=5)

    phq9 = facts(in_treatment).measures["phq9"]
    assert (phq9.reliable_change_index, phq9.unverified, phq9.reliable) == (8, True, "none")


def test_the_adsm_follows_the_primary_problem_descriptor(in_treatment, pwp):
    referrals.record_presenting_complaint(
        by=pwp, referral=in_treatment, code_system="ICD-10", code="F40.1", label="Social phobias"
    )
    score(in_treatment, "spin", 40, days=30)
    score(in_treatment, "spin", 25, days=2)
    score(in_treatment, "gad7", 12, days=30)

    found = facts(in_treatment).measures

    spin = found["adsm"]
    assert (spin.instrument_id, spin.short_name, spin.first, spin.latest) == ("spin", "SPIN", 40, 25)
    assert spin.unverified and spin.reliable == "improvement"  # index 10, unverified (domain reference §2.1)
    assert found["gad7"].latest == 12


def test_a_parent_icd10_code_finds_its_adsm(in_treatment, pwp):
    referrals.record_presenting_complaint(
        by=pwp, referral=in_treatment, code_system="ICD-10", code="F42.1", label="Predominantly compulsive acts"
    )
    score(in_treatment, "ocir", 30, days=2)

    assert facts(in_treatment).measures["adsm"].instrument_id == "ocir"


def test_no_adsm_when_the_problem_calls_for_gad7(in_treatment, pwp):
    referrals.record_presenting_complaint(
        by=pwp, referral=in_treatment, code_system="ICD-10", code="F41.1", label="Generalized anxiety disorder"
    )
    score(in_treatment, "gad7", 12, days=2)
    score(in_treatment, "spin", 30, days=2)  # recorded, but not this referral's ADSM

    assert set(facts(in_treatment).measures) == {"gad7"}


def test_the_newest_primary_descriptor_decides_the_adsm(in_treatment, pwp):
    referrals.record_presenting_complaint(
        by=pwp, referral=in_treatment, code_system="ICD-10", code="F40.1", label="Social phobias"
    )
    referrals.record_presenting_complaint(
        by=pwp, referral=in_treatment, code_system="ICD-10", code="F41.0", label="Panic disorder"
    )
    referrals.record_presenting_complaint(
        by=pwp, referral=in_treatment, code_system="ICD-10", code="F40.1", label="Social phobias", primary=False
    )
    score(in_treatment, "spin", 30, days=2)
    score(in_treatment, "pdss", 12, days=2)

    assert facts(in_treatment).measures["adsm"].instrument_id == "pdss"


# Not on track (domain reference §6)

PHQ9_POINTS = [(15, 27, 1, 16, 20), (15, 27, 2, 14, 18), (15, 27, 3, 12, 16), (0, 14, 1, 9, 12)]


def test_not_on_track_when_the_latest_score_is_above_the_boundary_at_its_session(in_treatment, pwp):
    curves("phq9", points=PHQ9_POINTS)
    score(in_treatment, "phq9", 19, days=30)  # intake: band 15-27
    contact(in_treatment, by=pwp, days=20)
    contact(in_treatment, by=pwp, days=13)
    score(in_treatment, "phq9", 19, days=13, hour=18)  # after session 2: boundary 18
    contact(in_treatment, by=pwp, days=6)  # session 3 is after the latest score: not counted

    [judged] = facts(in_treatment).not_on_track

    assert (judged.instrument_id, judged.score, judged.boundary, judged.session_number) == ("phq9", 19, 18, 2)
    assert judged.synthetic_curves


def test_on_track_at_the_boundary(in_treatment, pwp):
    curves("phq9", points=PHQ9_POINTS)
    score(in_treatment, "phq9", 19, days=30)
    contact(in_treatment, by=pwp, days=20)
    contact(in_treatment, by=pwp, days=13)
    score(in_treatment, "phq9", 18, days=13, hour=18)

    assert facts(in_treatment).not_on_track == ()


def test_the_services_own_curves_say_they_are_not_synthetic(in_treatment, pwp, service):
    curves("phq9", points=PHQ9_POINTS)
    curves("phq9", points=PHQ9_POINTS, synthetic=False, service=service, episodes=600)
    score(in_treatment, "phq9", 22, days=30)
    contact(in_treatment, by=pwp, days=20)
    score(in_treatment, "phq9", 22, days=20, hour=18)

    [judged] = facts(in_treatment).not_on_track

    assert not judged.synthetic_curves


def test_not_judged_before_treatment_or_without_a_treatment_session(received_60_days_ago, pwp):
    curves("phq9", points=PHQ9_POINTS)
    score(received_60_days_ago, "phq9", 27, days=30)
    score(received_60_days_ago, "phq9", 27, days=20)
    assert facts(received_60_days_ago).not_on_track == ()

    start_treatment(received_60_days_ago, by=pwp)
    assert facts(received_60_days_ago).not_on_track == ()

    contact(received_60_days_ago, by=pwp, days=10)
    score(received_60_days_ago, "phq9", 27, days=10, hour=18)
    assert [judged.session_number for judged in facts(received_60_days_ago).not_on_track] == [1]


def test_a_score_before_the_first_session_is_judged_only_where_the_curves_have_session_0(in_treatment, pwp):
    curves("phq9", points=PHQ9_POINTS)
    score(in_treatment, "phq9", 27, days=30)
    contact(in_treatment, by=pwp, days=10)

    assert facts(in_treatment).not_on_track == ()  # latest score at session 0: these curves start at session 1


# Supervision and risk


def test_never_discussed_means_since_the_referral_was_received(in_treatment, pwp):
    risk_assessment(in_treatment, by=pwp, level=RiskLevel.HIGH, days=20)
    score(in_treatment, "phq9", 12, days=10, q9=1)

    found = facts(in_treatment)

    assert found.last_discussed_on is None and found.last_decision == ""
    assert found.risk_raised_since_discussed
    assert found.item9_since_discussed


def test_a_first_risk_assessment_at_low_is_not_raised(in_treatment, pwp):
    risk_assessment(in_treatment, by=pwp, level=RiskLevel.LOW, days=20)
    risk_assessment(in_treatment, by=pwp, level=RiskLevel.LOW, days=10)

    assert not facts(in_treatment).risk_raised_since_discussed


def test_risk_raised_before_the_discussion_is_not_news(in_treatment, pwp, supervisor):
    risk_assessment(in_treatment, by=pwp, level=RiskLevel.LOW, days=30)
    risk_assessment(in_treatment, by=pwp, level=RiskLevel.HIGH, days=20)
    discuss(in_treatment, supervisor=supervisor, supervisee=pwp, days=14)
    risk_assessment(in_treatment, by=pwp, level=RiskLevel.MODERATE, days=7)  # lowered

    found = facts(in_treatment)

    assert found.last_discussed_on == today() - datetime.timedelta(days=14)
    assert not found.risk_raised_since_discussed


def test_risk_raised_after_the_discussion_is_news(in_treatment, pwp, supervisor):
    risk_assessment(in_treatment, by=pwp, level=RiskLevel.LOW, days=30)
    discuss(in_treatment, supervisor=supervisor, supervisee=pwp, days=14)
    risk_assessment(in_treatment, by=pwp, level=RiskLevel.MODERATE, days=13)

    assert facts(in_treatment).risk_raised_since_discussed


def test_on_the_day_of_the_discussion_what_came_after_the_record_is_news(in_treatment, pwp, supervisor):
    risk_assessment(in_treatment, by=pwp, level=RiskLevel.LOW, days=30)
    risk_assessment(in_treatment, by=pwp, level=RiskLevel.MODERATE, days=14, hour=9)
    discuss(in_treatment, supervisor=supervisor, supervisee=pwp, days=14, recorded_hour=12)
    assert not facts(in_treatment).risk_raised_since_discussed

    risk_assessment(in_treatment, by=pwp, level=RiskLevel.HIGH, days=14, hour=16)
    assert facts(in_treatment).risk_raised_since_discussed


def test_item9_endorsed_since_the_discussion(in_treatment, pwp, supervisor):
    score(in_treatment, "phq9", 15, days=30, q9=2)
    discuss(in_treatment, supervisor=supervisor, supervisee=pwp, days=14)
    score(in_treatment, "phq9", 12, days=7)
    assert not facts(in_treatment).item9_since_discussed

    score(in_treatment, "phq9", 12, days=1, q9=1)
    assert facts(in_treatment).item9_since_discussed


def test_a_corrected_item9_answer_no_longer_counts(in_treatment, pwp):
    endorsed = score(in_treatment, "phq9", 12, days=3, q9=1)
    measures.correct_response(by=pwp, response=endorsed, answers=answers_for("phq9", 11), reason="Misheard answer")

    assert not facts(in_treatment).item9_since_discussed


def test_the_newest_discussion_gives_the_date_and_decision_and_any_plan_counts(in_treatment, pwp, supervisor):
    discuss(in_treatment, supervisor=supervisor, supervisee=pwp, days=30, decision=CaseDecision.STEP_UP)
    discuss(in_treatment, supervisor=supervisor, supervisee=pwp, days=7, decision=CaseDecision.CONTINUE)

    found = facts(in_treatment)

    assert found.last_discussed_on == today() - datetime.timedelta(days=7)
    assert found.last_decision == CaseDecision.CONTINUE
    assert found.has_discharge_or_step_up_plan


def test_no_plan_without_a_step_up_or_discharge_decision(in_treatment, pwp, supervisor):
    discuss(in_treatment, supervisor=supervisor, supervisee=pwp, days=7, decision=CaseDecision.CHANGE_INTERVENTION)

    assert not facts(in_treatment).has_discharge_or_step_up_plan


# Status, tasks, questionnaires, notes


def test_assessed_without_decision(received_60_days_ago, pwp):
    assert not facts(received_60_days_ago).assessed_without_decision

    referrals.change_status(by=pwp, referral=received_60_days_ago, to=ReferralStatus.ASSESSED)

    assert facts(received_60_days_ago).assessed_without_decision


def test_open_tasks_in_due_date_order(in_treatment, pwp):
    first_dna = contact(in_treatment, by=pwp, days=9, attendance=AttendOrDNACode.DID_NOT_ATTEND)
    contact(in_treatment, by=pwp, days=3, attendance=AttendOrDNACode.DID_NOT_ATTEND)
    score(in_treatment, "phq9", 12, days=1, q9=1)  # a risk review due today
    done = first_dna.tasks.get()
    done.completed_at, done.completed_by = timezone.now(), pwp
    done.save()

    kinds = [task.kind for task in facts(in_treatment).open_tasks]

    assert sorted(kinds) == [TaskKind.DNA_FOLLOW_UP, TaskKind.RISK_REVIEW]
    due = [task.due_date for task in facts(in_treatment).open_tasks]
    assert due == sorted(due)


def test_outstanding_questionnaires_are_open_links(in_treatment, pwp):
    remote.create_request(by=pwp, referral=in_treatment, instrument_ids=["phq9"])
    cancelled, _token = remote.create_request(by=pwp, referral=in_treatment, instrument_ids=["gad7"])
    remote.cancel(by=pwp, completion_request=cancelled)

    assert facts(in_treatment).outstanding_questionnaires == 1


def test_notes_awaiting_sign_off(in_treatment, trainee, pwp):
    for days, status in ((20, NoteStatus.AWAITING_SIGN_OFF), (13, NoteStatus.FINAL), (6, NoteStatus.AWAITING_SIGN_OFF)):
        appointment = contact(in_treatment, by=pwp, days=days)
        SessionNote.objects.create(appointment=appointment, session_number=1, status=status, written_by=trainee)

    assert facts(in_treatment).notes_awaiting_sign_off == 2


# Shape and cost


def test_keeps_the_order_of_the_queryset_and_returns_nothing_for_none(patient, team, pwp):
    older = builders.make_referral(patient, team, pwp, received_date=today() - datetime.timedelta(days=90))
    newer = builders.make_referral(patient, team, pwp, received_date=today() - datetime.timedelta(days=9))

    found = facts_for(Referral.objects.filter(pk__in=[older.pk, newer.pk]).order_by("received_date"), today=today())

    assert [fact.referral for fact in found] == [older, newer]
    assert facts_for(Referral.objects.none(), today=today()) == []


def _busy_referral(n, *, service, team, pwp, supervisor):
    patient = builders.make_patient(service, pwp, nhs_number="", given_name=f"Pat{n}")
    referral = start_treatment(builders.make_referral(patient, team, pwp), by=pwp)
    referrals.record_presenting_complaint(
        by=pwp, referral=referral, code_system="ICD-10", code="F40.1", label="Social phobias"
    )
    contact(referral, by=pwp, days=20 + n, hour=9)
    contact(referral, by=pwp, days=10 + n, hour=9, attendance=AttendOrDNACode.DID_NOT_ATTEND)
    contact(referral, by=pwp, days=-1 - n, hour=9, attendance="")
    score(referral, "phq9", 20, days=20 + n, q9=1)
    score(referral, "gad7", 15, days=20 + n)
    score(referral, "spin", 40, days=20 + n)
    risk_assessment(referral, by=pwp, level=RiskLevel.MODERATE, days=20 + n)
    discuss(referral, supervisor=supervisor, supervisee=pwp, days=5 + n)
    remote.create_request(by=pwp, referral=referral, instrument_ids=["phq9"])
    return referral


def test_query_count_is_the_same_for_1_and_10_referrals(service, team, pwp, supervisor, django_assert_num_queries):
    curves("phq9", points=PHQ9_POINTS)
    curves("gad7", points=[(0, 21, 1, 8, 10)])
    referrals_ = Referral.objects.filter(practitioner=pwp)
    _busy_referral(0, service=service, team=team, pwp=pwp, supervisor=supervisor)
    with CaptureQueriesContext(connection) as one:
        assert len(facts_for(referrals_, today=today())) == 1
    for n in range(1, 10):
        _busy_referral(n, service=service, team=team, pwp=pwp, supervisor=supervisor)

    with django_assert_num_queries(len(one)):
        found = facts_for(referrals_, today=today())
        assert all(fact.measures["adsm"].latest == Decimal(40) and fact.open_tasks for fact in found)

    assert len(found) == 10
