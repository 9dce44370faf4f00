"""The outcome rules where the national definition leaves a question open (domain reference §10).

Each open question is a named Django setting with a default, so a service (or NHS England's answer) can
change the rule without a code change, and every figure can say which rule produced it:

OUTCOMES_RELIABLE_CHANGE_BOUNDARY (§10 Q2), default "at_least"
    "at_least":  a change of exactly the reliable-change index is reliable (PHQ-9 17 → 11 with an index
                 of 6 is a reliable improvement). Papers and the IAPT Manual: "a reduction of 6 or more";
                 also the convention noted in measures/reference_data/thresholds.csv.
    "more_than": the change must exceed the index (NHS England annual-report text "first − last >
                 reliable improvement threshold"): 17 → 11 is not reliable, 17 → 10 is.

OUTCOMES_DETERIORATION_RULE (§10 Q3), default "either_measure"
    "either_measure": reliable deterioration when either measure rises by the index, whatever the other
                      does (§1.3 reference algorithm). A referral improving on one measure and
                      deteriorating on the other is a deterioration, and not an improvement.
    "not_mixed":      such a mixed referral is neither: it counts as no reliable change. Deterioration
                      needs a reliable rise on one measure and no reliable fall on the other.

OUTCOMES_RELIABLE_RECOVERY_DENOMINATOR (§10 Q5), default "finished_at_caseness"
    "finished_at_caseness": finished a course minus those not at caseness at the start (the official
                            rate, [NHSE-META-A] Percentage_ReliableRecovery, [NHSE-CDP] CDP_B06).
    "finished":             every referral that finished a course (one NHS England dashboard script).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

AT_LEAST, MORE_THAN = "at_least", "more_than"
EITHER_MEASURE, NOT_MIXED = "either_measure", "not_mixed"
FINISHED_AT_CASENESS, FINISHED = "finished_at_caseness", "finished"

CHOICES = {
    "OUTCOMES_RELIABLE_CHANGE_BOUNDARY": (AT_LEAST, MORE_THAN),
    "OUTCOMES_DETERIORATION_RULE": (EITHER_MEASURE, NOT_MIXED),
    "OUTCOMES_RELIABLE_RECOVERY_DENOMINATOR": (FINISHED_AT_CASENESS, FINISHED),
}


@dataclass(frozen=True)
class Rules:
    reliable_change_boundary: str
    deterioration: str
    reliable_recovery_denominator: str

    def is_reliable(self, change, index):
        """Whether a change (always >= 0: a fall for improvement, a rise for deterioration) is reliable."""
        return change >= index if self.reliable_change_boundary == AT_LEAST else change > index

    def as_dict(self):
        """The settings by name, as reports print them next to the figures they produced."""
        return {
            "OUTCOMES_RELIABLE_CHANGE_BOUNDARY": self.reliable_change_boundary,
            "OUTCOMES_DETERIORATION_RULE": self.deterioration,
            "OUTCOMES_RELIABLE_RECOVERY_DENOMINATOR": self.reliable_recovery_denominator,
        }


def current():
    """The rules the settings choose now (read on every call, so tests can override the settings)."""
    return Rules(
        reliable_change_boundary=_setting("OUTCOMES_RELIABLE_CHANGE_BOUNDARY"),
        deterioration=_setting("OUTCOMES_DETERIORATION_RULE"),
        reliable_recovery_denominator=_setting("OUTCOMES_RELIABLE_RECOVERY_DENOMINATOR"),
    )


def _setting(name):
    allowed = CHOICES[name]
    value = getattr(settings, name, allowed[0])
    if value not in allowed:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(allowed)}; it is {value!r}")
    return value
