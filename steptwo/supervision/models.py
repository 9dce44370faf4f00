from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from steptwo.core.models.scoping import ServiceScopedQuerySet
from steptwo.supervision.codes import CaseDecision, SupervisionKind


class SupervisionSettings(models.Model):
    """A service's own settings for caseload review and capacity. Defaults are the issue's; none is national.

    Use `SupervisionSettings.for_service(service)`: a service that never saved its settings gets the defaults.
    """

    service = models.OneToOneField("organisations.Service", on_delete=models.CASCADE, related_name="+")
    # Review-list rules (domain reference §5; thresholds are local choices, unsourced).
    no_improvement_sessions = models.PositiveSmallIntegerField(
        "Treatment sessions without reliable improvement before a case is listed", default=4,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )  # fmt: skip
    no_contact_days = models.PositiveSmallIntegerField(
        "Days without contact before a case is listed", default=28,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )  # fmt: skip
    consecutive_dnas = models.PositiveSmallIntegerField(
        "Missed appointments in a row before a case is listed", default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )  # fmt: skip
    sessions_without_plan = models.PositiveSmallIntegerField(
        "Treatment sessions without a discharge or step-up plan before a case is listed", default=8,
        validators=[MinValueValidator(1), MaxValueValidator(40)],
    )  # fmt: skip
    not_discussed_weeks = models.PositiveSmallIntegerField(
        "Weeks without discussion in supervision before a case is listed", default=4,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )  # fmt: skip
    # Capacity: open cases for a full-time qualified PWP (a local choice: no national figure exists).
    qualified_caseload_capacity = models.PositiveSmallIntegerField(
        "Caseload capacity of a full-time qualified PWP (open cases)", default=45,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
    )  # fmt: skip
    # Trainees ramp up over their training year to 60-80 % of a qualified caseload (domain reference §5).
    trainee_start_percent = models.PositiveSmallIntegerField(
        "Trainee capacity at the start of training (% of qualified)", default=20,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )  # fmt: skip
    trainee_end_percent = models.PositiveSmallIntegerField(
        "Trainee capacity at the end of the training year (% of qualified)", default=70,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )  # fmt: skip
    # "Not on track": the service's own curves are used once built from at least this many finished episodes.
    etr_minimum_episodes = models.PositiveIntegerField(
        "Finished episodes needed before the service's own expected-response curves are used", default=500,
        validators=[MinValueValidator(50)],
    )  # fmt: skip
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")

    def __str__(self):
        return f"Supervision settings for {self.service}"

    @classmethod
    def for_service(cls, service):
        return cls.objects.filter(service=service).first() or cls(service=service)


class SupervisionSessionQuerySet(ServiceScopedQuerySet):
    """Supervision records name patients (in their case discussions), so they are scoped like patient data."""

    service_lookup = "service_id"


class SupervisionSession(models.Model):
    """One supervision meeting between a supervisor and a supervisee."""

    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="+")
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervising")
    supervisee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervised")
    held_on = models.DateField()
    kind = models.CharField(max_length=20, choices=SupervisionKind.choices)
    minutes = models.PositiveSmallIntegerField(validators=[MinValueValidator(5), MaxValueValidator(480)])
    notes = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = SupervisionSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["supervisee", "held_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} supervision on {self.held_on:%d/%m/%Y}"


class CaseDiscussionQuerySet(ServiceScopedQuerySet):
    service_lookup = "session__service_id"


class CaseDiscussion(models.Model):
    """A case discussed in a supervision session, with the decision made about it."""

    session = models.ForeignKey(SupervisionSession, on_delete=models.PROTECT, related_name="discussions")
    referral = models.ForeignKey("referrals.Referral", on_delete=models.PROTECT, related_name="discussions")
    decision = models.CharField(max_length=20, choices=CaseDecision.choices)
    # Why the case was brought (the review-list reasons at the time, as shown), and what was said.
    reasons = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)

    objects = CaseDiscussionQuerySet.as_manager()

    class Meta:
        ordering = ["session", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "referral"], name="one_discussion_per_case_per_session")
        ]

    def __str__(self):
        return f"{self.get_decision_display()} ({self.session})"


class SupervisionAction(models.Model):
    """Something to do after a case discussion; it lands in its owner's task list as a Task."""

    discussion = models.ForeignKey(CaseDiscussion, on_delete=models.PROTECT, related_name="actions")
    description = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_date = models.DateField()
    task = models.OneToOneField("tasks.Task", on_delete=models.PROTECT, related_name="supervision_action")

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self):
        return self.description


class EtrCurveSet(models.Model):
    """A table of expected-treatment-response curves for one measure (Delgadillo et al. 2018; domain §6).

    `service` is empty for the shipped starter table (built from synthetic data, `synthetic=True`); a
    service's own sets are built by `manage.py rebuild_etr_curves` from its finished episodes.
    """

    service = models.ForeignKey("organisations.Service", on_delete=models.CASCADE, null=True, blank=True)
    instrument_id = models.CharField(max_length=20)
    built_at = models.DateTimeField()
    synthetic = models.BooleanField(default=False)
    episodes = models.PositiveIntegerField(help_text="Finished episodes the curves were built from")
    boundary_percentile = models.PositiveSmallIntegerField()
    method = models.TextField(help_text="How the curves were built, in words (see the ADR)")

    class Meta:
        ordering = ["-built_at", "-id"]

    def __str__(self):
        return f"{self.instrument_id} curves built {self.built_at:%d/%m/%Y}"


class EtrPoint(models.Model):
    """Expected score and upper boundary for one intake-severity band at one treatment session number."""

    curve_set = models.ForeignKey(EtrCurveSet, on_delete=models.CASCADE, related_name="points")
    band = models.CharField(max_length=40)
    intake_min = models.PositiveSmallIntegerField()  # intake score range of the band, inclusive
    intake_max = models.PositiveSmallIntegerField()
    session_number = models.PositiveSmallIntegerField()
    expected = models.DecimalField(max_digits=5, decimal_places=2)
    boundary = models.DecimalField(max_digits=5, decimal_places=2)
    episodes = models.PositiveIntegerField(help_text="Episodes with a score at this session in this band")

    class Meta:
        ordering = ["curve_set", "intake_min", "session_number"]
        constraints = [
            models.UniqueConstraint(fields=["curve_set", "intake_min", "session_number"], name="etr_point_unique")
        ]

    def __str__(self):
        return f"{self.band}, session {self.session_number}: expected {self.expected}, boundary {self.boundary}"
