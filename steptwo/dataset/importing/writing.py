"""Writing checked data-set rows (validation.Record) as Step Two records, in bulk, parents first.

Rows already imported into the service (an ImportedRecord with their table and source id) are skipped,
so importing the same files again changes nothing; an import never changes or removes what an earlier
one made (a row imported before with a changed value never gets here: changes.py refuses the import). What the data set does not carry is filled in as the command's help describes (importing
package docstring): placeholder patient names, the service's "Imported from previous system" account as
the practitioner, booker and recorder, the import time where a recorded-at time is needed.
"""

import datetime
from collections import defaultdict

from django.utils import timezone

from steptwo.appointments.codes import ATTENDED_CODES, TREATMENT_APP_TYPES
from steptwo.appointments.models import Appointment
from steptwo.dataset import tables
from steptwo.dataset.models import ImportedRecord
from steptwo.measures import adsm, instruments
from steptwo.measures.models import AdsmMapping, CompletedBy, QuestionnaireResponse, ResponseStatus
from steptwo.patients.models import Patient
from steptwo.referrals.codes import ReferralStatus
from steptwo.referrals.models import Discharge, PresentingComplaint, Referral, ReferralStatusChange
from steptwo.treatment.codes import NoteStatus
from steptwo.treatment.models import PlannedIntervention, SessionNote

PLACEHOLDER_GIVEN_NAME = "Imported patient"
IMPORTED_NOTE = "Imported from the previous system's data set"
# PlannedIntervention.intervention of an imported care activity: the data set records how an intervention
# was delivered (§4.5), never the technique, so none of treatment.codes.Intervention can be claimed.
IMPORTED_INTERVENTION = "imported"


