"""The data-set export for a small hand-built history, value by value.

October 2026 (British Summer Time ends at 02:00 on Sunday 25 October 2026): the referral fixture, received
on 1 October, is assessed at 00:30 local time on 1 October (23:30 UTC on 30 September: in October's
export), treated on 12 and 19 October (BST, +01:00), discharged on 20 October with end code 46, seen for a
follow-up on 27 October (GMT) and again at 00:30 on 1 November (in November's export only).
"""

import csv
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from steptwo.accounts.models import Role
from steptwo.appointments.codes import AppType
from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.dataset import tables
from steptwo.dataset.export import month_bounds, write_dataset
from steptwo.letters.tests.pathway import contact
from steptwo.measures import services as measures
from steptwo.outcomes.tests import histories
from steptwo.outcomes.tests.histories import answers, assess, at, day, discharge, new_referral, score, treat
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import EndCode
from steptwo.referrals.models import PresentingComplaint
from steptwo.tests import builders

pytestmark = pytest.mark.django_db
OCTOBER = month_bounds(2026, 10)


@pytest.fixture
def history(pwp, referral):
    assessment = assess(pwp, referral, at(10, 1, 0, 30))
    first, second = treat(pwp, referral, at(10, 12, 9), at(10, 19, 14, 45))
    _complaint_recorded_at(pwp, referral, at(10, 1, 0, 45))
    measures.record_response(
        by=pwp, referral=referral, instrument_id="phq9", answers=answers("phq9", 17), completed_by="clinician_session",
        appointment=assessment,
    )  # fmt: skip
    score(pwp, referral, "gad7", 12, at(10, 2, 18, 20))  # remotely, not in a contact: IDS606
    discharge(pwp, referral, day(10, 20))
    histories.unplanned(pwp, referral, at(10, 27, 9, 15), app_type=AppType.FOLLOW_UP)
    histories.unplanned(pwp, referral, at(11, 1, 0, 30), app_type=AppType.FOLLOW_UP)
    return {"assessment": assessment, "first": first, "second": second}


def export(tmp_path, manager, period=OCTOBER):
    write_dataset(service=manager.service, start=period[0], end=period[1], directory=tmp_path, by=manager)
    return {table: read(tmp_path, table) for table in tables.TABLES}


def read(directory, table):
    with (directory / tables.file_name(table)).open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        assert tuple(next(reader)) == tables.COLUMNS[table]
        return [dict(zip(tables.COLUMNS[table], row, strict=True)) for row in reader]


def test_one_file_per_table_with_the_header_row(tmp_path, manager):
    counts = write_dataset(service=manager.service, start=OCTOBER[0], end=OCTOBER[1], directory=tmp_path, by=manager)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(tables.file_name(t) for t in tables.TABLES)
    assert counts == dict.fromkeys(tables.TABLES, 0)


def test_patient_and_referral_rows(tmp_path, manager, history, referral, patient):
    ods = manager.service.ods_code
    files = export(tmp_path, manager)
    assert files[tables.IDS001_MPI] == [
        {"LocalPatientId": f"{ods}-P{patient.pk}", "NHSNumber": "9434765919", "PersonBirthDate": "1985-06-15",
         "Gender": "", "EthnicCategory": ""},
    ]  # fmt: skip
    assert files[tables.IDS101_REFERRAL] == [
        {"ServiceRequestId": f"{ods}-{referral.pk}", "LocalPatientId": f"{ods}-P{patient.pk}",
         "ReferralRequestReceivedDate": "2026-10-01", "SourceOfReferralIAPT": "A1", "ServDischDate": "2026-10-20",
         "EndCode": "46"},
    ]  # fmt: skip
    assert files[tables.IDS603_PRESENTING_COMPLAINTS] == [
        {"ServiceRequestId": f"{ods}-{referral.pk}", "PresComp": "F41.1", "PresCompCodSig": "P",
         "PresCompDate": "2026-10-01"},
    ]  # fmt: skip


def test_patient_codes_as_recorded(tmp_path, manager, pwp, team):
    patient = builders.make_patient(
        manager.service, pwp, nhs_number="9990000018", gender_identity="2", ethnic_category="A"
    )
    new_referral(patient, team, pwp)
    (row,) = export(tmp_path, manager)[tables.IDS001_MPI]
    assert (row["NHSNumber"], row["Gender"], row["EthnicCategory"]) == ("9990000018", "2", "A")


