"""manage.py import_dataset and services.import_dataset: checked first, all or nothing, idempotent."""

import io
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from steptwo.accounts.models import Role
from steptwo.appointments.models import Appointment
from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction, AuditEvent
from steptwo.dataset import services, tables
from steptwo.dataset.importing.problems import Problem
from steptwo.dataset.management.commands.import_dataset import Command
from steptwo.dataset.models import ImportedRecord
from steptwo.measures.models import CompletedBy, ItemAnswer, QuestionnaireResponse, ResponseStatus
from steptwo.patients.models import Patient
from steptwo.referrals.codes import ReferralStatus
from steptwo.referrals.models import Discharge, PresentingComplaint, Referral
from steptwo.tests import builders
from steptwo.treatment.models import PlannedIntervention, SessionNote

pytestmark = pytest.mark.django_db

GOLDEN = Path(__file__).parent / "golden"
PHQ9_CODE, GAD7_CODE = "720433000", "445455005"
MPI, REFERRAL, CONTACT = "IDS001MPI.csv", "IDS101Referral.csv", "IDS201CareContact.csv"
# A small valid file set: one patient, one discharged referral with an assessment and two treatment
# contacts, a care activity, a problem descriptor and scores at referral and contact level.
VALID = {
    tables.IDS001_MPI: ["P1,9990000042,1985-06-15,2,A"],
    tables.IDS101_REFERRAL: ["R1,P1,2026-01-05,A1,2026-02-02,46"],
    tables.IDS201_CARE_CONTACT: [
        "C1,R1,2026-01-12,10:00:00,01,5,02,Y,45",
        "C2,R1,2026-01-19,10:00:00,02,5,02,Y,30",
        "C3,R1,2026-01-26,10:00:00,02,5,02,Y,30",
    ],
    tables.IDS202_CARE_ACTIVITY: ["C2-748051000000105,C2,748051000000105"],
    tables.IDS603_PRESENTING_COMPLAINTS: ["R1,F41.1,P,2026-01-12"],
    tables.IDS606_CODED_SCORE_REFERRAL: [f"R1,{PHQ9_CODE},17,2026-01-12T10:05:00+00:00"],
    tables.IDS607_CODED_SCORE_CONTACT: [
        f"C1,{GAD7_CODE},12,2026-01-12T10:10:00+00:00",
        f"C3,{PHQ9_CODE},6,2026-01-26T10:05:00+00:00",
        f"C3,{GAD7_CODE},5,2026-01-26T10:10:00+00:00",
    ],
}


def write_files(directory, rows=VALID, leave_out=()):
    for table in tables.TABLES:
        if table in leave_out:
            continue
        lines = [",".join(tables.COLUMNS[table]), *rows.get(table, ())]
        (directory / tables.file_name(table)).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return directory


def with_rows(**changes):
    """VALID with some tables' rows replaced: with_rows(IDS201CareContact=[...])."""
    return VALID | changes


def import_files(directory, service, team, by):
    return services.import_dataset(by=by, service=service, team=team, directory=directory)


def refused(directory, service, team, by):
    with pytest.raises(services.ImportRefused) as error:
        import_files(directory, service, team, by)
    return error.value.problems


def counts():
    return {model.__name__: model.objects.count() for model in (
        Patient, Referral, Appointment, Discharge, PresentingComplaint, QuestionnaireResponse, PlannedIntervention,
        SessionNote, ImportedRecord,
    )}  # fmt: skip


# --- Refused files: every problem listed, nothing written


def test_malformed_files_are_refused_with_every_problem_listed_and_nothing_imported(tmp_path, service, team, pwp):
    before = counts()
    contacts = [
        "C1,R1,2026-13-01,10:00:00,01,5,02,Y,45",  # row 2: bad date
        "C2,R1,2026-01-19,10:00:00,04,5,02,Y,30",  # row 3: unknown AppType (§4.2 has no 04)
        "C3,R1,2026-01-26,10:00:00,02,5,02,Y,30",
        "C3,R1,2026-01-27,10:00:00,02,5,02,Y,30",  # row 5: duplicate CareContactId
        "C4,R9,2026-01-28,10:00:00,02,5,02,Y,30",  # row 6: dangling ServiceRequestId
    ]
    problems = refused(write_files(tmp_path, with_rows(IDS201CareContact=contacts)), service, team, pwp)
    assert [(p.file, p.row, p.column) for p in problems] == [
        (CONTACT, 2, "CareContDate"),
        (CONTACT, 3, "AppType"),
        (CONTACT, 5, "CareContactId"),
        (CONTACT, 6, "ServiceRequestId"),
    ]
    assert [p.message for p in problems] == [
        "'2026-13-01' is not a date in the form YYYY-MM-DD",
        "'04' is not a AppType (§4.2) code",
        "Duplicate CareContactId: row 4 has the same",
        "'R9' is not in IDS101Referral.csv",
    ]
    assert counts() == before
    assert not AuditEvent.objects.filter(action=AuditAction.CREATE, detail__command="import_dataset").exists()


