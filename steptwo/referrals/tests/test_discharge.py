"""Discharge rules (referrals.discharge): end codes by what happened, dates, nothing left booked, once only."""

import datetime

import pytest
from django.utils import timezone

from steptwo.appointments.codes import AppType, AttendOrDNACode
from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.letters.tests import pathway
from steptwo.referrals import discharge as discharging
from steptwo.referrals.codes import EndCode, EndCodeGroup, ReferralStatus
from steptwo.referrals.models import Discharge, Referral
from steptwo.treatment import services as treatment
from steptwo.treatment.codes import Intervention

pytestmark = pytest.mark.django_db

OCT_26 = datetime.date(2026, 10, 26)


def discharge(by, referral, end_code=EndCode.COMPLETED, discharge_date=OCT_26, **plan):
    return discharging.discharge(by=by, referral=referral, end_code=end_code, discharge_date=discharge_date, **plan)


def test_an_appointment_waiting_for_its_outcome_stops_discharge(pwp, referral):
    pathway.contact(pwp, referral, pathway.at(12, 2, 14, 30), AppType.ASSESSMENT)

    with pytest.raises(NotAllowed) as refusal:
        discharge(pwp, referral, EndCode.NOT_ASSESSED)

    assert str(refusal.value) == (
        "This referral has an appointment booked for 2 December 2026 at 2:30pm. "
        "Record its outcome, or cancel it, before discharging."
    )
    assert not Discharge.objects.exists()


def test_a_cancelled_appointment_does_not_stop_discharge(pwp, referral):
    pathway.contact(
        pwp, referral, pathway.at(10, 5), AppType.ASSESSMENT, attendance=AttendOrDNACode.CANCELLED_BY_PATIENT
    )

    record = discharge(pwp, referral, EndCode.NOT_ASSESSED)

    assert record.end_code == EndCode.NOT_ASSESSED


def test_an_end_code_from_another_group_is_refused_with_the_codes_that_fit(pwp, referral):
    with pytest.raises(NotAllowed) as refusal:
        discharge(pwp, referral, EndCode.COMPLETED)

    assert str(refusal.value) == (
        "End code 46 (Mutually agreed completion of treatment) does not fit this referral, which was "
        "‘referred but not seen’. Choose one of: 50."
    )
    assert refusal.value.field == "end_code"


@pytest.mark.parametrize(
    "build,group,codes",
    [
        (lambda by, referral: None, EndCodeGroup.NOT_SEEN, ["50"]),
        (pathway.assessed, EndCodeGroup.SEEN_NOT_TREATED, ["10", "11", "12", "13", "14", "16", "17", "95"]),
        (pathway.treated, EndCodeGroup.TREATED, ["46", "47", "48", "49", "96"]),
    ],
)
def test_the_end_codes_allowed_follow_what_happened(pwp, referral, build, group, codes):
    build(pwp, referral)

    assert discharging.end_code_group(referral) == group
    assert [code.value for code in discharging.allowed_end_codes(referral)] == codes


def test_a_seen_referral_cannot_be_closed_as_not_assessed(pwp, referral):
    pathway.assessed(pwp, referral)

    with pytest.raises(NotAllowed, match="which was ‘seen but not taken on for a course of treatment’"):
        discharge(pwp, referral, EndCode.NOT_ASSESSED)


def test_the_discharge_date_cannot_be_in_the_future(pwp, referral):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(NotAllowed) as refusal:
        discharge(pwp, referral, EndCode.NOT_ASSESSED, discharge_date=tomorrow)

    assert str(refusal.value) == "The discharge date cannot be in the future"
    assert refusal.value.field == "discharge_date"


def test_the_discharge_date_cannot_be_before_the_referral_was_received(pwp, referral):
    with pytest.raises(NotAllowed) as refusal:
        discharge(pwp, referral, EndCode.NOT_ASSESSED, discharge_date=datetime.date(2026, 9, 30))

    assert str(refusal.value) == "The discharge date cannot be before the referral was received (1 October 2026)"


def test_the_discharge_date_cannot_be_before_the_last_attended_appointment(pwp, referral):
    pathway.treated(pwp, referral)  # last attended: 19 October

    with pytest.raises(NotAllowed) as refusal:
        discharge(pwp, referral, discharge_date=datetime.date(2026, 10, 18))

    assert str(refusal.value) == "The discharge date cannot be before the last attended appointment (19 October 2026)"
    assert discharge(pwp, referral, discharge_date=datetime.date(2026, 10, 19)).discharge_date.day == 19


def test_a_referral_is_discharged_only_once(pwp, referral):
    discharge(pwp, referral, EndCode.NOT_ASSESSED)

    with pytest.raises(NotAllowed) as refusal:
        discharge(pwp, referral, EndCode.NOT_ASSESSED)

    assert str(refusal.value) == "This referral has been discharged: make a new referral to see the patient again"


def test_a_second_discharge_from_a_stale_copy_of_the_referral_is_refused_not_a_crash(pwp, referral):
    stale = Referral.objects.get(pk=referral.pk)
    discharge(pwp, referral, EndCode.NOT_ASSESSED)

    with pytest.raises(NotAllowed, match="has been discharged"):
        discharge(pwp, stale, EndCode.NOT_ASSESSED)
    assert Discharge.objects.count() == 1


def test_discharge_keeps_first_and_last_scores_the_plan_and_moves_the_status(pwp, referral):
    pathway.treated(pwp, referral)

    record = discharge(pwp, referral, outcome_summary="Mood lifted", warning_signs="Sleeping late")

    record.refresh_from_db()
    referral.refresh_from_db()
    assert record.scores == {
        "phq9": {"first": "17", "first_date": "2026-10-05", "last": "6", "last_date": "2026-10-19", "count": 2},
        "gad7": {"first": "12", "first_date": "2026-10-05", "last": "5", "last_date": "2026-10-19", "count": 2},
    }
    assert (record.end_code, record.discharge_date, record.recorded_by) == ("46", OCT_26, pwp)
    assert (record.outcome_summary, record.warning_signs) == ("Mood lifted", "Sleeping late")
    assert referral.status == ReferralStatus.DISCHARGED
    assert referral.status_changes.last().note == "End code 46"
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="discharge", object_id=str(record.pk)
    ).exists()


def test_unknown_plan_fields_are_a_programming_error(pwp, referral):
    with pytest.raises(TypeError, match="follow_up"):
        discharge(pwp, referral, EndCode.NOT_ASSESSED, follow_up="3 months")


def test_course_summary_counts_attended_contacts_and_treatment_sessions_and_names_the_interventions(pwp, referral):
    sessions = pathway.treated(pwp, referral)
    treatment.add_intervention(by=pwp, referral=referral, intervention=Intervention.SLEEP_HYGIENE)
    pathway.contact(pwp, referral, pathway.at(10, 22), AppType.TREATMENT, attendance=AttendOrDNACode.DID_NOT_ATTEND)

    summary = discharging.course_summary(referral)

    assert len(sessions) == 2
    assert summary.group == EndCodeGroup.TREATED
    assert (summary.attended_contacts, summary.treatment_sessions) == (3, 2)  # the assessment and two sessions
    assert summary.interventions == ("Behavioural activation", "Sleep hygiene")
