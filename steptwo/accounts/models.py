from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models


class Role(models.TextChoices):
    PWP = "pwp", "Psychological wellbeing practitioner"
    TRAINEE_PWP = "trainee_pwp", "Trainee psychological wellbeing practitioner"
    PWP_SUPERVISOR = "pwp_supervisor", "PWP supervisor"
    HIGH_INTENSITY = "high_intensity", "High-intensity therapist"
    ADMIN_STAFF = "admin_staff", "Admin and booking staff"
    SERVICE_MANAGER = "service_manager", "Service manager"
    SYSTEM_ADMIN = "system_admin", "System administrator"


CLINICAL_ROLES = frozenset({Role.PWP, Role.TRAINEE_PWP, Role.PWP_SUPERVISOR, Role.HIGH_INTENSITY})


class User(AbstractUser):
    """A member of staff. Belongs to exactly one Service and one or more of its Teams."""

    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="staff", null=True)
    teams = models.ManyToManyField("organisations.Team", related_name="members", blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PWP)
    # Who supervises this member of staff's cases (and signs off a trainee's session notes).
    supervisor = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="supervisees")
    # Capacity (supervision.capacity): whole-time equivalent; when a trainee's training year began;
    # an explicit caseload capacity overrides the one worked out from the service's settings.
    fte = models.DecimalField("Whole-time equivalent", max_digits=3, decimal_places=2, default=1)
    training_started_on = models.DateField(null=True, blank=True)
    caseload_capacity = models.PositiveSmallIntegerField(null=True, blank=True)
    failed_sign_ins = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def is_clinical(self):
        return self.role in CLINICAL_ROLES
