from django.conf import settings
from django.db import models
from django.db.models import Q

from steptwo.core.models.scoping import ServiceScopedQuerySet
from steptwo.patients.codes import EthnicCategory, GenderIdentity


class PatientQuerySet(ServiceScopedQuerySet):
    service_lookup = "service_id"


class Patient(models.Model):
    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="patients")
    nhs_number = models.CharField("NHS number", max_length=10, blank=True, db_index=True)
    given_name = models.CharField("First name", max_length=100)
    family_name = models.CharField("Last name", max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    gender_identity = models.CharField(max_length=1, choices=GenderIdentity.choices, blank=True)
    ethnic_category = models.CharField(max_length=2, choices=EthnicCategory.choices, blank=True)

    address_line_1 = models.CharField(max_length=200, blank=True)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField("Town or city", max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    mobile_phone = models.CharField(max_length=20, blank=True)
    other_phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    consent_to_sms = models.BooleanField(default=False)
    consent_to_email = models.BooleanField(default=False)
    consent_to_letters = models.BooleanField(default=True)
    consent_to_voicemail = models.BooleanField("OK to leave a voicemail", default=False)

    gp_practice_name = models.CharField("GP practice", max_length=200, blank=True)
    gp_practice_code = models.CharField("GP practice ODS code", max_length=6, blank=True)

    interpreter_required = models.BooleanField(default=False)
    preferred_language = models.CharField(max_length=100, blank=True)
    communication_needs = models.TextField(blank=True)

    # Optimistic concurrency: each saved edit increments this; an edit based on an old version is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = PatientQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "nhs_number"],
                condition=~Q(nhs_number=""),
                name="patient_nhs_number_unique_in_service",
            )
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.given_name} {self.family_name}"

    @property
    def name_for_lists(self):
        return f"{self.family_name.upper()}, {self.given_name}"