def test_problems_in_several_files_are_all_listed(tmp_path, service, team, pwp):
    rows = with_rows(
        IDS001MPI=["P1,9990000043,1985-06-15,7,A"],  # NHS number fails its check digit; gender 7 unknown
        IDS101Referral=["R1,P2,2026-01-05,Z9,2026-01-02,"],  # dangling patient, unknown source, no end code, early
        IDS603PresentingComplaints=["R1,flu,Q,"],
        IDS606CodedScoreAssessmentRefer=[f"R1,{PHQ9_CODE},28,2026-01-12"],  # above 27; not a timestamp
        IDS607CodedScoreAssessmentAct=["C1,123456789,5,2026-01-12T10:10:00+00:00"],  # unknown score code
    )
    problems = refused(write_files(tmp_path, rows), service, team, pwp)
    assert [(p.file, p.row, p.column) for p in problems] == [
        (MPI, 2, "Gender"), (MPI, 2, "NHSNumber"),
        (REFERRAL, 2, "EndCode"), (REFERRAL, 2, "LocalPatientId"), (REFERRAL, 2, "ServDischDate"),
        (REFERRAL, 2, "SourceOfReferralIAPT"),
        ("IDS603PresentingComplaints.csv", 2, "PresComp"), ("IDS603PresentingComplaints.csv", 2, "PresCompCodSig"),
        ("IDS603PresentingComplaints.csv", 2, "PresCompDate"),
        ("IDS606CodedScoreAssessmentRefer.csv", 2, "AssToolCompTimestamp"),
        ("IDS606CodedScoreAssessmentRefer.csv", 2, "PersScore"),
        ("IDS607CodedScoreAssessmentAct.csv", 2, "CodedAssToolType"),
    ]  # fmt: skip
    messages = {(p.file, p.column): p.message for p in problems}
    assert (
        messages[(REFERRAL, "ServDischDate")] == "The discharge date is before the referral was received (2026-01-05)"
    )
    assert messages[("IDS606CodedScoreAssessmentRefer.csv", "PersScore")] == "28 is outside the PHQ-9 range, 0 to 27"
    assert Patient.objects.count() == 0


@pytest.mark.parametrize(
    ("contact", "column", "message"),
    [
        ("C1,R1,2026-01-12,10:00:00,01,5,03,Y,45", "ConsMechanism",
         "'03' (telemedicine web camera) is a data set v2.0 code; recode it to v2.1 (§4.3)"),
        ("C1,R1,2026-01-12,25:00:00,01,5,02,Y,45", "CareContTime", "'25:00:00' is not a time of day"),
        ("C1,R1,2026-01-12,10:00:00,01,9,02,Y,45", "AttendOrDNACode", "'9' is not a AttendOrDNACode (§3.1) code"),
        ("C1,R1,2026-01-12,10:00:00,01,5,02,X,45", "PlannedCareContIndicator", "'X' is not Y (planned) or N (unplanned)"),
        ("C1,R1,2026-01-12,10:00:00,01,5,02,Y,-5", "ClinContDurOfCareCont",
         "'-5' is not a whole number of minutes from 0 to 32767"),
        ("C1,R1,,10:00:00,01,5,02,Y,45", "CareContDate", "A value is required"),
    ],
)  # fmt: skip
def test_each_contact_value_is_checked(tmp_path, service, team, pwp, contact, column, message):
    rows = with_rows(IDS201CareContact=[contact, *VALID[tables.IDS201_CARE_CONTACT][1:]])
    problems = refused(write_files(tmp_path, rows), service, team, pwp)
    assert problems == [Problem(CONTACT, 2, column, message)]


