"""Appointments (care contacts, data set IDS201) from each journey, and the DNA follow-up tasks.

The journey booked them (generators.journey); here they become rows. An appointment whose outcome
was recorded has version 2, as appointments.services.record_outcome leaves it. Each DNA has the task
tasks.services.raise_dna_follow_up raises, done by the practitioner unless it is still open.
"""

from steptwo.appointments.codes import AttendOrDNACode
from steptwo.appointments.models import Appointment
from steptwo.demo.db import Table
from steptwo.tasks.models import Task, TaskKind

FIELDS = (
    "id", "referral", "practitioner", "starts_at", "duration_minutes", "app_type", "mechanism", "planned",
    "attendance", "outcome_recorded_at", "outcome_recorded_by", "outcome_note", "booked_at", "booked_by", "version",
)  # fmt: skip
TASK_FIELDS = (
    "patient", "referral", "owner", "kind", "title", "detail", "due_date", "source_response", "source_appointment",
    "created_at", "completed_at", "completed_by", "outcome",
)  # fmt: skip
DNA_DETAIL = "Contact the patient, check on risk and offer another appointment."  # as tasks.services writes it


def task_table():
    """DNA follow-ups and note sign-offs, written together (risk reviews are written with the measures)."""
    return Table(Task, TASK_FIELDS)


class Appointments:
    def __init__(self, tasks):
        self.table = Table(Appointment, FIELDS)
        self.ids = self.table.ids  # the journeys hand them out as they book
        self.tasks = tasks

    def add(self, patient_id, episode):
        referral_id = episode.referral.pk
        for contact in episode.journey.contacts:
            self.table.add(
                contact.pk, referral_id, contact.practitioner_id, contact.starts_at, contact.minutes,
                contact.app_type, contact.mechanism, True, contact.attendance, contact.outcome_at,
                contact.outcome_by, contact.outcome_note, contact.booked_at, contact.booked_by,
                2 if contact.attendance else 1,
            )  # fmt: skip
            if contact.attendance == AttendOrDNACode.DID_NOT_ATTEND:
                self._dna_task(patient_id, referral_id, contact)

    def _dna_task(self, patient_id, referral_id, contact):
        done = contact.dna_done_at is not None
        self.tasks.add(
            patient_id, referral_id, contact.practitioner_id, TaskKind.DNA_FOLLOW_UP,
            f"Follow up missed appointment on {contact.starts_at:%d/%m/%Y}", DNA_DETAIL, contact.dna_due, None,
            contact.pk, contact.outcome_at, contact.dna_done_at, contact.practitioner_id if done else None,
            contact.dna_outcome,
        )  # fmt: skip

    def write(self, counts):
        counts["appointments"] += self.table.write()
