from django.conf import settings
from django.db import models

from steptwo.core.models.scoping import ServiceScopedQuerySet, both_or_neither


class TaskKind(models.TextChoices):
    RISK_REVIEW = "risk_review", "Risk review"
    DNA_FOLLOW_UP = "dna_follow_up", "Follow up a missed appointment"
    NOTE_SIGN_OFF = "note_sign_off", "Sign off a trainee's session note"
    SUPERVISION_ACTION = "supervision_action", "Supervision action"


class TaskQuerySet(ServiceScopedQuerySet):
    def open(self):
        return self.filter(completed_at__isnull=True)


class Task(models.Model):
    """Something a member of staff must do about a patient: a risk review, a DNA follow-up, ..."""

    patient = models.ForeignKey("patients.Patient", on_delete=models.PROTECT, related_name="tasks")
    referral = models.ForeignKey("referrals.Referral", on_delete=models.PROTECT, null=True, related_name="tasks")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="tasks")
    kind = models.CharField(max_length=30, choices=TaskKind.choices)
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True)
    due_date = models.DateField()
    # What raised it, e.g. the questionnaire response with PHQ-9 item 9 endorsed.
    source_response = models.ForeignKey(
        "measures.QuestionnaireResponse", on_delete=models.PROTECT, null=True, blank=True, related_name="tasks"
    )
    # ... or the appointment it is about (a DNA to follow up, a session note to sign off).
    source_appointment = models.ForeignKey(
        "appointments.Appointment", on_delete=models.PROTECT, null=True, blank=True, related_name="tasks"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outcome = models.TextField(blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "created_at"]
        constraints = [both_or_neither("completed_at", "completed_by", name="task_completed_at_and_by_paired")]

    def __str__(self):
        return self.title
