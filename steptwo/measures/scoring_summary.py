"""What a saved score means for the clinician: band, caseness against versioned reference data."""

from dataclasses import dataclass

from django.utils.html import format_html

from steptwo.core.formatting import format_score
from steptwo.measures.models import Threshold


@dataclass(frozen=True)
class ScoreSummary:
    response: object
    threshold: object  # Threshold or None

    @property
    def instrument(self):
        return self.response.instrument

    @property
    def total(self):
        return format_score(self.response.total)

    @property
    def result_html(self):
        band = f" ({self.response.band})" if self.response.band else ""
        return format_html("<strong>{}</strong>{}<br>{}", self.total, band, self.caseness_text)

    @property
    def at_caseness(self):
        if self.threshold is None or self.threshold.caseness_cutoff is None:
            return None
        return self.response.total >= self.threshold.caseness_cutoff

    @property
    def caseness_text(self):
        if self.at_caseness is None:
            return "No caseness threshold is known for this measure"
        cutoff = format_score(self.threshold.caseness_cutoff)
        verdict = "At caseness" if self.at_caseness else "Below caseness"
        flag = (
            " (threshold unverified: check the current NHS Talking Therapies Manual)"
            if not self.threshold.verified
            else ""
        )
        return f"{verdict} (threshold {cutoff} or more){flag}"

    @property
    def risk_messages(self):
        score = self.instrument.score(self.response.answers(), frozenset(self.response.context))
        return [rule.message for rule in score.risks]


def summarise(responses):
    return [
        ScoreSummary(response, Threshold.objects.current(response.instrument_id, response.completed_at.date()))
        for response in responses
    ]
