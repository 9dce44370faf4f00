"""Importing again, and rows that are the same row however written (importing/validation.py, changes.py)."""

import io

import pytest
from django.core.management import CommandError, call_command

from steptwo.appointments.models import Appointment
from steptwo.dataset import tables
from steptwo.dataset.management.commands.import_dataset import Command
from steptwo.dataset.tests.test_import import (
    CONTACT,
    GAD7_CODE,
    MPI,
    PHQ9_CODE,
    REFERRAL,
    VALID,
    counts,
    import_files,
    refused,
    with_rows,
    write_files,
)

pytestmark = pytest.mark.django_db

REFERRAL_SCORES = "IDS606CodedScoreAssessmentRefer.csv"
CONTACT_SCORES = "IDS607CodedScoreAssessmentAct.csv"
STEP_TWO_KEEPS = "Step Two does not change imported records: record the change in Step Two instead"
OPEN_REFERRAL = "R1,P1,2026-01-05,A1,,"


def changed(stored, given):
    return f"Already imported with a different value: stored {stored}, file {given}; {STEP_TWO_KEEPS}"


def test_a_referral_imported_open_and_sent_again_discharged_is_refused(tmp_path, service, team, pwp):
    import_files(write_files(tmp_path, with_rows(IDS101Referral=[OPEN_REFERRAL])), service, team, pwp)
    before = counts()
    problems = refused(write_files(tmp_path), service, team, pwp)  # VALID: R1 discharged 2026-02-02, code 46
    assert [(p.file, p.row, p.column, p.message) for p in problems] == [
        (REFERRAL, 2, "EndCode", changed("(blank)", "46")),
        (REFERRAL, 2, "ServDischDate", changed("(blank)", "2026-02-02")),
    ]
    assert counts() == before


def test_a_contact_imported_without_its_outcome_and_sent_again_with_it_is_refused(tmp_path, service, team, pwp):
    contacts = ["C1,R1,2026-01-12,10:00:00,01,,02,Y,45", *VALID[tables.IDS201_CARE_CONTACT][1:]]
    import_files(write_files(tmp_path, with_rows(IDS201CareContact=contacts)), service, team, pwp)
    problems = refused(write_files(tmp_path), service, team, pwp)
    assert [(p.file, p.row, p.column, p.message) for p in problems] == [
        (CONTACT, 2, "AttendOrDNACode", changed("(blank)", "5")),
    ]
    assert Appointment.objects.get(attendance="").duration_minutes == 45


def test_each_changed_value_of_a_row_imported_before_is_listed(tmp_path, service, team, pwp):
    import_files(write_files(tmp_path), service, team, pwp)
    rows = with_rows(
        IDS001MPI=["P1,9990000042,1985-06-16,2,A"],
        IDS201CareContact=["C1,R1,2026-01-12,11:00:00,01,5,02,Y,40", *VALID[tables.IDS201_CARE_CONTACT][1:]],
        IDS202CareActivity=["C2-748051000000105,C2,748061000000108"],
        IDS607CodedScoreAssessmentAct=[
            f"C1,{GAD7_CODE},13,2026-01-12T10:10:00Z",
            *VALID[tables.IDS607_CODED_SCORE_CONTACT][1:],
        ],
    )
    problems = refused(write_files(tmp_path, rows), service, team, pwp)
    assert [(p.file, p.row, p.column, p.message) for p in problems] == [
        (MPI, 2, "PersonBirthDate", changed("1985-06-15", "1985-06-16")),
        (CONTACT, 2, "CareContTime", changed("2026-01-12 10:00:00", "2026-01-12 11:00:00")),
        (CONTACT, 2, "ClinContDurOfCareCont", changed("45", "40")),
        ("IDS202CareActivity.csv", 2, "CodeProcAndProcStatus", changed("748051000000105", "748061000000108")),
        (CONTACT_SCORES, 2, "PersScore", changed("12", "13")),
    ]