def test_a_v15_end_code_and_a_high_intensity_therapy_type_are_refused(tmp_path, service, team, pwp):
    rows = with_rows(
        IDS101Referral=["R1,P1,2026-01-05,A1,2026-02-02,42"],
        IDS202CareActivity=["C2-304891004,C2,304891004"],  # CBT: high intensity (§4.5)
    )
    problems = refused(write_files(tmp_path, rows), service, team, pwp)
    assert [(p.file, p.column) for p in problems] == [
        (REFERRAL, "EndCode"),
        ("IDS202CareActivity.csv", "CodeProcAndProcStatus"),
    ]


def test_wrong_headers_and_a_missing_required_file_are_refused(tmp_path, service, team, pwp):
    write_files(tmp_path, leave_out=(tables.IDS101_REFERRAL,))
    (tmp_path / MPI).write_text("LocalPatientId,NHSNumber,PersonBirthDate,Sex,EthnicCategory\n", encoding="utf-8")
    problems = refused(tmp_path, service, team, pwp)
    assert problems == [
        Problem(MPI, 1, "Gender", "The header is missing this column"),
        Problem(MPI, 1, "Sex", "Unknown column: the header must name exactly "
                "LocalPatientId, NHSNumber, PersonBirthDate, Gender, EthnicCategory"),
        Problem(REFERRAL, 0, "", "The file is missing: it is required"),
    ]  # fmt: skip


def test_a_row_with_too_many_values_is_refused(tmp_path, service, team, pwp):
    problems = refused(write_files(tmp_path, with_rows(IDS001MPI=["P1,,1985-06-15,2,A,extra"])), service, team, pwp)
    assert problems[0] == Problem(MPI, 2, "", "The row has 6 values; the header has 5")


def test_an_nhs_number_held_by_a_patient_of_the_service_is_refused(tmp_path, service, team, pwp):
    builders.make_patient(service, pwp, nhs_number="9990000042")
    problems = refused(write_files(tmp_path), service, team, pwp)
    assert problems == [Problem(MPI, 2, "NHSNumber",
                                "A patient with this NHS number is already in the service; merge or remove them first")]  # fmt: skip


def test_the_team_must_be_the_services_and_the_user_its_staff(tmp_path, service, team, pwp, other_team, other_pwp):
    write_files(tmp_path)
    with pytest.raises(NotAllowed, match="is not a team of"):
        import_files(tmp_path, service, other_team, pwp)
    with pytest.raises(NotAllowed, match="is not a member of staff of"):
        import_files(tmp_path, service, team, other_pwp)


# --- What an import makes


def test_optional_files_may_be_left_out(tmp_path, service, team, pwp):
    optional = (tables.IDS202_CARE_ACTIVITY, tables.IDS603_PRESENTING_COMPLAINTS, tables.IDS606_CODED_SCORE_REFERRAL,
                tables.IDS607_CODED_SCORE_CONTACT)  # fmt: skip
    result = import_files(write_files(tmp_path, leave_out=optional), service, team, pwp)
    assert result.counts[tables.IDS201_CARE_CONTACT] == (3, 0)
    assert result.counts[tables.IDS607_CODED_SCORE_CONTACT] == (0, 0)


def test_imported_scores_are_completed_imported_totals_without_item_answers(tmp_path, service, team, pwp):
    import_files(write_files(tmp_path), service, team, pwp)
    responses = QuestionnaireResponse.objects.order_by("completed_at")
    assert [(r.instrument_id, r.total, r.band) for r in responses] == [
        ("phq9", Decimal(17), "Moderately severe"), ("gad7", Decimal(12), "Moderate"),
        ("phq9", Decimal(6), "Mild"), ("gad7", Decimal(5), "Mild"),
    ]  # fmt: skip
    assert {(r.status, r.completed_by) for r in responses} == {(ResponseStatus.COMPLETED, CompletedBy.IMPORTED)}
    assert not ItemAnswer.objects.exists()
    contact_scores = responses.exclude(appointment=None)
    assert {r.appointment.referral_id for r in contact_scores} == {responses[0].referral_id}
    assert responses[0].appointment is None  # IDS606: referral level


