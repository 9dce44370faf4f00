"""Saving a service's supervision settings (review thresholds, capacity, trainee ramp, ETR minimum).

Every value is the service's own choice; the defaults come from issue 6 and none is a national figure,
except that the trainee ramp's end should sit in the 60-80 % range (domain reference §5, Essex HS934).
"""

from django.db import transaction
from django.utils import timezone

from steptwo.core.concurrency import update_if_unchanged
from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.supervision.models import SupervisionSettings

EDITABLE_FIELDS = (
    "no_improvement_sessions", "no_contact_days", "consecutive_dnas", "sessions_without_plan", "not_discussed_weeks",
    "qualified_caseload_capacity", "trainee_start_percent", "trainee_end_percent", "etr_minimum_episodes",
)  # fmt: skip

RAMP_BACKWARDS = (
    "Trainee capacity at the end of the training year must be the same as or more than at the start "
    "(trainees build up their caseload as they train)"
)


def check_trainee_ramp(*, start, end):
    """Trainees build up towards a qualified caseload (domain reference §5): the ramp never goes down."""
    if end < start:
        raise NotAllowed(RAMP_BACKWARDS)


@transaction.atomic
def save_supervision_settings(*, by, service, expected_version, **values):
    """Save `values` as `service`'s settings if nobody saved them since `expected_version`.

    A service that never saved its settings has the defaults at version 1 (SupervisionSettings.for_service),
    so the first save creates the row at version 1 and moves it on like any other. Raises StaleEditError
    when someone else saved first, NotAllowed when the trainee ramp goes down.
    """
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown supervision settings: {sorted(unknown)}")
    settings, _ = SupervisionSettings.objects.get_or_create(service=service)
    merged = {name: values.get(name, getattr(settings, name)) for name in EDITABLE_FIELDS}
    check_trainee_ramp(start=merged["trainee_start_percent"], end=merged["trainee_end_percent"])
    changed = {name: value for name, value in values.items() if getattr(settings, name) != value}
    previous = {name: getattr(settings, name) for name in changed}
    update_if_unchanged(
        settings, expected_version=expected_version, updated_by=by, updated_at=timezone.now(), **changed
    )  # .update() skips auto_now
    audit.record(
        by=by, action=AuditAction.UPDATE, obj=settings, service=service,
        detail={"changed": {name: {"from": previous[name], "to": value} for name, value in changed.items()}},
    )  # fmt: skip
    return settings