def test_care_contacts_in_local_time_across_the_change_from_summer_time(tmp_path, manager, history, referral):
    ods = manager.service.ods_code
    contacts = export(tmp_path, manager)[tables.IDS201_CARE_CONTACT]
    assert [(row["CareContDate"], row["CareContTime"], row["AppType"], row["AttendOrDNACode"],
             row["PlannedCareContIndicator"]) for row in contacts] == [
        ("2026-10-01", "00:30:00", "01", "5", "Y"),
        ("2026-10-12", "09:00:00", "02", "5", "Y"),
        ("2026-10-19", "14:45:00", "02", "5", "Y"),
        ("2026-10-27", "09:15:00", "06", "5", "N"),
    ]  # fmt: skip
    assert contacts[0] == {
        "CareContactId": f"{ods}-C{history['assessment'].pk}", "ServiceRequestId": f"{ods}-{referral.pk}",
        "CareContDate": "2026-10-01", "CareContTime": "00:30:00", "AppType": "01", "AttendOrDNACode": "5",
        "ConsMechanism": "01", "PlannedCareContIndicator": "Y", "ClinContDurOfCareCont": "30",
    }  # fmt: skip


def test_a_contact_waiting_for_its_outcome_has_no_attendance_code(tmp_path, manager, pwp, referral):
    contact(pwp, referral, at(10, 14, 16), AppType.ASSESSMENT)
    (row,) = export(tmp_path, manager)[tables.IDS201_CARE_CONTACT]
    assert (row["CareContTime"], row["AttendOrDNACode"]) == ("16:00:00", "")
    (referral_row,) = export(tmp_path, manager)[tables.IDS101_REFERRAL]
    assert (referral_row["ServDischDate"], referral_row["EndCode"]) == ("", "")


def test_a_contact_after_midnight_local_time_belongs_to_the_next_month(tmp_path, manager, history):
    november = export(tmp_path, manager, month_bounds(2026, 11))
    assert [row["CareContDate"] for row in november[tables.IDS201_CARE_CONTACT]] == ["2026-11-01"]
    # The referral ended in October, but its follow-up in November brings it into November's export.
    assert [row["ServDischDate"] for row in november[tables.IDS101_REFERRAL]] == ["2026-10-20"]


def test_scores_by_snomed_code_with_local_timestamps(tmp_path, manager, history, referral):
    ods = manager.service.ods_code
    files = export(tmp_path, manager)
    assert files[tables.IDS607_CODED_SCORE_CONTACT] == [
        {"CareContactId": f"{ods}-C{history['assessment'].pk}", "CodedAssToolType": "720433000", "PersScore": "17",
         "AssToolCompTimestamp": "2026-10-01T00:30:00+01:00"},
    ]  # fmt: skip
    assert files[tables.IDS606_CODED_SCORE_REFERRAL] == [
        {"ServiceRequestId": f"{ods}-{referral.pk}", "CodedAssToolType": "445455005", "PersScore": "12",
         "AssToolCompTimestamp": "2026-10-02T18:20:00+01:00"},
    ]  # fmt: skip


def test_a_corrected_score_exports_only_the_correction(tmp_path, manager, pwp, referral):
    original = score(pwp, referral, "phq9", 17, at(10, 3))
    measures.record_response(
        by=pwp, referral=referral, instrument_id="phq9", answers=answers("phq9", 15), completed_by="clinician_session",
        completed_at=at(10, 3), supersedes=original,
    )  # fmt: skip
    rows = export(tmp_path, manager)[tables.IDS606_CODED_SCORE_REFERRAL]
    assert [row["PersScore"] for row in rows] == ["15"]


def test_scores_and_contacts_outside_the_period_are_left_out(tmp_path, manager, pwp, referral):
    assess(pwp, referral, at(10, 5))
    score(pwp, referral, "phq9", 17, at(10, 5, 10, 5))
    files = export(tmp_path, manager, (datetime.date(2026, 10, 6), datetime.date(2026, 10, 31)))
    assert len(files[tables.IDS101_REFERRAL]) == 1
    assert files[tables.IDS201_CARE_CONTACT] == []
    assert files[tables.IDS606_CODED_SCORE_REFERRAL] == []


