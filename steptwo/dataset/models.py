"""What the data-set import (manage.py import_dataset) has brought in, so importing the same files again
changes nothing: one row per source row imported, keyed by the service, the data-set table and the row's
own identifier in the previous system (tables.py)."""

from django.db import models


class ImportedRecord(models.Model):
    """A row of an imported data-set file and the Step Two row made from it.

    source_id is the row's identifier in the file: LocalPatientId (IDS001MPI), ServiceRequestId (IDS101),
    CareContactId (IDS201), CareActId (IDS202); tables without an identifier column are keyed by the
    columns that make a row unique (importing.validation.SOURCE_KEYS). object_id is the primary key of
    the row made: Patient, Referral, Appointment, PlannedIntervention, PresentingComplaint or
    QuestionnaireResponse, by table.
    """

    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="+")
    table = models.CharField(max_length=40)
    source_id = models.CharField(max_length=200)
    object_id = models.PositiveBigIntegerField()
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "table", "source_id"], name="imported_record_unique")]

    def __str__(self):
        return f"{self.table} {self.source_id} → {self.object_id}"
