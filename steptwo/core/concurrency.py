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


def refuse_stale_form(form, record, *, what_happened, saved_now=""):
    """Someone saved `record` first (the caller has refreshed it from the database): say so on the form, keeping everything the user typed, and base the
    next save on the saved version, so saving again is a deliberate choice made with `saved_now` in view.

    `what_happened` is a sentence like "Someone else saved this assessment while you were editing";
    `saved_now` (optional) says what the saved record holds now.
    """
    form.add_error(
        None,
        f"{what_happened}, so your changes have not been saved. What you typed is still shown below. "
        + (f"{saved_now} " if saved_now else "")
        + "Check, then save again to keep what is in the form.",
    )
    data = form.data.copy()
    data["version"] = record.version
    form.data = data
