"""The shape of a declarative instrument definition, and the one place totals are computed.

Each instrument is a module in this package that builds one `Instrument`. Scoring, validation of
answers, severity bands and risk rules all live here, so no other code computes a total.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

# Context flags that make an item not applicable (Item.not_applicable_when), with the label a form shows
# beside the checkbox that sets them. Stored in QuestionnaireResponse.context: never rename a flag.
CONTEXT_FLAGS = {
    "not_working": "Retired or not working (the work question does not apply)",
    "no_periods": "The question about periods does not apply (the PHQ-15 asks it of women only)",
}


@dataclass(frozen=True)
class Option:
    value: int
    label: str


@dataclass(frozen=True)
class Item:
    id: str  # stable identifier stored with answers, e.g. "q9"
    number: int  # shown to the user
    text: str = ""  # empty for data-only instruments until a service loads its licensed text
    options: tuple[Option, ...] = ()
    scored: bool = True  # PHQ-9's difficulty item is asked but not scored
    required: bool = True
    loinc: str = ""
    # Context flag that makes this item "not applicable" (e.g. WSAS work item when retired).
    not_applicable_when: str = ""

    @cached_property
    def values(self):
        return frozenset(option.value for option in self.options)


@dataclass(frozen=True)
class Band:
    minimum: Decimal
    maximum: Decimal
    label: str

    def contains(self, total):
        return self.minimum <= total <= self.maximum


@dataclass(frozen=True)
class RiskRule:
    item_id: str
    minimum: int  # an answer at or above this raises the rule
    kind: str  # e.g. "suicidal_ideation"
    message: str


@dataclass(frozen=True)
class Codes:
    loinc_panel: str = ""
    loinc_total: str = ""
    snomed_total: str = ""


@dataclass(frozen=True)
class Score:
    total: Decimal
    band: str
    risks: tuple[RiskRule, ...] = ()
    not_applicable: tuple[str, ...] = ()


class ScoringError(ValueError):
    """Raised with a message per item id for every unanswered or invalid item."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(f"{item}: {message}" for item, message in errors.items()))


@dataclass(frozen=True)
class Instrument:
    id: str  # "phq9"
    short_name: str  # "PHQ-9"
    name: str  # "Patient Health Questionnaire-9"
    version: str
    source: str  # the published source of items, scoring and bands
    licence: str  # what the licence allows; see wording_shipped
    wording_shipped: bool  # False: data only, until a service loads licensed text
    items: tuple[Item, ...]
    total_min: Decimal
    total_max: Decimal
    scoring: str = "sum"  # "sum" or "mean" (Mobility Inventory)
    stem: str = ""
    bands: tuple[Band, ...] = ()
    bands_source: str = ""
    codes: Codes = field(default_factory=Codes)
    risk_rules: tuple[RiskRule, ...] = ()
    # Prorating only where the instrument's own source defines it: the most items that may be missing.
    max_missing_prorated: int = 0
    # True where the source substitutes not-applicable items like missing ones (WSAS work item, NHS Data
    # Dictionary): they are prorated and count towards max_missing_prorated. False: they are left out of
    # the sum (PHQ-15 menstrual item for men).
    prorate_not_applicable: bool = False

    @property
    def scored_items(self):
        return tuple(item for item in self.items if item.scored)

    def item(self, item_id):
        return next(item for item in self.items if item.id == item_id)

    def applicable_items(self, context=frozenset()):
        return tuple(
            item for item in self.items if not (item.not_applicable_when and item.not_applicable_when in context)
        )

    @property
    def context_flags(self):
        """The context flags (keys of CONTEXT_FLAGS) that make one of this instrument's items not applicable."""
        return tuple(dict.fromkeys(item.not_applicable_when for item in self.items if item.not_applicable_when))

    def score(self, answers, context=frozenset()):
        """Validate `answers` ({item id: int or None}) and return the Score.

        context: flags such as {"not_working"} that make some items not applicable.
        Raises ScoringError naming every unanswered or invalid item.
        """
        items = self.applicable_items(context)
        not_applicable = [
            item for item in self.items if item.not_applicable_when and item.not_applicable_when in context
        ]
        substituted = sum(1 for item in not_applicable if item.scored) if self.prorate_not_applicable else 0
        errors = self._errors(answers, items, substituted)
        if errors:
            raise ScoringError(errors)
        scored = [answers.get(item.id) for item in items if item.scored]
        total = self._total([value for value in scored if value is not None], missing=scored.count(None) + substituted)
        return Score(
            total=total,
            band=self.band_for(total),
            risks=tuple(rule for rule in self.risk_rules if (answers.get(rule.item_id) or 0) >= rule.minimum),
            not_applicable=tuple(item.id for item in not_applicable),
        )

    def band_for(self, total):
        return next((band.label for band in self.bands if band.contains(total)), "")

    def _errors(self, answers, items, substituted=0):
        errors = {}
        known = {item.id for item in self.items}
        for unknown in sorted(set(answers) - known):
            errors[unknown] = f"{self.short_name} has no question {unknown}"
        missing_scored = 0
        for item in items:
            value = answers.get(item.id)
            if value is None:
                if item.scored and item.required:
                    missing_scored += 1
                    errors[item.id] = f"Answer question {item.number}"
                continue
            if isinstance(value, bool) or not isinstance(value, int) or value not in item.values:
                allowed = ", ".join(str(option.value) for option in item.options)
                errors[item.id] = f"Question {item.number} must be one of {allowed}"
        if 0 < missing_scored + substituted <= self.max_missing_prorated and len(errors) == missing_scored:
            return {}
        return errors

    def _total(self, values, missing):
        if self.scoring == "mean":
            mean = Decimal(sum(values)) / Decimal(len(values))
            return mean.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        total = Decimal(sum(values))
        if missing:  # prorate: scale the sum up to the full number of scored items
            scale = Decimal(len(values) + missing) / Decimal(len(values))
            total = (total * scale).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return total


def options(*labels, start=0):
    """Response options numbered from `start`: options("Not at all", "Several days", ...)."""
    return tuple(Option(value, label) for value, label in enumerate(labels, start=start))


def bands(*rows):
    """bands((0, 4, "None to minimal"), (5, 9, "Mild"), ...)"""
    return tuple(Band(Decimal(str(low)), Decimal(str(high)), label) for low, high, label in rows)
