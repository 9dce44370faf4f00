from django.db import models


class StoredOutcome(models.Model):
    """A discharged referral's derived outcome (derivation.ReferralOutcome, less what is read from the
    referral itself), kept so that a report reads one row instead of the referral's history (ADR 0012).

    Database triggers (migration 0002) add 1 to `changes` whenever a row the derivation reads for this
    referral is inserted, updated or deleted: its appointments, questionnaire responses, presenting
    complaints and discharge, and its received date. A row is used only while `derived_changes` (the
    `changes` read before it was derived) still equals `changes`, its `basis` is today's (the rule settings
    and reference data it was judged by) and the report's last day is from `valid_from` to `valid_until`. Every
    other referral is derived again from its history (storage.py).
    """

    # No database constraint: triggers write rows, and a row for a deleted referral is only ever unused.
    referral = models.OneToOneField(
        "referrals.Referral",
        on_delete=models.CASCADE,
        primary_key=True,
        db_constraint=False,
        related_name="stored_outcome",
    )
    changes = models.PositiveIntegerField(db_default=0)
    derived_changes = models.PositiveIntegerField(null=True)
    basis = models.CharField(max_length=64, db_default="")
    # The days of a report's last day it holds for (storage.py): from the discharge date (or the day the
    # latest presenting complaint was recorded, if later); for a referral stored while open, from the day it
    # was derived as at to the day before its discharge, if it has one.
    valid_from = models.DateField(null=True)
    valid_until = models.DateField(null=True)

    # The derived fields as text, "|" between them, in the order of storage.FIELDS (written and read only by
    # storage.py): a year's report reads tens of thousands of rows, and one column is much cheaper to read
    # than 25.
    outcome = models.TextField(db_default="")

    def __str__(self):
        return f"Outcome of referral {self.referral_id}"
