"""Contacts and dates of the per-referral derivation, worked out by hand (domain reference §1.1, §3.1, §4.2).

Treatment contact (§1.1): AppType 02/03/05, attended (5, 6) or unplanned, between referral received and
discharge. Care contact: any AppType but follow-up (06), attended or unplanned, in the same window.
The `referral` fixture is received on 1 October 2026.
"""

import pytest

from steptwo.appointments.codes import AppType, AttendOrDNACode
from steptwo.outcomes.tests.histories import (
    assess,
    at,
    attended_after_discharge,
    day,
    discharge,
    finished_course,
    new_referral,
    outcome_of,
    treat,
    unplanned,
)  # fmt: skip
from steptwo.referrals.codes import EndCode

pytestmark = pytest.mark.django_db
A = AttendOrDNACode


def test_two_treatment_contacts_finish_a_course(pwp, referral):
    # Assessment 5 Oct, treatment 12 and 19 Oct, discharged 20 Oct: three care contacts, two treatment
    # contacts (§1.1 "at least two attended treatment appointments"), so a finished course.
    finished_course(pwp, referral)
    outcome = outcome_of(referral)
    assert outcome.csv_row() | {"ServiceRequestId": ""} == {
        "ServiceRequestId": "", "TherapySession_FirstDate": "2026-10-12", "TherapySession_SecondDate": "2026-10-19",
        "TherapySession_LastDate": "2026-10-19", "CareContact_Count": "3", "TreatmentCareContact_Count": "2",
        "CompletedTreatment_Flag": "True",
        # PHQ-9 17 → 6, GAD-7 12 → 5: caseness at the start (17 >= 10), both below at the end (6 < 10,
        # 5 < 8), falls of 11 >= 6 and 7 >= 4: recovery, reliable improvement and reliable recovery.
        "PHQ9_FirstScore": "17", "PHQ9_LastScore": "6", "ADSM": "gad7", "ADSM_FirstScore": "12",
        "ADSM_LastScore": "5", "GAD_FirstScore": "12", "GAD_LastScore": "5", "NotCaseness_Flag": "False",
        "Recovery_Flag": "True", "ReliableImprovement_Flag": "True", "ReliableDeterioration_Flag": "False",
        "NoChange_Flag": "False", "ReliableRecovery_Flag": "True",
        # Received 1 Oct → first treatment 12 Oct: 11 days; 12 → 19 Oct: 7 days.
        "Assessment_FirstDate": "2026-10-05", "ReferralToFirstTreatment_Days": "11",
        "FirstToSecondTreatment_Days": "7",
    }  # fmt: skip


def test_service_request_id_is_the_data_set_one(service, pwp, referral):
    assert outcome_of(referral).csv_row()["ServiceRequestId"] == f"{service.ods_code}-{referral.pk}"


def test_one_treatment_contact_is_not_a_finished_course(pwp, referral):
    # One treatment contact (12 Oct): ended after one treatment (§1.1, M075), no second date, and no
    # outcome flags although the scores would be a recovery.
    assess(pwp, referral, at(10, 5))
    treat(pwp, referral, at(10, 12))
    discharge(pwp, referral, day(10, 20), EndCode.ENDED_BY_PATIENT)
    outcome = outcome_of(referral)
    assert (outcome.treatment_contact_count, outcome.care_contact_count) == (1, 2)
    assert outcome.completed_treatment is False
    assert (outcome.therapy_first_date, outcome.therapy_second_date, outcome.therapy_last_date) == (
        day(10, 12),
        None,
        day(10, 12),
    )
    assert outcome.csv_row()["TherapySession_SecondDate"] == ""
    assert outcome.csv_row()["FirstToSecondTreatment_Days"] == ""


def test_seen_but_not_treated(pwp, referral):
    # Only the assessment: one care contact, no treatment contact (§1.1 "seen not treated").
    assess(pwp, referral, at(10, 5))
    discharge(pwp, referral, day(10, 6), EndCode.ADVICE_AND_SUPPORT)
    outcome = outcome_of(referral)
    assert (outcome.care_contact_count, outcome.treatment_contact_count) == (1, 0)
    assert (outcome.therapy_first_date, outcome.days_to_first_treatment) == (None, None)
    assert outcome.assessment_first_date == day(10, 5)


