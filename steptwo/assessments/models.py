from django.conf import settings
from django.db import models
from django.utils import timezone

from steptwo.assessments import risk_changes
from steptwo.assessments.codes import Decision, EmploymentStatus, PsychotropicMedication, YesNo
from steptwo.core.models.scoping import ServiceScopedQuerySet, both_or_neither
from steptwo.referrals.codes import RiskLevel


class AssessmentQuerySet(ServiceScopedQuerySet):
    service_lookup = "referral__patient__service_id"

    def in_progress(self):
        return self.filter(completed_at__isnull=True)

    def current(self):
        """The newest assessment (e.g. of `referral.assessments`), or None."""
        return self.select_related("completed_by").order_by("-created_at", "-id").first()


class Assessment(models.Model):
    """The structured step 2 assessment (Reach Out structure, domain reference §5.2).

    Saved as a draft while the interview goes on; completing it records the decision.
    """

    referral = models.ForeignKey("referrals.Referral", on_delete=models.PROTECT, related_name="assessments")
    appointment = models.ForeignKey(
        "appointments.Appointment", on_delete=models.PROTECT, null=True, blank=True, related_name="assessments"
    )
    # The main problem
    problem_in_own_words = models.TextField("The problem in the patient's own words", blank=True)
    problem_statement = models.TextField(blank=True)
    # The four Ws, and why now
    what = models.TextField("What happens", blank=True)
    where = models.TextField("Where it happens", blank=True)
    with_whom = models.TextField("With whom", blank=True)
    when = models.TextField("When it happens", blank=True)
    why_now = models.TextField("Why now", blank=True)
    # Symptoms
    thoughts = models.TextField(blank=True)
    behaviours = models.TextField(blank=True)
    physical_symptoms = models.TextField(blank=True)
    emotions = models.TextField(blank=True)
    # History
    onset = models.TextField(blank=True)
    triggers = models.TextField(blank=True)
    maintaining_factors = models.TextField("What keeps it going", blank=True)
    # Impact
    impact_on_work = models.TextField(blank=True)
    impact_on_home = models.TextField(blank=True)
    impact_on_social_life = models.TextField(blank=True)
    # Context
    medication = models.CharField(
        "Psychotropic medication", max_length=2, choices=PsychotropicMedication.choices, blank=True
    )
    medication_details = models.TextField(blank=True)
    employment_status = models.CharField(max_length=2, choices=EmploymentStatus.choices, blank=True)
    # Free text: the data set's long-term condition codes (IDS602, SNOMED CT) are not in our reference yet.
    long_term_conditions = models.TextField("Long-term physical health conditions", blank=True)
    # The decision (empty while the assessment is in progress)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [both_or_neither("completed_at", "completed_by", name="assessment_completed_at_and_by_paired")]

    def __str__(self):
        return f"Assessment {self.created_at:%d/%m/%Y}"

    @property
    def patient(self):
        return self.referral.patient

    @property
    def started_on(self):
        return timezone.localdate(self.created_at)

    @property
    def completed_on(self):
        return timezone.localdate(self.completed_at) if self.completed_at else None


class Goal(models.Model):
    """A goal agreed at assessment, rated 0 (not at all) to 10 (completely) for how far it is met now."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="goals")
    description = models.TextField()
    rating = models.PositiveSmallIntegerField(help_text="0 to 10")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.description


class RiskAssessmentQuerySet(ServiceScopedQuerySet):
    service_lookup = "referral__patient__service_id"

    def changes(self):
        """Each risk assessment with the level before it, oldest first (risk_changes.RiskChange)."""
        return risk_changes.changes(self.select_related("recorded_by").order_by("recorded_at", "id"))

    def last_change(self):
        """The change that set the current level, e.g. "Raised from low to high on 3 March 2026"; or None."""
        return risk_changes.last_change(self.changes())


class RiskAssessment(models.Model):
    """One risk assessment. Never changed: a new assessment is a new row, so changes in risk show."""

    referral = models.ForeignKey("referrals.Referral", on_delete=models.PROTECT, related_name="risk_assessments")
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="risk_assessments"
    )
    # Risk to self
    suicidal_thoughts = models.CharField(max_length=3, choices=YesNo.choices)
    suicidal_thoughts_details = models.TextField(blank=True)
    intent = models.CharField("Intent to act on them", max_length=3, choices=YesNo.choices, blank=True)
    plans = models.CharField("Plans", max_length=3, choices=YesNo.choices, blank=True)
    past_actions = models.CharField("Past attempts or preparations", max_length=3, choices=YesNo.choices)
    past_actions_details = models.TextField(blank=True)
    hopelessness = models.CharField(max_length=3, choices=YesNo.choices)
    protective_factors = models.TextField(blank=True)
    self_neglect = models.CharField(max_length=3, choices=YesNo.choices)
    self_neglect_details = models.TextField(blank=True)
    # Risk to and from others
    risk_to_others = models.CharField(max_length=3, choices=YesNo.choices)
    risk_to_others_details = models.TextField(blank=True)
    risk_from_others = models.CharField("Risk from others (safeguarding)", max_length=3, choices=YesNo.choices)
    risk_from_others_details = models.TextField(blank=True)
    # Formulation
    level = models.CharField("Overall risk level", max_length=10, choices=RiskLevel.choices)
    management_plan = models.TextField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = RiskAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self):
        return f"{self.get_level_display()} risk, {self.recorded_at:%d/%m/%Y}"

    @property
    def patient(self):
        return self.referral.patient