class Writer:
    def __init__(self, *, service, team, account):
        self.service, self.team, self.account = service, team, account
        self.now = timezone.now()
        self.ids = defaultdict(dict)  # table → {source id: object id}
        for table, source_id, object_id in ImportedRecord.objects.filter(service=service).values_list(
            "table", "source_id", "object_id"
        ):
            self.ids[table][source_id] = object_id
        self.counts = {}

    def write(self, records):
        """Write what is new; return {table: (rows created, rows already imported)}."""
        self.records = records
        self._write(tables.IDS001_MPI, self._patients)
        self._write(tables.IDS101_REFERRAL, self._referrals)
        self._write(tables.IDS201_CARE_CONTACT, self._contacts)
        self._write(tables.IDS202_CARE_ACTIVITY, self._care_activities)
        self._write(tables.IDS603_PRESENTING_COMPLAINTS, self._presenting_complaints)
        self._write(tables.IDS606_CODED_SCORE_REFERRAL, self._scores)
        self._write(tables.IDS607_CODED_SCORE_CONTACT, self._scores)
        return self.counts

    def _write(self, table, make):
        new = [record for record in self.records[table] if record.source_id not in self.ids[table]]
        objects = make(table, new) if new else []
        ImportedRecord.objects.bulk_create(
            ImportedRecord(service=self.service, table=table, source_id=record.source_id, object_id=obj.pk)
            for record, obj in zip(new, objects, strict=True)
        )
        self.ids[table].update((record.source_id, obj.pk) for record, obj in zip(new, objects, strict=True))
        self.counts[table] = (len(new), len(self.records[table]) - len(new))

    def _patients(self, table, new):
        return Patient.objects.bulk_create(
            Patient(
                service=self.service, given_name=PLACEHOLDER_GIVEN_NAME, family_name=record.source_id,
                nhs_number=record.fields["nhs_number"], date_of_birth=record.fields["date_of_birth"],
                gender_identity=record.fields["gender_identity"], ethnic_category=record.fields["ethnic_category"],
                consent_to_letters=False, created_by=self.account,
            )
            for record in new
        )  # fmt: skip

    def _referrals(self, table, new):
        patients = self.ids[tables.IDS001_MPI]
        seen, treated = self._contact_kinds()
        referrals = Referral.objects.bulk_create(
            Referral(
                patient_id=patients[record.fields["patient"]], team=self.team,
                received_date=record.fields["received_date"], source=record.fields["source"],
                reason=f"{IMPORTED_NOTE} (ServiceRequestId {record.source_id})",
                # Open referrals wait to be allocated to a real practitioner; ended ones stay with the account.
                practitioner=self.account if record.fields["discharge_date"] else None,
                status=_status(record, seen, treated), created_by=self.account,
            )
            for record in new
        )  # fmt: skip
        ReferralStatusChange.objects.bulk_create(
            ReferralStatusChange(referral=referral, status=referral.status, changed_by=self.account, note=IMPORTED_NOTE)
            for referral in referrals
        )
        Discharge.objects.bulk_create(
            Discharge(
                referral=referral, discharge_date=record.fields["discharge_date"], end_code=record.fields["end_code"],
                outcome_summary=IMPORTED_NOTE, recorded_by=self.account,
            )
            for record, referral in zip(new, referrals, strict=True)
            if record.fields["discharge_date"]
        )  # fmt: skip
        return referrals

    def _contact_kinds(self):
        """ServiceRequestIds with an attended (or unplanned) contact, and with such a treatment contact."""
        seen, treated = set(), set()
        for record in self.records[tables.IDS201_CARE_CONTACT]:
            fields = record.fields
            if fields["attendance"] in ATTENDED_CODES or not fields["planned"]:
                seen.add(fields["referral"])
                if fields["app_type"] in TREATMENT_APP_TYPES:
                    treated.add(fields["referral"])
        return seen, treated

    def _contacts(self, table, new):
        referrals = self.ids[tables.IDS101_REFERRAL]
        return Appointment.objects.bulk_create(
            Appointment(
                referral_id=referrals[record.fields["referral"]], practitioner=self.account,
                starts_at=record.fields["starts_at"], duration_minutes=record.fields["duration_minutes"],
                app_type=record.fields["app_type"], mechanism=record.fields["mechanism"],
                planned=record.fields["planned"], attendance=record.fields["attendance"],
                outcome_recorded_at=self.now if record.fields["attendance"] else None,
                outcome_recorded_by=self.account if record.fields["attendance"] else None,
                outcome_note=IMPORTED_NOTE, booked_by=self.account,
            )
            for record in new
        )  # fmt: skip

    def _care_activities(self, table, new):
        """One PlannedIntervention per referral and therapy type (ended: it records what was delivered), and
        a final SessionNote per contact linking the contact to its therapy types, as the export reads them."""
        contact_ids = self.ids[tables.IDS201_CARE_CONTACT]
        contacts = Appointment.objects.in_bulk({contact_ids[record.fields["contact"]] for record in new})
        activities = [
            (contacts[contact_ids[record.fields["contact"]]], record.fields["therapy_type"]) for record in new
        ]
        interventions = self._interventions({(contact.referral_id, therapy) for contact, therapy in activities})
        notes = self._notes(contacts)
        made = [interventions[(contact.referral_id, therapy)] for contact, therapy in activities]
        wanted = {(notes[contact.pk].pk, item.pk) for (contact, _), item in zip(activities, made, strict=True)}
        links = SessionNote.interventions.through
        existing = set(
            _in_chunks(
                {note for note, _ in wanted},
                lambda chunk: links.objects.filter(sessionnote__in=chunk).values_list(
                    "sessionnote_id", "plannedintervention_id"
                ),
            )
        )
        links.objects.bulk_create(
            links(sessionnote_id=note, plannedintervention_id=item) for note, item in sorted(wanted - existing)
        )
        return made

    def _interventions(self, keys):
        """{(referral pk, therapy type): PlannedIntervention}, made for the keys not imported before."""
        found = {
            (item.referral_id, item.therapy_type): item
            for item in _in_chunks(
                {referral for referral, _ in keys},
                lambda chunk: PlannedIntervention.objects.filter(
                    referral__in=chunk, intervention=IMPORTED_INTERVENTION
                ),
            )
        }
        made = PlannedIntervention.objects.bulk_create(
            PlannedIntervention(
                referral_id=referral,
                therapy_type=therapy_type,
                intervention=IMPORTED_INTERVENTION,
                added_by=self.account,
                ended_at=self.now,
                ended_by=self.account,
            )
            for referral, therapy_type in sorted(keys - set(found))
        )
        return found | {(item.referral_id, item.therapy_type): item for item in made}

    def _notes(self, contacts):
        """{appointment pk: SessionNote}: the contact's note, or a new final one saying it was imported."""
        notes = {
            note.appointment_id: note
            for note in _in_chunks(contacts, lambda chunk: SessionNote.objects.filter(appointment__in=chunk))
        }
        numbers = _session_numbers(contacts.values())
        made = SessionNote.objects.bulk_create(
            SessionNote(
                appointment=contact,
                session_number=numbers.get(contact.pk, 0),
                status=NoteStatus.FINAL,
                note=f"{IMPORTED_NOTE}: the therapy types delivered, no session note.",
                written_by=self.account,
                finalised_at=self.now,
            )
            for pk, contact in sorted(contacts.items())
            if pk not in notes
        )
        return notes | {note.appointment_id: note for note in made}

    def _presenting_complaints(self, table, new):
        referrals = self.ids[tables.IDS101_REFERRAL]
        labels = {(row.code_system, row.code): row.label for row in AdsmMapping.objects.all()}
        complaints = PresentingComplaint.objects.bulk_create(
            PresentingComplaint(
                referral_id=referrals[record.fields["referral"]], code_system=record.fields["descriptor"][0],
                code=record.fields["descriptor"][1], label=_label(labels, *record.fields["descriptor"]),
                primary=record.fields["primary"], recorded_by=self.account,
            )
            for record in new
        )  # fmt: skip
        # recorded_at is set on creation (auto_now_add); PresCompDate is when it was recorded.
        for record, complaint in zip(new, complaints, strict=True):
            complaint.recorded_at = _local_midnight(record.fields["date"])
        PresentingComplaint.objects.bulk_update(complaints, ["recorded_at"])
        return complaints

    def _scores(self, table, new):
        parents = self._score_parents(table, new)
        return QuestionnaireResponse.objects.bulk_create(
            _response(record, *parents[record.fields["parent"]], account=self.account) for record in new
        )

    def _score_parents(self, table, new):
        """{parent source id: (patient pk, referral pk, appointment pk or None)}."""
        if table == tables.IDS606_CODED_SCORE_REFERRAL:
            pks = {self.ids[tables.IDS101_REFERRAL][record.fields["parent"]] for record in new}
            rows = _in_chunks(pks, lambda chunk: Referral.objects.filter(pk__in=chunk).values_list("pk", "patient_id"))
            by_pk = {pk: (patient, pk, None) for pk, patient in rows}
            return {r.fields["parent"]: by_pk[self.ids[tables.IDS101_REFERRAL][r.fields["parent"]]] for r in new}
        pks = {self.ids[tables.IDS201_CARE_CONTACT][record.fields["parent"]] for record in new}
        rows = _in_chunks(
            pks,
            lambda chunk: Appointment.objects.filter(pk__in=chunk).values_list(
                "pk", "referral__patient_id", "referral_id"
            ),
        )
        by_pk = {pk: (patient, referral, pk) for pk, patient, referral in rows}
        return {r.fields["parent"]: by_pk[self.ids[tables.IDS201_CARE_CONTACT][r.fields["parent"]]] for r in new}


