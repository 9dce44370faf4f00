"""How a referral's risk level moved from one risk assessment to the next. Pure: no queries here."""

from dataclasses import dataclass

from django.utils import timezone

from steptwo.core.formatting import format_date
from steptwo.referrals.codes import RiskLevel

# Local scale (referrals.codes.RiskLevel): the data set has no risk code, so the order is ours.
_RANK = {RiskLevel.LOW: 0, RiskLevel.MODERATE: 1, RiskLevel.HIGH: 2}


@dataclass(frozen=True)
class RiskChange:
    """One risk assessment with the level before it: direction is first, raised, lowered or unchanged."""

    row: object  # a RiskAssessment
    level: str
    previous_level: str
    direction: str

    @property
    def label(self):
        return RiskLevel(self.level).label

    @property
    def previous_label(self):
        return RiskLevel(self.previous_level).label if self.previous_level else ""

    @property
    def change_text(self):
        """ "Raised from low to high", "First recorded as moderate", "Unchanged (low)"."""
        if self.direction == "first":
            return f"First recorded as {self.label.lower()}"
        if self.direction == "unchanged":
            return f"Unchanged ({self.label.lower()})"
        return f"{self.direction.capitalize()} from {self.previous_label.lower()} to {self.label.lower()}"

    @property
    def sentence(self):
        """ "Raised from low to high on 3 March 2026": the change and the day it was recorded."""
        return f"{self.change_text} on {format_date(timezone.localtime(self.row.recorded_at))}"


def direction(previous_level, level):
    if not previous_level:
        return "first"
    if level == previous_level:
        return "unchanged"
    return "raised" if _RANK[RiskLevel(level)] > _RANK[RiskLevel(previous_level)] else "lowered"


def changes(rows):
    """RiskChange for each row, in the rows' order (oldest first)."""
    result, previous = [], ""
    for row in rows:
        result.append(RiskChange(row, row.level, previous, direction(previous, row.level)))
        previous = row.level
    return result


def last_change(changes_oldest_first):
    """The change that set the current level (the newest one that was not "unchanged"), or None."""
    return next((change for change in reversed(changes_oldest_first) if change.direction != "unchanged"), None)
