"""Checking every row of every file before anything is written, and reading it into Python values.

Each problem names its file, row and column (problems.Problem). Checked: required values present; dates,
times, timestamps and numbers well formed; codes in the code lists (values.py, domain reference §3.1,
§4.2-§4.7, §8.5); identifiers unique in their file; references to a row of another file present
(a contact's ServiceRequestId in IDS101Referral, a care activity's CareContactId in IDS201CareContact,
a referral's LocalPatientId in IDS001MPI); a discharge date with its end code and not before the
referral was received; an NHS number not already used by a patient of the service who was not imported
from these files.
"""

import datetime
from dataclasses import dataclass

from steptwo.dataset import score_codes, tables
from steptwo.dataset.importing import values
from steptwo.dataset.importing.problems import Problem
from steptwo.measures import instruments
from steptwo.patients.models import Patient

MAX_ID_LENGTH = 100  # LocalPatientId becomes part of the patient's placeholder name (writing.py)

# The column holding each table's own identifier; the other tables' rows are keyed by the columns that
# make one unique (a second row with the same key is a duplicate).
ID_COLUMNS = {
    tables.IDS001_MPI: "LocalPatientId",
    tables.IDS101_REFERRAL: "ServiceRequestId",
    tables.IDS201_CARE_CONTACT: "CareContactId",
    tables.IDS202_CARE_ACTIVITY: "CareActId",
}
SOURCE_KEYS = {
    tables.IDS603_PRESENTING_COMPLAINTS: ("ServiceRequestId", "PresComp", "PresCompCodSig", "PresCompDate"),
    tables.IDS606_CODED_SCORE_REFERRAL: ("ServiceRequestId", "CodedAssToolType", "AssToolCompTimestamp"),
    tables.IDS607_CODED_SCORE_CONTACT: ("CareContactId", "CodedAssToolType", "AssToolCompTimestamp"),
}
# Which file each reference column points into.
REFERENCES = {
    (tables.IDS101_REFERRAL, "LocalPatientId"): tables.IDS001_MPI,
    (tables.IDS201_CARE_CONTACT, "ServiceRequestId"): tables.IDS101_REFERRAL,
    (tables.IDS202_CARE_ACTIVITY, "CareContactId"): tables.IDS201_CARE_CONTACT,
    (tables.IDS603_PRESENTING_COMPLAINTS, "ServiceRequestId"): tables.IDS101_REFERRAL,
    (tables.IDS606_CODED_SCORE_REFERRAL, "ServiceRequestId"): tables.IDS101_REFERRAL,
    (tables.IDS607_CODED_SCORE_CONTACT, "CareContactId"): tables.IDS201_CARE_CONTACT,
}


@dataclass(frozen=True)
class Record:
    """A checked row: its line in the file, its source id (ImportedRecord.source_id) and its values."""

    number: int
    source_id: str
    fields: dict


def validate(files, *, service, imported_patients):
    """({table: [Record]}, [Problem]) for the files read (reading.read_directory).

    imported_patients: LocalPatientIds already imported into the service (their NHS numbers are theirs).
    """
    problems = []
    ids = _identifiers(files, problems)
    records = {}
    for table, table_file in files.items():
        records[table] = []
        for row in table_file.rows:
            check = _Check(table_file.name, row)
            fields = READERS[table](check)
            _check_references(check, table, ids, files)
            problems.extend(check.problems)
            if not check.problems:
                records[table].append(Record(row.number, _source_id(table, row.values, fields), fields))
    problems.extend(_duplicate_keys(files, records))
    problems.extend(_nhs_number_problems(files, records, service, imported_patients))
    return records, sorted(problems)


