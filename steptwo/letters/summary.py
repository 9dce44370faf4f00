"""First and last scores as the discharge page and letters show them: totals, change and the clinical
threshold (caseness cut-off) each score sits against. Recovery is not judged here: a later issue does
that with the national definitions.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from steptwo.core.formatting import format_score
from steptwo.measures import instruments
from steptwo.measures.models import Threshold


@dataclass(frozen=True)
class Score:
    total: str
    date: datetime.date
    threshold: str  # e.g. "at or above the clinical threshold (10)"; "" when the measure has none


@dataclass(frozen=True)
class ScoreRow:
    short_name: str
    name: str
    first: Score
    last: Score
    count: int
    change: str  # "down 11", "up 2", "no change", or "only one score" when there is one


def score_rows(scores):
    """Rows for Discharge.scores or measures.first_last.first_and_last(referral), in the same order."""
    return [_row(instrument_id, entry) for instrument_id, entry in scores.items()]


def _row(instrument_id, entry):
    instrument = instruments.get(instrument_id)
    first = _score(instrument_id, entry["first"], entry["first_date"])
    last = _score(instrument_id, entry["last"], entry["last_date"])
    return ScoreRow(
        short_name=instrument.short_name, name=instrument.name, first=first, last=last,
        count=entry.get("count", 2), change=_change(entry),
    )  # fmt: skip


def _score(instrument_id, total, iso_date):
    day = datetime.date.fromisoformat(iso_date)
    return Score(total=total, date=day, threshold=threshold_wording(instrument_id, Decimal(total), day))


def threshold_wording(instrument_id, total, on):
    """Where a total sits against the caseness cut-off in force that day (at or above = caseness,
    domain reference §2.1); a cut-off the reference does not source is flagged as not verified."""
    threshold = Threshold.objects.current(instrument_id, on)
    if threshold is None or threshold.caseness_cutoff is None:
        return ""
    cutoff = format_score(threshold.caseness_cutoff)
    side = "at or above" if total >= threshold.caseness_cutoff else "below"
    unverified = "" if threshold.verified else ", a threshold not yet verified"
    return f"{side} the clinical threshold ({cutoff}{unverified})"


def _change(entry):
    if entry.get("count", 2) < 2:
        return "only one score"
    difference = Decimal(entry["last"]) - Decimal(entry["first"])
    if difference == 0:
        return "no change"
    return f"{'down' if difference < 0 else 'up'} {format_score(abs(difference))}"