def test_care_activities_of_the_contacts_in_the_period(tmp_path, manager, pwp, referral):
    from steptwo.treatment import notes
    from steptwo.treatment import services as treatment
    from steptwo.treatment.codes import Intervention

    assess(pwp, referral, at(10, 5))
    (session,) = treat(pwp, referral, at(10, 12))
    plan = treatment.add_intervention(by=pwp, referral=referral, intervention=Intervention.BEHAVIOURAL_ACTIVATION)
    notes.write_note(by=pwp, appointment=session, interventions=[plan])
    (row,) = export(tmp_path, manager)[tables.IDS202_CARE_ACTIVITY]
    contact_id = f"{manager.service.ods_code}-C{session.pk}"
    assert row == {
        "CareActId": f"{contact_id}-748051000000105", "CareContactId": contact_id,
        "CodeProcAndProcStatus": "748051000000105",
    }  # fmt: skip


def test_referrals_closed_before_or_received_after_the_period_and_other_services_left_out(
    tmp_path, manager, pwp, team, patient, other_patient, other_team, other_pwp
):
    before = new_referral(patient, team, pwp, received=day(9, 1))
    discharge(pwp, before, day(9, 30), EndCode.NOT_ASSESSED)
    new_referral(patient, team, pwp, received=day(11, 1))
    builders.make_referral(other_patient, other_team, other_pwp)
    ended_on_first_day = new_referral(patient, team, pwp, received=day(9, 1))
    discharge(pwp, ended_on_first_day, day(10, 1), EndCode.NOT_ASSESSED)
    rows = export(tmp_path, manager)[tables.IDS101_REFERRAL]
    assert [row["ServiceRequestId"] for row in rows] == [f"{manager.service.ods_code}-{ended_on_first_day.pk}"]


def test_a_fixed_number_of_queries_whatever_the_size(tmp_path, manager, pwp, team, patient):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            export(tmp_path, manager)
        return len(captured)

    referral = new_referral(patient, team, pwp)
    assess(pwp, referral, at(10, 5))
    score(pwp, referral, "phq9", 17, at(10, 5, 10, 5))
    small = queries()
    for number in range(3):
        more = new_referral(builders.make_patient(manager.service, pwp, nhs_number=""), team, pwp)
        assess(pwp, more, at(10, 6, 9 + number))
        score(pwp, more, "gad7", 10, at(10, 6, 9 + number, 5))
        referrals.record_presenting_complaint(by=pwp, referral=more, code_system="ICD-10", code="F32", label="Dep")
    assert queries() == small


def test_one_audit_event_per_export_without_patient_data(tmp_path, manager, history):
    write_dataset(service=manager.service, start=OCTOBER[0], end=OCTOBER[1], directory=tmp_path, by=manager)
    event = AuditEvent.objects.filter(action=AuditAction.EXPORT).get()
    assert (event.actor_id, event.service_id, event.patient_id) == (manager.pk, manager.service.pk, None)
    assert event.detail["start"] == "2026-10-01" and event.detail["end"] == "2026-10-31"
    assert event.detail["rows"][tables.IDS201_CARE_CONTACT] == 4
    assert "9434765919" not in str(event.detail)


@pytest.mark.parametrize("role", [Role.PWP, Role.PWP_SUPERVISOR, Role.ADMIN_STAFF])
def test_only_a_service_manager_may_export(tmp_path, staff_in_role, role):
    user = staff_in_role(role)
    with pytest.raises(NotAllowed, match="Only a service manager"):
        write_dataset(service=user.service, start=OCTOBER[0], end=OCTOBER[1], directory=tmp_path, by=user)
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_manager_may_not_export_another_service(tmp_path, manager, other_service):
    with pytest.raises(NotAllowed, match="Only a service manager of this service"):
        write_dataset(service=other_service, start=OCTOBER[0], end=OCTOBER[1], directory=tmp_path, by=manager)


def test_a_period_ending_before_it_starts_is_refused(tmp_path, manager):
    with pytest.raises(NotAllowed, match="end of the reporting period"):
        write_dataset(service=manager.service, start=OCTOBER[1], end=OCTOBER[0], directory=tmp_path, by=manager)