class _Check:
    """Reads one row's values, collecting a problem for each value that is missing or wrong."""

    def __init__(self, file, row):
        self.file, self.row, self.problems = file, row, []

    def text(self, column):
        return self.row.values[column]

    def required(self, column, reader, *arguments):
        if not self.text(column):
            self.problem(column, "A value is required")
            return None
        return self.optional(column, reader, *arguments)

    def optional(self, column, reader, *arguments):
        if not self.text(column):
            return None
        try:
            return reader(self.text(column), *arguments)
        except values.Invalid as error:
            self.problem(column, str(error))
            return None

    def problem(self, column, message):
        self.problems.append(Problem(self.file, self.row.number, column, message))


def _identifier(text):
    if len(text) > MAX_ID_LENGTH:
        raise values.Invalid(f"An identifier can be at most {MAX_ID_LENGTH} characters")
    return text


def _patient(check):
    return {
        "local_id": check.required("LocalPatientId", _identifier),
        "nhs_number": check.optional("NHSNumber", values.nhs) or "",
        "date_of_birth": check.required("PersonBirthDate", values.date),
        "gender_identity": check.optional("Gender", values.gender) or "",
        "ethnic_category": check.optional("EthnicCategory", values.ethnic_category) or "",
    }


def _referral(check):
    fields = {
        "local_id": check.required("ServiceRequestId", _identifier),
        "patient": check.required("LocalPatientId", _identifier),
        "received_date": check.required("ReferralRequestReceivedDate", values.date),
        "source": check.required("SourceOfReferralIAPT", values.source_of_referral),
        "discharge_date": check.optional("ServDischDate", values.date),
        "end_code": check.optional("EndCode", values.end_code),
    }
    if check.text("ServDischDate") and not check.text("EndCode"):
        check.problem("EndCode", "A discharged referral (with a ServDischDate) needs its end code")
    if check.text("EndCode") and not check.text("ServDischDate"):
        check.problem("ServDischDate", "A referral with an end code needs its discharge date")
    received, discharged = fields["received_date"], fields["discharge_date"]
    if received and discharged and discharged < received:
        check.problem("ServDischDate", f"The discharge date is before the referral was received ({received})")
    return fields


def _care_contact(check):
    day = check.required("CareContDate", values.date)
    time_of_day = check.optional("CareContTime", values.time) or datetime.time()
    return {
        "local_id": check.required("CareContactId", _identifier),
        "referral": check.required("ServiceRequestId", _identifier),
        "starts_at": values.local_datetime(day, time_of_day) if day else None,
        "app_type": check.required("AppType", values.app_type),
        "attendance": check.optional("AttendOrDNACode", values.attendance) or "",
        "mechanism": check.required("ConsMechanism", values.mechanism),
        "planned": check.required("PlannedCareContIndicator", values.planned),
        "duration_minutes": check.optional("ClinContDurOfCareCont", values.whole_number) or 0,
    }


def _care_activity(check):
    return {
        "local_id": check.required("CareActId", _identifier),
        "contact": check.required("CareContactId", _identifier),
        "therapy_type": check.required("CodeProcAndProcStatus", values.therapy_type),
    }


def _presenting_complaint(check):
    return {
        "referral": check.required("ServiceRequestId", _identifier),
        "descriptor": check.required("PresComp", values.problem_descriptor),
        "primary": check.required("PresCompCodSig", values.significance),
        "date": check.required("PresCompDate", values.date),
    }


def _coded_score(parent_column):
    def read(check):
        instrument_id = check.required("CodedAssToolType", _instrument)
        instrument = instruments.get(instrument_id) if instrument_id else None
        return {
            "parent": check.text(parent_column) or check.required(parent_column, _identifier),
            "instrument_id": instrument_id,
            "total": check.required("PersScore", values.score, instrument) if instrument else None,
            "completed_at": check.required("AssToolCompTimestamp", values.timestamp),
        }

    return read


def _instrument(text):
    instrument_id = score_codes.instrument_for(text)
    if instrument_id is None:
        raise values.Invalid(f"{text!r} is not the total-score code of a measure Step Two records (§8.5)")
    return instrument_id