def test_not_seen(pwp, referral):
    # A DNA'd assessment only: no care contact at all (§1.1 "not seen").
    treat(pwp, referral, at(10, 5), attendance=A.DID_NOT_ATTEND, app_type=AppType.ASSESSMENT)
    discharge(pwp, referral, day(10, 20), EndCode.NOT_ASSESSED)
    outcome = outcome_of(referral)
    assert (outcome.care_contact_count, outcome.treatment_contact_count, outcome.assessment_first_date) == (0, 0, None)


def test_dnas_cancellations_and_late_not_seen_are_not_contacts(pwp, referral):
    # Six treatment appointments: DNA (3), cancelled by patient (2) and by service (4), late and not seen
    # (7) do not count (§3.1); attended (5) and attended late (6) do. Treatment contacts: 2 (19 Oct and
    # 2 Nov), care contacts: 3 with the assessment.
    assess(pwp, referral, at(10, 5))
    treat(pwp, referral, at(10, 12), attendance=A.DID_NOT_ATTEND)
    treat(pwp, referral, at(10, 14), attendance=A.CANCELLED_BY_PATIENT)
    treat(pwp, referral, at(10, 15), attendance=A.CANCELLED_BY_SERVICE)
    treat(pwp, referral, at(10, 16), attendance=A.LATE_NOT_SEEN)
    treat(pwp, referral, at(10, 19), attendance=A.ATTENDED_LATE)
    treat(pwp, referral, at(11, 2), attendance=A.ATTENDED)
    discharge(pwp, referral, day(11, 3))
    outcome = outcome_of(referral)
    assert (outcome.care_contact_count, outcome.treatment_contact_count) == (3, 2)
    assert (outcome.therapy_first_date, outcome.therapy_second_date) == (day(10, 19), day(11, 2))


def test_an_appointment_without_an_outcome_is_not_a_contact(pwp, referral):
    assess(pwp, referral, at(10, 5))
    treat(pwp, referral, at(10, 12), attendance=None)  # booked, outcome never recorded
    outcome = outcome_of(referral)
    assert (outcome.care_contact_count, outcome.treatment_contact_count) == (1, 0)


def test_unplanned_contacts_count_as_treatment(pwp, referral):
    # §1.1: "attended or unplanned". An unplanned assessment (01) is a care contact and the first
    # assessment; two unplanned treatment contacts (02) make a finished course.
    unplanned(pwp, referral, at(10, 3), app_type=AppType.ASSESSMENT)
    assess(pwp, referral, at(10, 5))
    unplanned(pwp, referral, at(10, 12))
    unplanned(pwp, referral, at(10, 13))
    discharge(pwp, referral, day(10, 20))
    outcome = outcome_of(referral)
    assert (outcome.care_contact_count, outcome.treatment_contact_count, outcome.completed_treatment) == (4, 2, True)
    assert outcome.assessment_first_date == day(10, 3)


def test_assessment_and_treatment_counts_as_both(pwp, referral):
    # AppType 03 is an assessment (first assessment date) and a treatment contact (§4.2).
    assess(pwp, referral, at(10, 5), app_type=AppType.ASSESSMENT_AND_TREATMENT)
    treat(pwp, referral, at(10, 12), app_type=AppType.REVIEW_AND_TREATMENT)  # 05 is treatment too
    outcome = outcome_of(referral)
    assert outcome.assessment_first_date == day(10, 5)
    assert (outcome.treatment_contact_count, outcome.therapy_first_date) == (2, day(10, 5))


def test_employment_support_is_a_care_contact_but_not_treatment(pwp, referral):
    assess(pwp, referral, at(10, 5))
    treat(pwp, referral, at(10, 12), app_type=AppType.EMPLOYMENT_SUPPORT)
    outcome = outcome_of(referral)
    assert (outcome.care_contact_count, outcome.treatment_contact_count) == (2, 0)


def test_follow_ups_after_discharge_are_excluded(pwp, referral):
    # A finished course (3 care contacts, 2 treatment), then an unplanned follow-up (06) on 16 Nov:
    # after the discharge date and not a treatment type (§1.1, §4.2), so nothing changes.
    finished_course(pwp, referral)
    unplanned(pwp, referral, at(11, 16), app_type=AppType.FOLLOW_UP)
    outcome = outcome_of(referral)
    assert (outcome.care_contact_count, outcome.treatment_contact_count) == (3, 2)
    assert outcome.therapy_last_date == day(10, 19)


def test_a_follow_up_is_never_a_care_contact_even_inside_the_window(pwp, referral):
    # Discharged with the date 30 Oct, then a follow-up recorded on 25 Oct (inside the window): AppType
    # 06 is excluded by type, not only by date.
    finished_course(pwp, referral, discharged=day(10, 30))
    unplanned(pwp, referral, at(10, 25), app_type=AppType.FOLLOW_UP)
    assert outcome_of(referral).care_contact_count == 3


