from django.conf import settings
from django.db import models

from steptwo.core.models.scoping import ServiceScopedQuerySet, both_or_neither
from steptwo.measures.instruments import choices as instrument_choices


class ThresholdQuerySet(models.QuerySet):
    def current(self, instrument_id, on):
        """The threshold in force on a date: the newest whose effective-from date is not after it."""
        return self.filter(instrument_id=instrument_id, effective_from__lte=on).order_by("-effective_from").first()


class Threshold(models.Model):
    """Caseness cut-off and reliable-change index for one instrument, versioned by effective date.

    Loaded from reference_data/thresholds.csv by a data migration. `verified` is False for values the
    domain reference marks as unsourced: the UI shows "unverified" wherever such a value drives a decision.
    """

    instrument_id = models.CharField(max_length=20)
    caseness_cutoff = models.DecimalField(max_digits=6, decimal_places=2, null=True)  # at or above = caseness
    reliable_change = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    effective_from = models.DateField()
    source = models.TextField()
    verified = models.BooleanField()
    note = models.TextField(blank=True)

    objects = ThresholdQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["instrument_id", "effective_from"], name="threshold_unique")]

    def __str__(self):
        return f"{self.instrument_id} from {self.effective_from}"


class AdsmMapping(models.Model):
    """Which anxiety-disorder-specific measure goes with a problem descriptor (domain reference §1.2)."""

    code_system = models.CharField(max_length=10, choices=[("ICD-10", "ICD-10"), ("SNOMED CT", "SNOMED CT")])
    code = models.CharField(max_length=20, help_text="ICD-10 codes match this code and its subcodes (F42 → F42.x)")
    label = models.CharField(max_length=200)
    instrument_id = models.CharField(max_length=20, blank=True, help_text="Blank: no ADSM, GAD-7 is used")
    effective_from = models.DateField()
    source = models.TextField()
    verified = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["code_system", "code", "effective_from"], name="adsm_mapping_unique")
        ]

    def __str__(self):
        return f"{self.code} → {self.instrument_id or 'GAD-7'}"


class LicensedText(models.Model):
    """Item wording a service has loaded under its own licence, for a 'data-only' instrument."""

    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="+")
    instrument_id = models.CharField(max_length=20)
    item_id = models.CharField(max_length=20, help_text='An item id, or "stem" for the introduction')
    text = models.TextField()
    loaded_at = models.DateTimeField(auto_now_add=True)
    loaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "instrument_id", "item_id"], name="licensed_text_unique")
        ]

    def __str__(self):
        return f"{self.instrument_id} {self.item_id}"


class ResponseStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    ENTERED_IN_ERROR = "entered_in_error", "Entered in error"


class CompletedBy(models.TextChoices):
    PATIENT_REMOTELY = "patient_remote", "Patient, remotely"
    CLINICIAN_IN_SESSION = "clinician_session", "Clinician, in session"
    STAFF_ON_BEHALF = "staff_on_behalf", "Staff, on the patient's behalf"
    # A total brought in by manage.py import_dataset from another system's data set: no item answers.
    IMPORTED = "imported", "Imported total (no item answers)"


class ResponseQuerySet(ServiceScopedQuerySet):
    def current(self):
        """Completed and not superseded: the responses that count."""
        return self.filter(status=ResponseStatus.COMPLETED, superseded_by__isnull=True)


class QuestionnaireResponse(models.Model):
    """One completed (or corrected, or entered-in-error) instrument. Never deleted or overwritten."""

    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, related_name="responses")
    referral = models.ForeignKey("referrals.Referral", on_delete=models.PROTECT, related_name="responses")
    instrument_id = models.CharField(max_length=20, choices=instrument_choices)
    instrument_version = models.CharField(max_length=20)
    total = models.DecimalField(max_digits=6, decimal_places=2, null=True)  # from Instrument.score only
    band = models.CharField(max_length=50, blank=True)
    context = models.JSONField(default=list, blank=True)  # flags such as "not_working" (WSAS)
    status = models.CharField(max_length=20, choices=ResponseStatus.choices)
    completed_at = models.DateTimeField(null=True)
    completed_by = models.CharField(max_length=20, choices=CompletedBy.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    completion_request = models.ForeignKey(
        "measures.CompletionRequest", on_delete=models.PROTECT, null=True, blank=True, related_name="responses"
    )
    # The care contact it was completed in, when there was one (data set IDS607 is per contact).
    appointment = models.ForeignKey(
        "appointments.Appointment", on_delete=models.PROTECT, null=True, blank=True, related_name="responses"
    )
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )
    error_reason = models.TextField(blank=True)
    marked_in_error_at = models.DateTimeField(null=True, blank=True)
    marked_in_error_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["completed_at", "id"]
        indexes = [
            # Covers the outcome derivation's reading of a referral's scores on each measure (outcomes/
            # derivation.py): counted, and the first and last found at either end, in (time, id) order.
            models.Index(
                fields=["referral", "instrument_id", "completed_at", "id", "status", "total"],
                name="response_scores_idx",
            ),
        ]
        constraints = [
            both_or_neither(
                "marked_in_error_at", "marked_in_error_by", name="response_marked_in_error_at_and_by_paired"
            )
        ]

    def __str__(self):
        return f"{self.instrument.short_name} {self.total}"

    @property
    def instrument(self):
        from steptwo.measures import instruments

        return instruments.get(self.instrument_id)

    def answers(self):
        return {answer.item_id: answer.value for answer in self.item_answers.all()}


class ItemAnswer(models.Model):
    response = models.ForeignKey(QuestionnaireResponse, on_delete=models.PROTECT, related_name="item_answers")
    item_id = models.CharField(max_length=20)
    value = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "item_id"], name="one_answer_per_item")]

    def __str__(self):
        return f"{self.item_id}={self.value}"


class CompletionRequest(models.Model):
    """A single-use, expiring link for a patient to complete questionnaires without signing in.

    Only a SHA-256 hash of the token is stored; the token itself is shown once, to the member of staff.
    """

    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, related_name="completion_requests")
    referral = models.ForeignKey("referrals.Referral", on_delete=models.PROTECT, related_name="completion_requests")
    instrument_ids = models.JSONField()
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    # Cancelling also sets expires_at to the moment of cancelling, so the link stops working at once.
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ServiceScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            both_or_neither("cancelled_at", "cancelled_by", name="completion_request_cancelled_at_and_by_paired")
        ]

    def __str__(self):
        return f"Request for {', '.join(self.instrument_ids)}"
