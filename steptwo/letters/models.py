from django.conf import settings
from django.db import models

from steptwo.core.models.scoping import ServiceScopedQuerySet


class LetterKind(models.TextChoices):
    GP_DISCHARGE = "gp_discharge", "Discharge letter to the GP"
    PATIENT_DISCHARGE = "patient_discharge", "Discharge letter to the patient"


class LetterQuerySet(ServiceScopedQuerySet):
    service_lookup = "referral__patient__service_id"


class Letter(models.Model):
    """A letter rendered to PDF and stored as sent. Never re-rendered: a new version is a new row."""

    referral = models.ForeignKey("referrals.Referral", on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(max_length=30, choices=LetterKind.choices)
    recipient = models.CharField(max_length=200)
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%d/%m/%Y})"

    @property
    def patient(self):
        return self.referral.patient

    @property
    def filename(self):
        return f"{self.kind}-{self.referral_id}-{self.created_at:%Y%m%d}-{self.pk}.pdf"