def test_contacts_after_the_discharge_date_are_excluded(pwp, referral):
    # Treated on 12 and 19 Oct, discharged with the date 20 Oct, and a 26 Oct contact (cancelled at first)
    # corrected to attended afterwards: outside the window (§1.1 "between referral received and discharge").
    assess(pwp, referral, at(10, 5))
    treat(pwp, referral, at(10, 12), at(10, 19))
    (late,) = treat(pwp, referral, at(10, 26), attendance=A.CANCELLED_BY_SERVICE)
    discharge(pwp, referral, day(10, 20))
    attended_after_discharge(pwp, late)
    outcome = outcome_of(referral)
    assert (outcome.treatment_contact_count, outcome.therapy_last_date) == (2, day(10, 19))


def test_contacts_before_the_referral_was_received_are_excluded(pwp, patient, team):
    # Received 10 Oct; an unplanned assessment recorded as on 9 Oct is outside the window.
    referral = new_referral(patient, team, pwp, received=day(10, 10))
    unplanned(pwp, referral, at(10, 9), app_type=AppType.ASSESSMENT)
    assert outcome_of(referral).care_contact_count == 0


def test_the_window_is_in_local_dates_around_midnight(pwp, referral):
    # British Summer Time (UTC+1) in October 2026. A contact at 00:30 on 1 Oct local time is 23:30 on
    # 30 Sep in UTC: it is on the received date, so inside the window. One at 00:30 on 21 Oct local is
    # after the discharge date of 20 Oct, though its UTC date is 20 Oct: outside.
    assess(pwp, referral, at(10, 1, 0, 30), app_type=AppType.ASSESSMENT_AND_TREATMENT)
    treat(pwp, referral, at(10, 12))
    (after,) = treat(pwp, referral, at(10, 21, 0, 30), attendance=A.CANCELLED_BY_SERVICE)
    discharge(pwp, referral, day(10, 20))
    attended_after_discharge(pwp, after)
    outcome = outcome_of(referral)
    assert (outcome.treatment_contact_count, outcome.therapy_first_date, outcome.therapy_last_date) == (
        2, day(10, 1), day(10, 12)
    )  # fmt: skip


def test_late_evening_in_winter_is_the_same_day(pwp, referral):
    # GMT (UTC+0) from 25 Oct: 23:30 on 2 Nov is 23:30 UTC, still 2 Nov, the discharge date: inside.
    assess(pwp, referral, at(10, 5))
    treat(pwp, referral, at(10, 12), at(11, 2, 23, 30))
    discharge(pwp, referral, day(11, 2))
    assert outcome_of(referral).therapy_last_date == day(11, 2)


def test_derived_as_of_a_day_before_discharge(pwp, referral):
    # As at 15 Oct the referral (discharged 20 Oct) was open: not ended, not finished; the 19 Oct contact
    # and its scores had not happened yet, so one treatment contact and single scores (no last score).
    finished_course(pwp, referral)
    outcome = outcome_of(referral, as_of=day(10, 15))
    assert (outcome.ended_on, outcome.end_code, outcome.completed_treatment) == (None, "", False)
    assert (outcome.treatment_contact_count, outcome.therapy_last_date) == (1, day(10, 12))
    assert (outcome.phq9.first, outcome.phq9.last) == (17, None)
    assert outcome.csv_row()["Recovery_Flag"] == "False"


def test_open_referral(pwp, referral):
    assess(pwp, referral, at(10, 5))
    treat(pwp, referral, at(10, 12), at(10, 19))
    outcome = outcome_of(referral)
    assert (outcome.ended_on, outcome.treatment_contact_count, outcome.completed_treatment) == (None, 2, False)


@pytest.mark.parametrize(("received", "days"), [((8, 31), 42), ((8, 30), 43), ((6, 8), 126), ((6, 7), 127)])
def test_days_from_referral_to_first_treatment(pwp, patient, team, received, days):
    # First treatment on 12 Oct: received 31 Aug → 42 days (within 6 weeks, §3), 30 Aug → 43; 8 Jun → 126
    # (within 18 weeks), 7 Jun → 127.
    referral = new_referral(patient, team, pwp, received=day(*received))
    assess(pwp, referral, at(10, 5))
    treat(pwp, referral, at(10, 12))
    assert outcome_of(referral).days_to_first_treatment == days