def test_a_contact_moved_to_another_referral_is_refused(tmp_path, service, team, pwp):
    import_files(write_files(tmp_path), service, team, pwp)
    rows = with_rows(
        IDS101Referral=[*VALID[tables.IDS101_REFERRAL], "R2,P1,2026-01-06,A1,,"],
        IDS201CareContact=["C1,R2,2026-01-12,10:00:00,01,5,02,Y,45", *VALID[tables.IDS201_CARE_CONTACT][1:]],
    )
    problems = refused(write_files(tmp_path, rows), service, team, pwp)
    assert [(p.file, p.row, p.column, p.message) for p in problems] == [
        (CONTACT, 2, "ServiceRequestId", changed("R1", "R2")),
    ]


def test_the_same_files_written_differently_import_again_unchanged(tmp_path, service, team, pwp):
    import_files(write_files(tmp_path), service, team, pwp)
    before = counts()
    rows = with_rows(
        IDS607CodedScoreAssessmentAct=[
            f"C1,{GAD7_CODE},12.0,2026-01-12T10:10:00Z",
            *VALID[tables.IDS607_CODED_SCORE_CONTACT][1:],
        ],
        IDS201CareContact=["C1,R1,2026-01-12,10:00,01,5,02,Y,45", *VALID[tables.IDS201_CARE_CONTACT][1:]],
    )
    result = import_files(write_files(tmp_path, rows), service, team, pwp)
    assert counts() == before
    assert result.counts[tables.IDS201_CARE_CONTACT] == (0, 3)


def test_the_command_lists_changed_values_and_imports_nothing(tmp_path, service, team, pwp):
    import_files(write_files(tmp_path, with_rows(IDS101Referral=[OPEN_REFERRAL])), service, team, pwp)
    before = counts()
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported: the files have 2 problem"):
        call_command(Command(), str(write_files(tmp_path)), "--service", service.ods_code, "--team", team.code,
                     "--by", pwp.username, stderr=err)  # fmt: skip
    assert err.getvalue().splitlines() == [
        f"IDS101Referral.csv row 2, EndCode: {changed('(blank)', '46')}",
        f"IDS101Referral.csv row 2, ServDischDate: {changed('(blank)', '2026-02-02')}",
    ]
    assert counts() == before


def test_the_same_score_moment_written_with_two_offsets_is_a_duplicate(tmp_path, service, team, pwp):
    scores = [f"R1,{PHQ9_CODE},17,2026-01-12T10:05:00+00:00", f"R1,{PHQ9_CODE},15,2026-01-12T10:05:00Z"]
    before = counts()
    problems = refused(write_files(tmp_path, with_rows(IDS606CodedScoreAssessmentRefer=scores)), service, team, pwp)
    assert [(p.file, p.row, p.column, p.message) for p in problems] == [
        (
            REFERRAL_SCORES,
            3,
            "",
            "Duplicate ServiceRequestId, CodedAssToolType, AssToolCompTimestamp: row 2 has the same",
        )
    ]
    assert counts() == before


def test_a_score_row_repeated_word_for_word_is_reported_once(tmp_path, service, team, pwp):
    scores = [f"R1,{PHQ9_CODE},17,2026-01-12T10:05:00+00:00"] * 2
    problems = refused(write_files(tmp_path, with_rows(IDS606CodedScoreAssessmentRefer=scores)), service, team, pwp)
    assert [(p.file, p.row) for p in problems] == [(REFERRAL_SCORES, 3)]


def test_a_contact_in_the_repeated_hour_of_the_autumn_clock_change_imports_again_unchanged(
    tmp_path, service, team, pwp
):
    # 01:30 on 25 Oct 2026 is ambiguous: an aware time in the fold never equals one in UTC (PEP 495).
    contacts = ["C1,R1,2026-01-12,10:00:00,01,5,02,Y,45", "C2,R1,2026-10-25,01:30:00,02,5,02,Y,30"]
    scores = VALID[tables.IDS607_CODED_SCORE_CONTACT][:1]
    rows = with_rows(IDS201CareContact=contacts, IDS607CodedScoreAssessmentAct=scores, IDS101Referral=[OPEN_REFERRAL])
    import_files(write_files(tmp_path, rows), service, team, pwp)
    result = import_files(write_files(tmp_path, rows), service, team, pwp)
    assert result.counts[tables.IDS201_CARE_CONTACT] == (0, 2)
