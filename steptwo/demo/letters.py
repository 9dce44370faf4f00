"""Discharge letters for the newest few discharges, made by the letters service itself.

Rendering a PDF takes a fraction of a second, so only the newest few discharges get their letters to
the GP and the patient (RECENT_DISCHARGES unless seed_demo is told otherwise); older ones have none. The service audits each letter and
dates it today; the rows are then dated a few minutes after their discharge was recorded.
"""

import datetime

from steptwo.letters.models import Letter
from steptwo.letters.services import create_discharge_letters
from steptwo.referrals.models import Discharge

RECENT_DISCHARGES = 5


def recent_discharge_letters(demo, discharges):
    """Make the letters of the newest `discharges` discharges; return how many letters."""
    newest = (
        Discharge.objects.filter(referral__patient__service=demo.service)
        .select_related("referral__patient__service", "referral__team", "recorded_by")
        .order_by("-recorded_at", "-id")[:discharges]
    )
    made = 0
    for discharge in newest:
        letters = create_discharge_letters(by=discharge.recorded_by, discharge=discharge)
        Letter.objects.filter(pk__in=[letter.pk for letter in letters]).update(
            created_at=discharge.recorded_at + datetime.timedelta(minutes=3)
        )
        made += len(letters)
    return made
