from django.db import models


class StoredOutcome(models.Model):
    """A discharged referral's derived outcome (derivation.ReferralOutcome, less what is read from the
    referral itself), kept so that a report reads one row instead of the referral's history (ADR 0012).

    Database triggers (migration 0002) add 1 to `changes` whenever a row the derivation reads for this
    referral is inserted, updated or deleted: its appointments, questionnaire responses, presenting
    complaints and discharge, and its received date. A row is used only while `derived_changes` (the
    `changes` read before it was derived) still equals `changes`, its `basis` is today's (the rule settings
    and reference data it was judged by) and the report's last day is on or after `valid_from`. Every
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
    valid_from = models.DateField(null=True)  # discharge date, or the last presenting complaint's if later

    assessment_first_date = models.DateField(null=True)
    therapy_first_date = models.DateField(null=True)
    therapy_second_date = models.DateField(null=True)
    therapy_last_date = models.DateField(null=True)
    care_contact_count = models.PositiveIntegerField(db_default=0)
    treatment_contact_count = models.PositiveIntegerField(db_default=0)
    # Each measure's first and last scores and how many (count 0: none), as judgement.Scores.
    phq9_first = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    phq9_last = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    phq9_count = models.PositiveIntegerField(db_default=0)
    gad7_first = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    gad7_last = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    gad7_count = models.PositiveIntegerField(db_default=0)
    adsm = models.CharField(max_length=20, db_default="")  # the anxiety measure used
    anxiety_first = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    anxiety_last = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    anxiety_count = models.PositiveIntegerField(db_default=0)
    not_caseness = models.BooleanField(db_default=False)
    recovery = models.BooleanField(db_default=False)
    reliable_improvement = models.BooleanField(db_default=False)
    reliable_deterioration = models.BooleanField(db_default=False)
    no_change = models.BooleanField(db_default=False)
    reliable_recovery = models.BooleanField(db_default=False)

    def __str__(self):
        return f"Outcome of referral {self.referral_id}"