def _response(record, patient, referral, appointment, *, account):
    """An imported total: completed, with no item answers, its band worked out from the total."""
    instrument = instruments.get(record.fields["instrument_id"])
    total = record.fields["total"]
    return QuestionnaireResponse(
        patient_id=patient, referral_id=referral, appointment_id=appointment, instrument_id=instrument.id,
        instrument_version=instrument.version, total=total, band=instrument.band_for(total),
        status=ResponseStatus.COMPLETED, completed_at=record.fields["completed_at"],
        completed_by=CompletedBy.IMPORTED, recorded_by=account,
    )  # fmt: skip


def _label(labels, code_system, code):
    """The code's label in the problem-descriptor list (measures.AdsmMapping), else its nearest parent's
    (F42.1 → "Obsessive-compulsive disorder"), else none: the data set carries codes only."""
    for candidate in adsm.code_and_parents(code_system, code):
        if (code_system, candidate) in labels:
            return labels[(code_system, candidate)]
    return ""


def _status(record, seen, treated):
    """The referral's status as far as the data set tells it: discharged once it has a discharge date, else
    in treatment after a treatment contact, assessed after any other attended contact, else waiting."""
    if record.fields["discharge_date"]:
        return ReferralStatus.DISCHARGED
    if record.source_id in treated:
        return ReferralStatus.IN_TREATMENT
    return ReferralStatus.ASSESSED if record.source_id in seen else ReferralStatus.WAITING


def _session_numbers(contacts):
    """{appointment pk: its number among its referral's attended treatment contacts} for the given ones."""
    numbers, counters = {}, defaultdict(int)
    rows = _in_chunks(
        {contact.referral_id for contact in contacts},
        lambda chunk: (
            Appointment.objects.filter(referral__in=chunk)
            .treatment()
            .order_by("referral_id", "starts_at", "pk")
            .values_list("pk", "referral_id")
        ),
    )
    for pk, referral in rows:
        counters[referral] += 1
        numbers[pk] = counters[referral]
    return numbers


def _in_chunks(ids, query, size=5000):
    """query(chunk) for chunks of the ids, one after another: an IN list of a whole migration's ids would
    pass the database's limit on query parameters (SQLite: 32,766)."""
    ids = sorted(ids)
    for start in range(0, len(ids), size):
        yield from query(ids[start : start + size])


def _local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
