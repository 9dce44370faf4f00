from django.conf import settings
from django.db import models

from steptwo.core.models.scoping import ServiceScopedQuerySet
from steptwo.referrals.codes import OPEN_STATUSES, ReferralStatus, SourceOfReferral


class ReferralQuerySet(ServiceScopedQuerySet):
    permission = "referrals.view_referral"  # Permission.VIEW_REFERRAL

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class Referral(models.Model):
    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, related_name="referrals")
    team = models.ForeignKey("organisations.Team", on_delete=models.PROTECT, related_name="referrals")
    received_date = models.DateField(
        help_text="The date the service received the referral: the waiting-time clock starts here"
    )
    source = models.CharField("Source of referral", max_length=2, choices=SourceOfReferral.choices)
    reason = models.TextField("Reason for referral")
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="caseload"
    )
    # The current status, kept in step with the newest ReferralStatusChange by referrals.services.
    status = models.CharField(max_length=20, choices=ReferralStatus.choices, db_index=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-received_date", "-id"]

    def __str__(self):
        return f"Referral received {self.received_date:%d/%m/%Y}"


class ReferralStatusChange(models.Model):
    """One row per status a referral enters; never changed or deleted, so the history can be replayed."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="status_changes")
    status = models.CharField(max_length=20, choices=ReferralStatus.choices)
    changed_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self):
        return f"{self.get_status_display()} at {self.changed_at:%Y-%m-%d %H:%M}"


class PresentingComplaint(models.Model):
    """A problem descriptor for a referral (data set IDS603): ICD-10 or SNOMED CT code, primary or secondary.

    The newest primary one decides which anxiety-disorder-specific measure is offered (measures.AdsmMapping).
    """

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="presenting_complaints")
    code_system = models.CharField(max_length=10, choices=[("ICD-10", "ICD-10"), ("SNOMED CT", "SNOMED CT")])
    code = models.CharField(max_length=20)
    label = models.CharField(max_length=200)
    primary = models.BooleanField(default=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-primary", "-recorded_at", "-id"]

    def __str__(self):
        return f"{self.code} {self.label}"