def test_month_bounds():
    assert month_bounds(2026, 2) == (datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
    assert month_bounds(2026, 12) == (datetime.date(2026, 12, 1), datetime.date(2026, 12, 31))


def test_a_score_entered_after_the_month_goes_with_its_contact(tmp_path, manager, pwp, referral):
    """IDS607 carries the scores of the month's IDS201 contacts, whenever they were entered, so every
    CareContactId it names is in the same month's IDS201 (an importer refuses a file set otherwise)."""
    session = assess(pwp, referral, at(10, 30, 10))
    measures.record_response(
        by=pwp, referral=referral, instrument_id="phq9", answers=answers("phq9", 14), completed_by="clinician_session",
        appointment=session, completed_at=at(11, 2, 9),
    )  # fmt: skip
    contact_id = f"{manager.service.ods_code}-C{session.pk}"
    october = export(tmp_path / "october", manager)
    november = export(tmp_path / "november", manager, month_bounds(2026, 11))
    assert [row["CareContactId"] for row in october[tables.IDS607_CODED_SCORE_CONTACT]] == [contact_id]
    assert november[tables.IDS607_CODED_SCORE_CONTACT] == []
    for files in (october, november):
        contacts = {row["CareContactId"] for row in files[tables.IDS201_CARE_CONTACT]}
        assert {row["CareContactId"] for row in files[tables.IDS607_CODED_SCORE_CONTACT]} <= contacts


def test_every_contact_score_names_a_contact_of_the_same_files(tmp_path, manager, history):
    for period in (OCTOBER, month_bounds(2026, 11)):
        files = export(tmp_path / period[0].isoformat(), manager, period)
        contacts = {row["CareContactId"] for row in files[tables.IDS201_CARE_CONTACT]}
        assert {row["CareContactId"] for row in files[tables.IDS607_CODED_SCORE_CONTACT]} <= contacts
    assert len(export(tmp_path / "again", manager)[tables.IDS607_CODED_SCORE_CONTACT]) == 1


def test_a_referral_scored_remotely_after_the_month_keeps_that_score_out(tmp_path, manager, pwp, referral):
    score(pwp, referral, "gad7", 9, at(11, 2, 9))  # not in a contact: IDS606, by completion date
    assert export(tmp_path / "october", manager)[tables.IDS606_CODED_SCORE_REFERRAL] == []
    november = export(tmp_path / "november", manager, month_bounds(2026, 11))
    assert [row["PersScore"] for row in november[tables.IDS606_CODED_SCORE_REFERRAL]] == ["9"]


@pytest.mark.parametrize(("discharged", "expected"), [(day(10, 31), ("2026-10-31", "12")), (day(11, 1), ("", ""))])
def test_a_discharge_after_the_period_is_not_in_its_files(tmp_path, manager, pwp, referral, discharged, expected):
    """A past month's files are as at its end (§4): a referral discharged after it is still open in them."""
    assess(pwp, referral, at(10, 5))
    discharge(pwp, referral, discharged, EndCode.ADVICE_AND_SUPPORT)
    (row,) = export(tmp_path, manager)[tables.IDS101_REFERRAL]
    assert (row["ServDischDate"], row["EndCode"]) == expected


def _complaint_recorded_at(pwp, referral, when):
    referrals.record_presenting_complaint(
        by=pwp, referral=referral, code_system="ICD-10", code="F41.1", label="Generalized anxiety disorder"
    )
    PresentingComplaint.objects.filter(referral=referral).update(recorded_at=when)


@pytest.mark.parametrize(
    ("recorded", "in_october"),
    [(at(10, 31, 23, 59), True), (at(11, 1, 0, 1), False)],  # local time (GMT): 00:01 on 1 Nov is November's
)
def test_presenting_complaints_recorded_after_the_period_are_left_out(
    tmp_path, manager, pwp, referral, recorded, in_october
):
    _complaint_recorded_at(pwp, referral, recorded)
    rows = export(tmp_path, manager)[tables.IDS603_PRESENTING_COMPLAINTS]
    assert [row["PresCompDate"] for row in rows] == (["2026-10-31"] if in_october else [])
