"""Querysets of patient data scoped to the user's Service, and the paired when/who constraint."""

from django.db import models


class ServiceScopedQuerySet(models.QuerySet):
    """`for_user(user)` is the only way views reach patient data (see ADR 0004 and the scoping lint)."""

    service_lookup = "patient__service_id"  # the path from this model to its Service's id
    permission = "patients.view_patient"  # Permission.VIEW_PATIENT (accounts/rules.py): who may see any rows

    def for_user(self, user):
        if not user.has_perm(self.permission):
            return self.none()
        return self.filter(**{self.service_lookup: user.service_id})


def both_or_neither(when, who, name):
    """A CheckConstraint that `when` and `who` (e.g. completed_at, completed_by) are set together."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{when}__isnull": True, f"{who}__isnull": True})
        | models.Q(**{f"{when}__isnull": False, f"{who}__isnull": False}),
        name=name,
    )
