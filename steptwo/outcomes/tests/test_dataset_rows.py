"""Data-set rows for one referral built through the service functions, checked value by value.

The course: an assessment (01, face to face), four treatment contacts (02, telephone and video: two
attended, one DNA, one cancelled by the patient) with session notes recording behavioural activation
(guided self-help, book) and computerised CBT support (guided self-help, computer), a discharge with end
code 46, and an unplanned follow-up (06) after discharge. Session notes are written with
treatment.notes.write_note, the service function for them.
"""

import datetime

import pytest

from steptwo.appointments import services as appointments
from steptwo.appointments.codes import AppType, AttendOrDNACode, ConsMechanism
from steptwo.letters.tests.pathway import at, contact
from steptwo.outcomes import dataset
from steptwo.referrals import discharge as discharging
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import EndCode, ReferralStatus
from steptwo.referrals.models import Referral
from steptwo.tests import builders
from steptwo.treatment import notes
from steptwo.treatment import services as treatment
from steptwo.treatment.codes import Intervention

pytestmark = pytest.mark.django_db

BOOK = "748051000000105"  # guided self-help (book), domain reference §4.5
COMPUTER = "748041000000107"  # guided self-help (computer)


@pytest.fixture
def course(pwp, referral):
    T = AppType
    M = ConsMechanism
    A = AttendOrDNACode
    assessment = contact(pwp, referral, at(10, 5), T.ASSESSMENT, M.FACE_TO_FACE, A.ATTENDED, minutes=60)
    referrals.change_status(by=pwp, referral=referral, to=ReferralStatus.IN_TREATMENT)
    plan = {
        intervention: treatment.add_intervention(by=pwp, referral=referral, intervention=intervention)
        for intervention in (
            Intervention.BEHAVIOURAL_ACTIVATION, Intervention.COGNITIVE_RESTRUCTURING, Intervention.COMPUTERISED_CBT,
        )
    }  # fmt: skip
    sessions = [
        contact(pwp, referral, at(10, 12), T.TREATMENT, M.TELEPHONE, A.ATTENDED),
        contact(pwp, referral, at(10, 19, 11, 30), T.TREATMENT, M.VIDEO, A.ATTENDED_LATE),
        contact(pwp, referral, at(10, 26), T.TREATMENT, M.TELEPHONE, A.DID_NOT_ATTEND),
        contact(pwp, referral, at(11, 2, 14, 30), T.TREATMENT, M.VIDEO, A.CANCELLED_BY_PATIENT),
    ]
    # Behavioural activation and cognitive restructuring are both guided self-help (book): one activity.
    notes.write_note(by=pwp, appointment=sessions[0], interventions=list(plan.values()))
    notes.write_note(by=pwp, appointment=sessions[1], interventions=[plan[Intervention.COMPUTERISED_CBT]])
    discharging.discharge(
        by=pwp, referral=referral, end_code=EndCode.COMPLETED, discharge_date=datetime.date(2026, 11, 9)
    )
    follow_up = appointments.record_unplanned_contact(
        by=pwp, referral=referral, practitioner=pwp, starts_at=at(11, 16, 9, 15), duration_minutes=20,
        app_type=AppType.FOLLOW_UP, mechanism=ConsMechanism.TELEPHONE,
    )  # fmt: skip
    return [assessment, *sessions, follow_up]


def ids(service, course):
    return [f"{service.ods_code}-C{appointment.pk}" for appointment in course]


def test_ids101_referral_row(service, patient, referral, course):
    assert dataset.ids101_referral_rows(Referral.objects.filter(pk=referral.pk)) == [
        {
            "ServiceRequestId": f"{service.ods_code}-{referral.pk}",
            "LocalPatientId": f"{service.ods_code}-P{patient.pk}",
            "ReferralRequestReceivedDate": "2026-10-01",
            "SourceOfReferralIAPT": "A1",
            "ServDischDate": "2026-11-09",
            "EndCode": "46",
        }
    ]


def test_ids201_care_contact_rows(service, referral, course):
    rows = dataset.ids201_care_contact_rows(Referral.objects.filter(pk=referral.pk))

    request_id = f"{service.ods_code}-{referral.pk}"
    assert [row["CareContactId"] for row in rows] == ids(service, course)
    assert {row["ServiceRequestId"] for row in rows} == {request_id}
    assert [
        (row["CareContDate"], row["CareContTime"], row["AppType"], row["AttendOrDNACode"], row["ConsMechanism"],
         row["PlannedCareContIndicator"], row["ClinContDurOfCareCont"])
        for row in rows
    ] == [
        ("2026-10-05", "10:00:00", "01", "5", "01", "Y", "60"),
        ("2026-10-12", "10:00:00", "02", "5", "02", "Y", "30"),
        ("2026-10-19", "11:30:00", "02", "6", "11", "Y", "30"),
        ("2026-10-26", "10:00:00", "02", "3", "02", "Y", "30"),
        ("2026-11-02", "14:30:00", "02", "2", "11", "Y", "30"),  # GMT by now: still local 14:30
        ("2026-11-16", "09:15:00", "06", "5", "02", "N", "20"),
    ]  # fmt: skip


def test_ids202_care_activity_rows_one_per_therapy_type_per_contact(service, referral, course):
    first, second = ids(service, course)[1:3]

    assert dataset.ids202_care_activity_rows(Referral.objects.filter(pk=referral.pk)) == [
        {"CareActId": f"{first}-{COMPUTER}", "CareContactId": first, "CodeProcAndProcStatus": COMPUTER},
        {"CareActId": f"{first}-{BOOK}", "CareContactId": first, "CodeProcAndProcStatus": BOOK},
        {"CareActId": f"{second}-{COMPUTER}", "CareContactId": second, "CodeProcAndProcStatus": COMPUTER},
    ]


def test_rows_cover_only_the_referrals_given_and_an_open_referral_has_no_discharge(
    service, team, pwp, patient, referral, course
):
    other = builders.make_referral(builders.make_patient(service, pwp, nhs_number="9990000018"), team, pwp)
    contact(pwp, other, at(12, 1), AppType.ASSESSMENT)  # booked, no outcome yet

    only_other = Referral.objects.filter(pk=other.pk)
    assert [(row["ServDischDate"], row["EndCode"]) for row in dataset.ids101_referral_rows(only_other)] == [("", "")]
    [booked] = dataset.ids201_care_contact_rows(only_other)
    assert (booked["ServiceRequestId"], booked["AttendOrDNACode"]) == (f"{service.ods_code}-{other.pk}", "")
    assert dataset.ids202_care_activity_rows(only_other) == []
    assert len(dataset.ids201_care_contact_rows(Referral.objects.all())) == len(course) + 1


def test_each_table_is_one_query(django_assert_num_queries, referral, course):
    referrals_given = Referral.objects.filter(pk=referral.pk)
    for rows_of in (dataset.ids101_referral_rows, dataset.ids201_care_contact_rows, dataset.ids202_care_activity_rows):
        with django_assert_num_queries(1):
            rows_of(referrals_given)
