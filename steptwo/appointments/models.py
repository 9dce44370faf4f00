from django.conf import settings
from django.db import models
from django.utils import timezone

from steptwo.appointments.codes import ATTENDED_CODES, TREATMENT_APP_TYPES, AppType, AttendOrDNACode, ConsMechanism
from steptwo.core.models.scoping import ServiceScopedQuerySet, both_or_neither


class AppointmentQuerySet(ServiceScopedQuerySet):
    service_lookup = "referral__patient__service_id"

    def attended(self):
        return self.filter(attendance__in=ATTENDED_CODES)

    def treatment(self):
        """Attended contacts of a treatment type: what counts as a treatment session."""
        return self.attended().filter(app_type__in=TREATMENT_APP_TYPES)

    def awaiting_outcome(self):
        return self.filter(attendance="")


class Appointment(models.Model):
    """A care contact (data set IDS201): booked ahead (planned) or recorded afterwards (unplanned)."""

    referral = models.ForeignKey("referrals.Referral", on_delete=models.PROTECT, related_name="appointments")
    practitioner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appointments")
    starts_at = models.DateTimeField(db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(help_text="ClinContDurOfCareCont in the data set")
    app_type = models.CharField("Appointment type", max_length=2, choices=AppType.choices)
    mechanism = models.CharField("How the appointment takes place", max_length=2, choices=ConsMechanism.choices)
    planned = models.BooleanField(default=True, help_text="PlannedCareContIndicator: False for unplanned contacts")
    # Empty until the outcome is recorded (never for a future appointment).
    attendance = models.CharField(max_length=1, choices=AttendOrDNACode.choices, blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome_note = models.TextField(blank=True)
    booked_at = models.DateTimeField(auto_now_add=True)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            # attendance too: the outcome figures count a period's appointments by outcome and practitioner
            # (outcomes/aggregates.py) from this index alone.
            models.Index(fields=["practitioner", "starts_at", "attendance"], name="appointment_practitioner_idx"),
            # Covers the outcome derivation's reading of a referral's contacts (outcomes/derivation.py):
            # in time order, without a visit to the table for each contact.
            models.Index(
                fields=["referral", "starts_at", "app_type", "attendance", "planned"], name="appointment_contacts_idx"
            ),
        ]
        constraints = [
            both_or_neither("outcome_recorded_at", "outcome_recorded_by", name="appointment_outcome_at_and_by_paired")
        ]

    def __str__(self):
        return f"{self.get_app_type_display()} {self.starts_at:%d/%m/%Y %H:%M}"

    @property
    def patient(self):
        return self.referral.patient

    @property
    def attended(self):
        return self.attendance in ATTENDED_CODES

    @property
    def needs_outcome(self):
        """It has started and nobody has recorded what happened."""
        return not self.attendance and self.starts_at <= timezone.now()

    @property
    def is_treatment(self):
        return self.attended and self.app_type in TREATMENT_APP_TYPES
