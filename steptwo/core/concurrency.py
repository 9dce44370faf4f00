"""Optimistic concurrency for clinical records: an edit based on an old version is refused, never merged."""

from django.db.models import F

from steptwo.core.errors import StaleEditError

STALE_MESSAGE = "This record was changed by someone else after you opened it"


def update_if_unchanged(instance, *, expected_version, **changes):
    """Write `changes` to `instance` only if its row still has `expected_version`; bump the version.

    Raises StaleEditError (leaving the database as it was) when someone else saved first.
    """
    model = type(instance)
    updated = model._base_manager.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1, **changes
    )
    if not updated:
        raise StaleEditError(STALE_MESSAGE)
    instance.refresh_from_db()
    return instance
