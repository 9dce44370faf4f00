"""Code lists for supervision (domain reference §5: case-management and clinical-skills supervision)."""

from django.db import models


class SupervisionKind(models.TextChoices):
    CASE_MANAGEMENT = "case_management", "Case management"
    CLINICAL_SKILLS = "clinical_skills", "Clinical skills"


class CaseDecision(models.TextChoices):
    CONTINUE = "continue", "Continue as planned"
    CHANGE_INTERVENTION = "change_intervention", "Change intervention"
    STEP_UP = "step_up", "Step up to high intensity"
    DISCHARGE = "discharge", "Discharge"
    RISK_ACTION = "risk_action", "Risk action"
    OTHER = "other", "Other"


# Decisions that count as "a discharge or step-up plan" for the review rule on long courses.
PLAN_DECISIONS = frozenset({CaseDecision.STEP_UP, CaseDecision.DISCHARGE})