def test_imported_records_are_credited_to_the_inactive_import_account(tmp_path, service, team, pwp):
    import_files(write_files(tmp_path), service, team, pwp)
    account = Appointment.objects.first().practitioner
    assert (str(account), account.is_active, account.has_usable_password(), account.role) == (
        "Imported from previous system", False, False, Role.ADMIN_STAFF,
    )  # fmt: skip
    assert not account.teams.exists()
    referral = Referral.objects.get()
    assert (referral.practitioner, referral.created_by, referral.discharge.recorded_by) == (account, account, account)
    assert {r.recorded_by for r in QuestionnaireResponse.objects.all()} == {account}
    assert (referral.status, referral.team, referral.discharge.end_code) == (ReferralStatus.DISCHARGED, team, "46")


def test_imported_patients_have_placeholder_names_and_their_data_set_details(tmp_path, service, team, pwp):
    import_files(write_files(tmp_path), service, team, pwp)
    patient = Patient.objects.get()
    assert (patient.full_name, patient.nhs_number, str(patient.date_of_birth)) == (
        "Imported patient P1", "9990000042", "1985-06-15",
    )  # fmt: skip
    assert (patient.gender_identity, patient.ethnic_category, patient.consent_to_letters) == ("2", "A", False)


def test_open_referrals_are_left_unallocated_with_a_status_from_their_contacts(tmp_path, service, team, pwp):
    rows = with_rows(
        IDS101Referral=["R1,P1,2026-01-05,A1,,", "R2,P1,2026-01-05,B1,,", "R3,P1,2026-01-05,B1,,"],
        IDS201CareContact=["C1,R1,2026-01-12,10:00:00,01,5,02,Y,45", "C2,R2,2026-01-12,10:00:00,02,,02,N,"],
        IDS202CareActivity=[], IDS607CodedScoreAssessmentAct=[],
    )  # fmt: skip
    import_files(write_files(tmp_path, rows), service, team, pwp)
    referrals = Referral.objects.order_by("pk")
    assert [(r.status, r.practitioner) for r in referrals] == [
        (ReferralStatus.ASSESSED, None), (ReferralStatus.IN_TREATMENT, None), (ReferralStatus.WAITING, None),
    ]  # fmt: skip
    unplanned = Appointment.objects.get(planned=False)
    assert (unplanned.attendance, unplanned.duration_minutes) == ("", 0)


def test_care_activities_become_an_ended_plan_item_and_a_final_note(tmp_path, service, team, pwp):
    import_files(write_files(tmp_path), service, team, pwp)
    intervention = PlannedIntervention.objects.get()
    note = SessionNote.objects.get()
    assert (intervention.therapy_type, intervention.ended_at is not None) == ("748051000000105", True)
    assert (note.appointment.starts_at.date().isoformat(), note.session_number, note.status) == (
        "2026-01-19",
        1,
        "final",
    )
    assert list(note.interventions.all()) == [intervention]


def test_presenting_complaints_keep_their_date_and_significance(tmp_path, service, team, pwp):
    rows = with_rows(IDS603PresentingComplaints=[
        "R1,F411,P,2026-01-12", "R1,83482000,S,2026-01-19", "R1,F42.1,S,2026-01-20", "R1,F43.2,S,2026-01-21",
    ])  # fmt: skip
    import_files(write_files(tmp_path, rows), service, team, pwp)
    complaints = PresentingComplaint.objects.order_by("recorded_at")
    assert [(c.code_system, c.code, c.primary, c.label, c.recorded_at.isoformat()) for c in complaints] == [
        ("ICD-10", "F41.1", True, "Generalized anxiety disorder", "2026-01-12T00:00:00+00:00"),
        ("SNOMED CT", "83482000", False, "Body dysmorphic disorder", "2026-01-19T00:00:00+00:00"),
        ("ICD-10", "F42.1", False, "Obsessive-compulsive disorder", "2026-01-20T00:00:00+00:00"),  # F42's label
        ("ICD-10", "F43.2", False, "", "2026-01-21T00:00:00+00:00"),  # not in the list: code only
    ]


