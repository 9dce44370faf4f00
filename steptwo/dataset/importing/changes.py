"""Rows imported before whose values have changed: a problem for each changed value, so the import is refused.

An import never changes what an earlier one made (writing.py skips rows already imported), so a row sent
again with a different value (a referral imported while open and re-sent with its ServDischDate and EndCode,
a contact imported without AttendOrDNACode and re-sent with it) would otherwise be dropped without a word.
Instead every such value is listed, with what Step Two holds and what the file says, and nothing is imported:
the change is made in Step Two itself, where it is recorded and audited as a change by a person. Rows sent
again unchanged are not problems: importing the same files again changes nothing.

Compared with what Step Two holds now, so a record changed in Step Two since its import (an appointment
outcome recorded, a referral discharged) also differs from a file re-sent without that change.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from steptwo.appointments.models import Appointment
from steptwo.dataset import tables
from steptwo.dataset.importing.problems import Problem
from steptwo.dataset.models import ImportedRecord
from steptwo.measures.models import QuestionnaireResponse
from steptwo.outcomes.sql import InIds
from steptwo.patients.models import Patient
from steptwo.referrals.models import Referral
from steptwo.treatment.models import PlannedIntervention

# {table: (model, {data-set column: (Record.fields key, stored field)})}. A stored field naming another
# table (a parent) is compared by the parent's source id. IDS603 rows are keyed by all their columns
# (validation.SOURCE_KEYS), so a changed one is a new row, not a changed value.
COMPARED = {
    tables.IDS001_MPI: (Patient, {
        "NHSNumber": ("nhs_number", "nhs_number"),
        "PersonBirthDate": ("date_of_birth", "date_of_birth"),
        "Gender": ("gender_identity", "gender_identity"),
        "EthnicCategory": ("ethnic_category", "ethnic_category"),
    }),
    tables.IDS101_REFERRAL: (Referral, {
        "LocalPatientId": ("patient", ("patient_id", tables.IDS001_MPI)),
        "ReferralRequestReceivedDate": ("received_date", "received_date"),
        "SourceOfReferralIAPT": ("source", "source"),
        "ServDischDate": ("discharge_date", "discharge__discharge_date"),
        "EndCode": ("end_code", "discharge__end_code"),
    }),
    tables.IDS201_CARE_CONTACT: (Appointment, {
        "ServiceRequestId": ("referral", ("referral_id", tables.IDS101_REFERRAL)),
        "CareContDate": ("starts_at", "starts_at"),
        "AppType": ("app_type", "app_type"),
        "AttendOrDNACode": ("attendance", "attendance"),
        "ConsMechanism": ("mechanism", "mechanism"),
        "PlannedCareContIndicator": ("planned", "planned"),
        "ClinContDurOfCareCont": ("duration_minutes", "duration_minutes"),
    }),
    tables.IDS202_CARE_ACTIVITY: (PlannedIntervention, {
        "CodeProcAndProcStatus": ("therapy_type", "therapy_type"),
    }),
    tables.IDS606_CODED_SCORE_REFERRAL: (QuestionnaireResponse, {"PersScore": ("total", "total")}),
    tables.IDS607_CODED_SCORE_CONTACT: (QuestionnaireResponse, {"PersScore": ("total", "total")}),
}  # fmt: skip


def changed_values(files, records, *, service):
    """[Problem] for each value of a row imported before into `service` that differs from what is stored."""
    imported = _imported(service)
    problems = []
    for table, (model, columns) in COMPARED.items():
        again = [record for record in records.get(table, ()) if record.source_id in imported[table]]
        if not again:
            continue
        stored = _stored(model, columns, [imported[table][record.source_id] for record in again])
        for record in again:
            row = stored.get(imported[table][record.source_id])
            if row is None:  # the record made was removed since: nothing to compare
                continue
            for column, (key, field) in columns.items():
                held = _parent_id(imported, field, row) if isinstance(field, tuple) else row[field]
                given = record.fields[key]
                if not _same(held, given):
                    where = _column(column, held, given)
                    problems.append(Problem(files[table].name, record.number, where, _message(held, given)))
    return problems


def _imported(service):
    """{table: {source id: object id}} of the service's imported rows, and {(table, object id): source id}."""
    imported = {table: {} for table in tables.TABLES}
    reverse = {}
    rows = ImportedRecord.objects.filter(service=service).values_list("table", "source_id", "object_id")
    for table, source_id, object_id in rows.iterator():
        imported.setdefault(table, {})[source_id] = object_id
        reverse[(table, object_id)] = source_id
    imported["reverse"] = reverse
    return imported


def _stored(model, columns, pks):
    fields = ["pk", *(field[0] if isinstance(field, tuple) else field for _, field in columns.values())]
    return {row["pk"]: row for row in model.objects.filter(InIds("pk", set(pks))).values(*fields)}


def _parent_id(imported, field, row):
    """The source id of the parent a stored row belongs to (its LocalPatientId, its ServiceRequestId)."""
    name, parent_table = field
    return imported["reverse"].get((parent_table, row[name]))


def _column(column, held, given):
    """CareContDate and CareContTime are read into one start time: name the one that differs."""
    if column == "CareContDate" and timezone.localdate(held) == timezone.localdate(given):
        return "CareContTime"
    return column


def _same(held, given):
    if held in (None, "") and given in (None, ""):
        return True
    if isinstance(held, datetime.datetime) and isinstance(given, datetime.datetime):
        # In UTC: a local time in the autumn clock change's repeated hour never equals another zone's (PEP 495).
        return held.astimezone(datetime.UTC) == given.astimezone(datetime.UTC)
    if isinstance(held, Decimal) or isinstance(given, Decimal):
        return held is not None and given is not None and Decimal(held) == Decimal(given)
    return held == given


def _message(held, given):
    return (
        f"Already imported with a different value: stored {_text(held)}, file {_text(given)}; Step Two does not "
        "change imported records: record the change in Step Two instead"
    )


def _text(value):
    if value in (None, ""):
        return "(blank)"
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)