READERS = {
    tables.IDS001_MPI: _patient,
    tables.IDS101_REFERRAL: _referral,
    tables.IDS201_CARE_CONTACT: _care_contact,
    tables.IDS202_CARE_ACTIVITY: _care_activity,
    tables.IDS603_PRESENTING_COMPLAINTS: _presenting_complaint,
    tables.IDS606_CODED_SCORE_REFERRAL: _coded_score("ServiceRequestId"),
    tables.IDS607_CODED_SCORE_CONTACT: _coded_score("CareContactId"),
}


def _identifiers(files, problems):
    """{table: set of ids in its file}, adding a problem for each id that repeats an earlier row's (keyed
    tables' duplicates are found on their read values: _duplicate_keys)."""
    ids = {}
    for table, table_file in files.items():
        seen = {}
        for row in table_file.rows:
            key = _key(table, row.values)
            if not key:
                continue
            if key in seen and table in ID_COLUMNS:
                problems.append(_duplicate(table_file.name, row.number, table, seen[key]))
            else:
                seen.setdefault(key, row.number)
        ids[table] = set(seen)
    return ids


def _duplicate_keys(files, records):
    """A problem for each checked row of a keyed table whose source id repeats an earlier row's: compared
    once read, so one moment written "+00:00" in one row and "Z" in another is the same key."""
    problems = []
    for table in SOURCE_KEYS:
        seen = {}
        for record in records[table]:
            if record.source_id in seen:
                problems.append(_duplicate(files[table].name, record.number, table, seen[record.source_id]))
            else:
                seen[record.source_id] = record.number
    return problems


def _duplicate(file_name, row_number, table, first_row):
    what = ID_COLUMNS.get(table) or ", ".join(SOURCE_KEYS[table])
    return Problem(file_name, row_number, ID_COLUMNS.get(table, ""), f"Duplicate {what}: row {first_row} has the same")


def _key(table, row_values):
    if table in ID_COLUMNS:
        return row_values[ID_COLUMNS[table]]
    return "|".join(row_values[column] for column in SOURCE_KEYS[table])


def _check_references(check, table, ids, files):
    for (from_table, column), to_table in REFERENCES.items():
        value = check.text(column) if from_table == table else None
        if value and files[to_table].readable and value not in ids[to_table]:
            check.problem(column, f"{value!r} is not in {tables.file_name(to_table)}")


def _source_id(table, row_values, fields):
    if table in ID_COLUMNS:
        return row_values[ID_COLUMNS[table]]
    if "completed_at" in fields:  # the same moment, however its offset was written
        utc = fields["completed_at"].astimezone(datetime.UTC)
        return f"{row_values[SOURCE_KEYS[table][0]]}|{row_values['CodedAssToolType']}|{utc:%Y-%m-%dT%H:%M:%S.%fZ}"
    return _key(table, row_values)


def _nhs_number_problems(files, records, service, imported_patients):
    """An NHS number is unique in a service: one already held by a patient not imported from these files
    (nor from an earlier import of them) is refused, since the person may be the same or the number wrong."""
    wanted = {
        record.fields["nhs_number"]: record
        for record in records[tables.IDS001_MPI]
        if record.fields["nhs_number"] and record.source_id not in imported_patients
    }
    held = Patient.objects.filter(service=service).exclude(nhs_number="").values_list("nhs_number", flat=True)
    taken = sorted(set(held.iterator()) & set(wanted))
    name = files[tables.IDS001_MPI].name
    problems = [
        Problem(
            name,
            wanted[number].number,
            "NHSNumber",
            "A patient with this NHS number is already in the service; merge or remove them first",
        )
        for number in taken
    ]
    seen = {}
    for record in records[tables.IDS001_MPI]:
        number = record.fields["nhs_number"]
        if number and number in seen:
            problems.append(Problem(name, record.number, "NHSNumber", f"Row {seen[number]} has the same NHS number"))
        seen.setdefault(number, record.number)
    return problems