def test_an_import_is_audited_once_with_counts_and_no_patient_data(tmp_path, service, team, pwp):
    import_files(write_files(tmp_path), service, team, pwp)
    event = AuditEvent.objects.get(detail__command="import_dataset")
    assert (event.actor_id, event.service_id, event.patient_id, event.action) == (
        pwp.pk, service.pk, None, AuditAction.CREATE,
    )  # fmt: skip
    assert event.detail["created"] == {
        "IDS001MPI": 1, "IDS101Referral": 1, "IDS201CareContact": 3, "IDS202CareActivity": 1,
        "IDS603PresentingComplaints": 1, "IDS606CodedScoreAssessmentRefer": 1, "IDS607CodedScoreAssessmentAct": 3,
    }  # fmt: skip


# --- Importing again


def test_importing_the_same_files_again_changes_nothing(tmp_path, service, team, pwp):
    shutil.copytree(GOLDEN, tmp_path / "golden")
    import_files(tmp_path / "golden", service, team, pwp)
    before = counts()
    result = import_files(tmp_path / "golden", service, team, pwp)
    assert counts() == before
    assert all(created == 0 for created, _ in result.counts.values())
    assert result.counts[tables.IDS101_REFERRAL] == (0, 36)


def test_new_rows_in_a_later_import_join_the_records_imported_before(tmp_path, service, team, pwp):
    import_files(write_files(tmp_path), service, team, pwp)
    contacts = [*VALID[tables.IDS201_CARE_CONTACT], "C4,R1,2026-03-02,10:00:00,06,5,02,Y,20"]
    scores = [*VALID[tables.IDS607_CODED_SCORE_CONTACT], f"C4,{PHQ9_CODE},4,2026-03-02T10:05:00+00:00"]
    activities = [*VALID[tables.IDS202_CARE_ACTIVITY], "C2-748061000000108,C2,748061000000108"]
    rows = with_rows(IDS201CareContact=contacts, IDS607CodedScoreAssessmentAct=scores, IDS202CareActivity=activities)
    result = import_files(write_files(tmp_path, rows), service, team, pwp)
    assert result.counts[tables.IDS201_CARE_CONTACT] == (1, 3)
    assert result.counts[tables.IDS202_CARE_ACTIVITY] == (1, 1)
    referral = Referral.objects.get()
    assert referral.appointments.count() == 4 and referral.responses.count() == 5
    assert SessionNote.objects.get().interventions.count() == 2


# --- The command


def run(*arguments):
    out, err = io.StringIO(), io.StringIO()
    call_command(Command(), *arguments, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_prints_the_imported_totals(tmp_path, service, team, pwp):
    out, _ = run(str(GOLDEN), "--service", service.ods_code, "--team", team.code, "--by", pwp.username)
    assert f"Imported into {service.name} ({service.ods_code}), team {team.code}:" in out
    assert "  IDS101Referral.csv: 36 new" in out and "  IDS607CodedScoreAssessmentAct.csv: 148 new" in out
    out, _ = run(str(GOLDEN), "--service", service.ods_code, "--team", team.code, "--by", pwp.username)
    assert "  IDS101Referral.csv: 0 new (36 imported before, unchanged)" in out


def test_command_lists_every_problem_and_fails(tmp_path, service, team, pwp):
    write_files(tmp_path, with_rows(IDS001MPI=["P1,,1985-02-30,2,A"], IDS101Referral=["R1,P1,2026-01-05,A1,,99"]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported: the files have 3 problem"):
        call_command(Command(), str(tmp_path), "--service", service.ods_code, "--team", team.code, "--by",
                     pwp.username, stderr=err)  # fmt: skip
    assert err.getvalue().splitlines() == [
        "IDS001MPI.csv row 2, PersonBirthDate: '1985-02-30' is not a date in the form YYYY-MM-DD",
        "IDS101Referral.csv row 2, EndCode: '99' is not a EndCode (§4.4) code",
        "IDS101Referral.csv row 2, ServDischDate: A referral with an end code needs its discharge date",
    ]


def test_command_refuses_an_unknown_service_team_or_user(tmp_path, service, team, pwp):
    with pytest.raises(CommandError, match="No service has ODS code XXX"):
        run(str(GOLDEN), "--service", "XXX", "--team", team.code, "--by", pwp.username)
    with pytest.raises(CommandError, match="has no team NOPE"):
        run(str(GOLDEN), "--service", service.ods_code, "--team", "NOPE", "--by", pwp.username)
    with pytest.raises(CommandError, match="No active user nobody"):
        run(str(GOLDEN), "--service", service.ods_code, "--team", team.code, "--by", "nobody")
