from django.core.validators import RegexValidator
from django.db import models

ods_code_validator = RegexValidator(
    r"^[A-Z0-9]{3,6}$", "Enter an ODS code of 3 to 6 capital letters and digits, like RMY or RMY01"
)


DEFAULT_CRISIS_TEXT = (
    "If you need help now: if your life is at risk or you have seriously harmed yourself, call 999 or go to "
    "A&E. For urgent help with your mental health, call NHS 111 and choose the mental health option. "
    "You can talk to Samaritans any time, free, on 116 123."
)


class Service(models.Model):
    """An NHS Talking Therapies provider service: the tenant. Nothing is shared between services."""

    name = models.CharField(max_length=200)
    ods_code = models.CharField("ODS code", max_length=6, unique=True, validators=[ods_code_validator])
    # Shown to patients wherever their answers may mean they are at risk (e.g. PHQ-9 question 9).
    crisis_text = models.TextField(default=DEFAULT_CRISIS_TEXT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Team(models.Model):
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)
    code = models.CharField(max_length=20, help_text="Short code used in reports, unique in the service")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["service", "code"], name="team_code_unique_in_service")]

    def __str__(self):
        return self.name
