from django.conf import settings
from django.db import models

from steptwo.core.models.scoping import ServiceScopedQuerySet, both_or_neither
from steptwo.referrals.codes import OPEN_STATUSES, EndCode, IncomingStatus, ReferralStatus, RiskLevel, SourceOfReferral


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
    # The newest risk assessment's level, kept in step by assessments.services so lists need no join.
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    risk_level_changed_at = models.DateTimeField(null=True, blank=True)
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


class DischargeQuerySet(ServiceScopedQuerySet):
    service_lookup = "referral__patient__service_id"


class Discharge(models.Model):
    """How a referral ended: data-set end code, outcome summary and the staying-well plan. Written once."""

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="discharge")
    discharge_date = models.DateField(help_text="ServDischDate in the data set")
    end_code = models.CharField(max_length=2, choices=EndCode.choices)
    outcome_summary = models.TextField(blank=True)
    # First and last scores at discharge, as shown in the letters: {"phq9": {"first": 17, "last": 6}, ...}
    scores = models.JSONField(default=dict, blank=True)
    # Staying-well (relapse prevention) plan, in the patient's words where possible.
    warning_signs = models.TextField(blank=True)
    what_helps = models.TextField(blank=True)
    support_contacts = models.TextField(blank=True)
    setback_plan = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = DischargeQuerySet.as_manager()

    def __str__(self):
        return f"Discharged {self.discharge_date:%d/%m/%Y} ({self.end_code})"


class IncomingReferralQuerySet(ServiceScopedQuerySet):
    service_lookup = "service_id"
    permission = "referrals.view_referral"  # Permission.VIEW_REFERRAL

    def awaiting_triage(self):
        return self.filter(status=IncomingStatus.NEW)


class IncomingReferral(models.Model):
    """A referral as received, before triage has matched it to a patient: from the public self-referral
    form, or typed in by staff from a professional's letter. Triage accepts it (for a new or an existing
    patient, creating the Referral) or rejects it with a reason. Kept as received, never edited.
    """

    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="incoming")
    reference = models.CharField(max_length=12, unique=True, help_text="Shown to a self-referrer on screen")
    source = models.CharField("Source of referral", max_length=2, choices=SourceOfReferral.choices)
    received_date = models.DateField(help_text="The waiting-time clock starts here")
    referrer = models.CharField("Referrer's name and organisation", max_length=300, blank=True)
    # About the person referred
    given_name = models.CharField("First name", max_length=100)
    family_name = models.CharField("Last name", max_length=100)
    date_of_birth = models.DateField()
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)
    address_line_1 = models.CharField(max_length=200, blank=True)
    town = models.CharField("Town or city", max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    mobile_phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    consent_to_sms = models.BooleanField(default=False)
    consent_to_email = models.BooleanField(default=False)
    ok_to_leave_voicemail = models.BooleanField(default=False)
    gp_practice_name = models.CharField("GP practice", max_length=200, blank=True)
    preferred_language = models.CharField(max_length=100, blank=True)
    interpreter_required = models.BooleanField(default=False)
    communication_needs = models.TextField(blank=True)
    # What they want help with
    reason = models.TextField("What they would like help with")
    duration = models.CharField("How long it has been a problem", max_length=200, blank=True)
    # Triage
    status = models.CharField(max_length=10, choices=IncomingStatus.choices, default=IncomingStatus.NEW, db_index=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    entered_by = models.ForeignKey(  # empty for self-referrals
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    triaged_at = models.DateTimeField(null=True, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rejection_reason = models.TextField(blank=True)
    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, null=True, blank=True, related_name="incoming")

    objects = IncomingReferralQuerySet.as_manager()

    class Meta:
        ordering = ["received_date", "submitted_at", "id"]
        # The header's triage count on every page filters on both: without it, a large service's
        # count scans every incoming referral (60-90 ms on the large demo; under 1 ms with it).
        indexes = [models.Index(fields=["service", "status"], name="incoming_service_status")]
        constraints = [
            both_or_neither("triaged_at", "triaged_by", name="incoming_triaged_at_and_by_paired"),
            models.CheckConstraint(
                condition=~models.Q(status="accepted") | models.Q(referral__isnull=False),
                name="incoming_accepted_has_referral",
            ),
        ]

    def __str__(self):
        return f"Incoming referral {self.reference}"
