"""The data-quality report for October 2026: each check with a referral just inside it and one just outside.

Codes the service functions refuse (an invalid AppType, a missing end code...) arrive with imported data
or older records; the tests write them with QuerySet.update, as such data would be. British Summer Time
ends on 25 October 2026, so 00:30 local time on 21 October is 23:30 UTC on 20 October.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from steptwo.appointments.codes import AppType, AttendOrDNACode
from steptwo.appointments.models import Appointment
from steptwo.dataset.export import month_bounds
from steptwo.dataset.quality import quality_report
from steptwo.letters.tests.pathway import contact
from steptwo.outcomes.tests import histories
from steptwo.outcomes.tests.histories import (
    assess,
    at,
    day,
    discharge,
    finished_course,
    new_referral,
    score,
    scores,
    treat,
)  # fmt: skip
from steptwo.referrals import services as referrals_service
from steptwo.referrals.codes import EndCode, ReferralStatus
from steptwo.referrals.models import Discharge, Referral
from steptwo.tests import builders

pytestmark = pytest.mark.django_db
OCTOBER = month_bounds(2026, 10)
NOW = at(11, 23)


def found(key, now=NOW, referrals=None):
    report = quality_report(referrals or Referral.objects.all(), *OCTOBER, now=now)
    return set(report.check(key).referral_ids)


def another(patient, team, pwp, received=None):
    return new_referral(patient, team, pwp, received=received)


def complaint(pwp, referral, code="F41.1"):
    referrals_service.record_presenting_complaint(
        by=pwp, referral=referral, code_system="ICD-10", code=code, label="Problem"
    )


def test_treated_without_a_problem_descriptor(pwp, referral, patient, team):
    assess(pwp, referral, at(10, 5))
    treat(pwp, referral, at(10, 12))
    described = another(patient, team, pwp)
    assess(pwp, described, at(10, 5, 12))
    treat(pwp, described, at(10, 12, 12))
    complaint(pwp, described)
    assessed_only = another(patient, team, pwp)
    assess(pwp, assessed_only, at(10, 6))
    dna_only = another(patient, team, pwp)
    assess(pwp, dna_only, at(10, 7))
    treat(pwp, dna_only, at(10, 14), attendance=AttendOrDNACode.DID_NOT_ATTEND)
    assert found("problem_descriptor") == {referral.pk}


def test_finished_without_paired_scores(pwp, referral, patient, team):
    assess(pwp, referral, at(10, 5))
    treat(pwp, referral, at(10, 12), at(10, 19))
    score(pwp, referral, "phq9", 17, at(10, 5, 10, 5))
    scores(pwp, referral, "gad7", (12, at(10, 5, 10, 10)), (5, at(10, 19, 10, 10)))
    discharge(pwp, referral, day(10, 20))
    paired = finished_course(pwp, another(patient, team, pwp), hour=12)
    one_treatment = another(patient, team, pwp)
    assess(pwp, one_treatment, at(10, 6))
    treat(pwp, one_treatment, at(10, 13))
    discharge(pwp, one_treatment, day(10, 20), EndCode.ENDED_BY_PATIENT)
    assert found("paired_phq9") == {referral.pk}
    assert found("paired_anxiety") == set()
    assert paired.pk not in found("paired_phq9") | found("paired_anxiety")


def test_finished_without_paired_anxiety_scores(pwp, referral):
    assess(pwp, referral, at(10, 5))
    treat(pwp, referral, at(10, 12), at(10, 19))
    scores(pwp, referral, "phq9", (17, at(10, 5, 10, 5)), (6, at(10, 19, 10, 5)))
    discharge(pwp, referral, day(10, 20))
    assert found("paired_anxiety") == {referral.pk}
    assert found("paired_phq9") == set()


def test_finished_in_another_month_is_not_checked_for_paired_scores(pwp, referral):
    assess(pwp, referral, at(10, 5))
    treat(pwp, referral, at(10, 12), at(10, 19))
    discharge(pwp, referral, day(11, 2))
    assert found("paired_phq9") == set()


def test_discharged_without_an_end_code(pwp, referral, patient, team):
    finished_course(pwp, referral)
    Discharge.objects.filter(referral=referral).update(end_code="")
    no_record = another(patient, team, pwp)
    Referral.objects.filter(pk=no_record.pk).update(status=ReferralStatus.DISCHARGED)
    coded = finished_course(pwp, another(patient, team, pwp), hour=12)
    assert found("no_end_code") == {referral.pk, no_record.pk}
    assert coded.pk not in found("no_end_code")


def test_an_end_code_that_is_not_a_data_set_code(pwp, referral, patient, team):
    finished_course(pwp, referral)
    Discharge.objects.filter(referral=referral).update(end_code="42")  # v1.5 only (§4.4)
    finished_course(pwp, another(patient, team, pwp), hour=12)
    assert found("end_code") == {referral.pk}


def test_an_end_code_the_contacts_contradict(pwp, referral, patient, team):
    finished_course(pwp, referral)
    Discharge.objects.filter(referral=referral).update(end_code=EndCode.NOT_ASSESSED)
    seen_not_treated = another(patient, team, pwp)
    assess(pwp, seen_not_treated, at(10, 6))
    discharge(pwp, seen_not_treated, day(10, 20), EndCode.ADVICE_AND_SUPPORT)
    Discharge.objects.filter(referral=seen_not_treated).update(end_code=EndCode.COMPLETED)
    fitting = another(patient, team, pwp)
    assess(pwp, fitting, at(10, 7))
    discharge(pwp, fitting, day(10, 20), EndCode.ADVICE_AND_SUPPORT)
    assert found("end_code_contradicted") == {referral.pk, seen_not_treated.pk}


def test_a_contact_after_discharge_that_is_not_a_follow_up(pwp, referral, patient, team):
    finished_course(pwp, referral)  # discharged 20 October
    late = Appointment.objects.filter(referral=referral).order_by("starts_at").last()
    Appointment.objects.filter(pk=late.pk).update(starts_at=at(10, 21, 0, 30))  # 23:30 UTC on the 20th
    on_the_day = finished_course(pwp, another(patient, team, pwp), hour=12)
    last = Appointment.objects.filter(referral=on_the_day).order_by("starts_at").last()
    Appointment.objects.filter(pk=last.pk).update(starts_at=at(10, 20, 23, 30))
    follow_up = finished_course(pwp, another(patient, team, pwp), hour=14)
    histories.unplanned(pwp, follow_up, at(10, 22, 14), app_type=AppType.FOLLOW_UP)
    assert found("after_discharge") == {referral.pk}


def test_a_cancelled_contact_after_discharge_is_not_listed(pwp, referral):
    finished_course(pwp, referral)
    late = Appointment.objects.filter(referral=referral).order_by("starts_at").last()
    Appointment.objects.filter(pk=late.pk).update(starts_at=at(10, 22), attendance=AttendOrDNACode.CANCELLED_BY_SERVICE)
    assert found("after_discharge") == set()


def test_attendance_not_recorded_on_a_past_contact(pwp, referral):
    contact(pwp, referral, at(10, 14, 16), AppType.ASSESSMENT)
    assert found("attendance", now=at(10, 14, 16, 1)) == {referral.pk}
    assert found("attendance", now=at(10, 14, 16)) == set()


def test_an_invalid_attendance_code(pwp, referral):
    appointment = assess(pwp, referral, at(10, 5))
    assert found("attendance") == set()
    Appointment.objects.filter(pk=appointment.pk).update(attendance="0")
    assert found("attendance") == {referral.pk}


@pytest.mark.parametrize(
    ("field", "key", "bad", "good"),
    [("app_type", "app_type", "04", AppType.TREATMENT), ("mechanism", "mechanism", "03", "02"),
     ("mechanism", "mechanism", "", "11")],
)  # fmt: skip
def test_contact_codes(pwp, referral, patient, team, field, key, bad, good):
    appointment = assess(pwp, referral, at(10, 5))
    other = another(patient, team, pwp)
    fine = assess(pwp, other, at(10, 6))
    Appointment.objects.filter(pk=appointment.pk).update(**{field: bad})
    Appointment.objects.filter(pk=fine.pk).update(**{field: good})
    assert found(key) == {referral.pk}


def test_contact_codes_outside_the_period_are_not_checked(pwp, referral):
    appointment = assess(pwp, referral, at(9, 30, 23, 30))  # 22:30 UTC: still September locally
    Appointment.objects.filter(pk=appointment.pk).update(app_type="04")
    assert found("app_type") == set()
    Appointment.objects.filter(pk=appointment.pk).update(starts_at=at(10, 1, 0, 30))
    assert found("app_type") == {referral.pk}


def test_source_of_referral(pwp, referral, patient, team):
    other = another(patient, team, pwp)
    Referral.objects.filter(pk=referral.pk).update(source="Z9")
    assert found("source") == {referral.pk}
    assert other.pk not in found("source")


def test_open_with_no_contact_for_over_90_days(pwp, patient, team):
    # 31 October - 90 days = 2 August.
    silent = another(patient, team, pwp, received=day(8, 1))
    just_received = another(patient, team, pwp, received=day(8, 2))
    seen = another(patient, team, pwp, received=day(6, 1))
    assess(pwp, seen, at(8, 2, 0, 30))  # 23:30 UTC on 1 August, 2 August locally: inside the 90 days
    unseen_since = another(patient, team, pwp, received=day(6, 1))
    assess(pwp, unseen_since, at(8, 1, 23, 30))
    assert found("no_contact") == {silent.pk, unseen_since.pk}
    assert just_received.pk not in found("no_contact")


def test_discharged_referrals_are_not_open_with_no_contact(pwp, patient, team):
    ended = another(patient, team, pwp, received=day(6, 1))
    discharge(pwp, ended, day(10, 31), EndCode.NOT_ASSESSED)
    assert found("no_contact") == set()


def test_patient_fields(pwp, referral, service, team):
    recorded = builders.make_patient(
        service, pwp, nhs_number="9990000018", gender_identity="Z", ethnic_category="Z", given_name="Robin"
    )
    complete = another(recorded, team, pwp)
    no_number = another(builders.make_patient(service, pwp, nhs_number="", gender_identity="2", ethnic_category="A"),
                        team, pwp)  # fmt: skip
    assert found("nhs_number") == {no_number.pk}
    assert found("ethnicity") == {referral.pk}  # the fixture's patient has neither recorded
    assert found("gender") == {referral.pk}
    assert complete.pk not in found("ethnicity") | found("gender") | found("nhs_number")


def test_scores_with_a_placeholder_code(pwp, referral, patient, team):
    assess(pwp, referral, at(10, 5))
    score(pwp, referral, "spin", 30, at(10, 5, 10, 15))
    verified = another(patient, team, pwp)
    assess(pwp, verified, at(10, 6))
    score(pwp, verified, "phq9", 12, at(10, 6, 10, 15))
    september = another(patient, team, pwp, received=day(9, 1))
    assess(pwp, september, at(9, 30))
    score(pwp, september, "pdss", 10, at(9, 30, 10, 15))
    assert found("score_codes") == {referral.pk}


def test_only_the_referrals_given_are_checked(pwp, referral, other_patient, other_team, other_pwp):
    elsewhere = builders.make_referral(other_patient, other_team, other_pwp)
    Referral.objects.filter(pk__in=[referral.pk, elsewhere.pk]).update(source="Z9")
    assert found("source", referrals=Referral.objects.filter(team__service=referral.team.service)) == {referral.pk}


def test_referral_count_and_problems(pwp, referral, patient, team):
    finished_course(pwp, referral)
    closed_before = another(patient, team, pwp, received=day(9, 1))
    assess(pwp, closed_before, at(9, 2))
    discharge(pwp, closed_before, day(9, 30), EndCode.ADVICE_AND_SUPPORT)
    histories.unplanned(pwp, closed_before, at(10, 22), app_type=AppType.FOLLOW_UP)
    another(patient, team, pwp, received=day(11, 1))
    report = quality_report(Referral.objects.all(), *OCTOBER, now=NOW)
    assert report.referral_count == 2  # open in October, and closed with a follow-up in October
    assert report.problems == sum(check.count for check in report.checks) >= 2  # ethnicity and gender


def test_a_fixed_number_of_queries_whatever_the_size(pwp, referral, patient, team):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            quality_report(Referral.objects.all(), *OCTOBER, now=NOW)
        return len(captured)

    finished_course(pwp, referral)
    small = queries()
    for hour in (12, 14, 16):
        more = finished_course(pwp, another(patient, team, pwp), hour=hour)
        complaint(pwp, more)
    assert queries() == small
