"""Discharge records: the end code the journey chose, the first and last scores, a staying-well plan.

As referrals.discharge.discharge writes them: the scores are what measures.first_last gives at the
time; those who completed treatment have a staying-well (relapse prevention) plan.
"""

from django.utils import timezone

from steptwo.demo import discharge_text as text
from steptwo.demo.db import Table
from steptwo.demo.randomness import chance
from steptwo.referrals.models import Discharge

FIELDS = (
    "referral", "discharge_date", "end_code", "outcome_summary", "scores", "warning_signs", "what_helps",
    "support_contacts", "setback_plan", "recorded_at", "recorded_by",
)  # fmt: skip
STAYING_WELL_PLAN = 0.9  # of completed courses (end code 46)


class Discharges:
    def __init__(self, demo):
        self.rng = demo.stream("discharges")
        self.table = Table(Discharge, FIELDS)

    def add(self, episode, scores):
        journey, rng = episode.journey, self.rng
        if not journey.discharged_at:
            return
        plan = ["", "", "", ""]
        if journey.end_code == "46" and chance(rng, STAYING_WELL_PLAN):
            plan = [rng.choice(bank) for bank in (text.WARNING_SIGNS, text.WHAT_HELPS, text.SUPPORT_CONTACTS,
                                                   text.SETBACK_PLANS)]  # fmt: skip
        self.table.add(
            episode.referral.pk, timezone.localtime(journey.discharged_at).date(), journey.end_code,
            journey.discharge_summary, scores.first_and_last() if scores else {}, *plan, journey.discharged_at,
            journey.discharged_by_id,
        )  # fmt: skip

    def write(self, counts):
        counts["discharges"] += self.table.write()
