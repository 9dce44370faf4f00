from django.conf import settings
from django.db import models

from steptwo.core.models.scoping import ServiceScopedQuerySet, both_or_neither
from steptwo.measures import instruments
from steptwo.treatment.codes import Intervention, NoteStatus, TherapyType


class ReferralScopedQuerySet(ServiceScopedQuerySet):
    service_lookup = "referral__patient__service_id"


class PlannedIntervention(models.Model):
    """One low-intensity intervention in a referral's treatment plan, and how it is delivered."""

    referral = models.ForeignKey("referrals.Referral", on_delete=models.PROTECT, related_name="interventions")
    intervention = models.CharField(max_length=30, choices=Intervention.choices)
    therapy_type = models.CharField(max_length=20, choices=TherapyType.choices)
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ReferralScopedQuerySet.as_manager()

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [both_or_neither("ended_at", "ended_by", name="intervention_ended_at_and_by_paired")]

    def __str__(self):
        return self.get_intervention_display()

    @property
    def patient(self):
        return self.referral.patient


class SessionNoteQuerySet(ServiceScopedQuerySet):
    service_lookup = "appointment__referral__patient__service_id"


class SessionNote(models.Model):
    """What happened in one treatment contact. A trainee's note is final only once a supervisor signs it off."""

    appointment = models.OneToOneField("appointments.Appointment", on_delete=models.PROTECT, related_name="note")
    session_number = models.PositiveSmallIntegerField(help_text="Treatment session number, counted on attended ones")
    interventions = models.ManyToManyField(PlannedIntervention, related_name="session_notes", blank=True)
    work_done = models.TextField("Work done in the session", blank=True)
    homework_reviewed = models.TextField("Homework reviewed", blank=True)
    homework_set = models.TextField("Homework set", blank=True)
    note = models.TextField("Session note", blank=True)
    status = models.CharField(max_length=20, choices=NoteStatus.choices, default=NoteStatus.DRAFT)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    signed_off_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    objects = SessionNoteQuerySet.as_manager()

    class Meta:
        ordering = ["appointment__starts_at", "id"]
        # The review list counts each supervisee's notes awaiting sign-off: a few among thousands of theirs.
        indexes = [models.Index(fields=["written_by", "status"], name="note_writer_status")]
        constraints = [both_or_neither("signed_off_at", "signed_off_by", name="note_signed_off_at_and_by_paired")]

    def __str__(self):
        return f"Session {self.session_number} note"

    @property
    def patient(self):
        return self.appointment.referral.patient


class StepUp(models.Model):
    """A referral stepped up to high-intensity therapy within the service; it joins the HI waiting list."""

    referral = models.ForeignKey("referrals.Referral", on_delete=models.PROTECT, related_name="step_ups")
    reason = models.TextField()
    # The latest totals at step-up, e.g. {"phq9": 19, "gad7": 15}, kept as they were that day.
    scores = models.JSONField(default=dict, blank=True)
    stepped_up_at = models.DateTimeField(auto_now_add=True)
    stepped_up_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ReferralScopedQuerySet.as_manager()

    class Meta:
        ordering = ["stepped_up_at", "id"]

    def __str__(self):
        return f"Stepped up {self.stepped_up_at:%d/%m/%Y}"

    @property
    def patient(self):
        return self.referral.patient

    @property
    def scores_text(self):
        """The kept scores as shown: "PHQ-9 19, GAD-7 15"."""
        names = {instrument_id: getattr(instruments.INSTRUMENTS.get(instrument_id), "short_name", instrument_id)
                 for instrument_id in self.scores}  # fmt: skip
        return ", ".join(f"{names[instrument_id]} {total}" for instrument_id, total in self.scores.items())


class SignpostingOrganisation(models.Model):
    """An entry in the service's signposting directory. Retired entries stay for the records that name them."""

    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="signposting")
    name = models.CharField(max_length=200)
    offers = models.TextField("What it offers")
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    address = models.TextField(blank=True)
    area = models.CharField("Area covered", max_length=200, blank=True)
    active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Signposting(models.Model):
    """A record that a patient was signposted to an organisation in the directory."""

    referral = models.ForeignKey("referrals.Referral", on_delete=models.PROTECT, related_name="signpostings")
    organisation = models.ForeignKey(SignpostingOrganisation, on_delete=models.PROTECT, related_name="signpostings")
    note = models.TextField(blank=True)
    signposted_at = models.DateTimeField(auto_now_add=True)
    signposted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ReferralScopedQuerySet.as_manager()

    class Meta:
        ordering = ["signposted_at", "id"]

    def __str__(self):
        return f"Signposted to {self.organisation}"

    @property
    def patient(self):
        return self.referral.patient
