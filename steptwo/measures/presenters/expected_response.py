"""PHQ-9 and GAD-7 against their expected-treatment-response curves, for a referral in treatment (ADR 0010).

Each response is placed at its treatment session number (attended treatment sessions on or before its date,
supervision.etr.session_number_on) and compared with the curve for the referral's intake-severity band: the
first score of the measure is the intake. The latest response is "not on track" when it is above the boundary.
"""

from dataclasses import dataclass

from django.utils import timezone

from steptwo.core.formatting import format_date
from steptwo.measures import charts
from steptwo.measures.charts import number
from steptwo.supervision.etr import MEASURES, session_number_on
from steptwo.supervision.etr_build import band_for

SYNTHETIC_NOTE = "Expected range built from synthetic data"


@dataclass(frozen=True)
class ExpectedRow:
    date: str
    session_number: int
    score: str
    expected: str
    boundary: str
    above: bool


class ExpectedResponse:
    """responses: one measure's current responses, oldest first; session_dates: attended treatment session dates."""

    def __init__(self, curves, instrument, responses, session_dates):
        self.curves, self.instrument, self.responses = curves, instrument, responses
        self.intake = responses[0].total
        self.sessions = [session_number_on(session_dates, timezone.localdate(r.completed_at)) for r in responses]
        self.points = [
            curves.point(self.intake, session) if session >= 1 else None for session in self.sessions
        ]  # fmt: skip

    @property
    def name(self):
        return self.instrument.short_name

    @property
    def band(self):
        """The intake-severity band's label, or "" when the intake is in none (below caseness)."""
        point = self.curves.point(self.intake, 1)
        return point.band if point else ""

    @property
    def synthetic(self):
        return self.curves.synthetic

    @property
    def chart_band(self):
        """charts.Expected for the chart, or None when no response has a curve point."""
        if not any(self.points):
            return None
        values = tuple((point.expected, point.boundary) if point else None for point in self.points)
        return charts.Expected(values, notes=(SYNTHETIC_NOTE,) if self.synthetic else ())

    @property
    def rows(self):
        return [
            ExpectedRow(
                date=format_date(timezone.localdate(response.completed_at)),
                session_number=session,
                score=number(response.total),
                expected=number(point.expected),
                boundary=number(point.boundary),
                above=response.total > point.boundary,
            )
            for response, session, point in zip(self.responses, self.sessions, self.points, strict=True)
            if point
        ]

    @property
    def description(self):
        """What the chart's shaded range is, then the verdict: for the chart's text description."""
        if self.chart_band is None:
            return self.verdict
        source = ", built from synthetic data" if self.synthetic else ""
        return (
            f"The shaded range shows the expected response at each treatment session for people starting in the "
            f"{self.band.lower()} band{source}: from the expected score (the median, dotted line) up to the "
            f"not-on-track boundary (dashed line). {self.verdict}"
        )

    @property
    def caption(self):
        caption = f"{self.name} against the expected response for people starting in the {self.band.lower()} band"
        return caption + (", built from synthetic data" if self.synthetic else "")

    @property
    def not_on_track(self):
        """True or False for the latest response; None when the curves say nothing about it."""
        point = self.points[-1]
        return None if point is None else self.responses[-1].total > point.boundary

    @property
    def verdict(self):
        """One or two sentences on the latest score against the boundary, for the page and the chart's text."""
        if not self.band:
            band = band_for(self.instrument.id, self.intake)
            if band is None:
                return (
                    f"The first {self.name} score, {number(self.intake)}, is below caseness, so there is no expected "
                    "response to compare with."
                )
            return (
                f"There is no expected-response curve yet for people starting in the {band.label.lower()} band: too "
                "few finished episodes started there."
            )
        latest, session, point = self.responses[-1], self.sessions[-1], self.points[-1]
        if point is None:
            return f"The latest {self.name} was completed before the first treatment session: no expected score yet."
        where = f"after {session} treatment session{'s' if session != 1 else ''}"
        if point.session_number < session:
            where += f" (the curve ends at session {point.session_number}, which is used)"
        against = (
            f"the not-on-track boundary of {number(point.boundary)} for people starting in the "
            f"{self.band.lower()} band (expected: {number(point.expected)})"
        )
        if self.not_on_track:
            text = f"Not on track: the latest {self.name} score, {number(latest.total)} {where}, is above {against}."
        else:
            text = f"On track: the latest {self.name} score, {number(latest.total)} {where}, is not above {against}."
        return text + (" The expected response is built from synthetic data." if self.synthetic else "")


def expected_responses(by_instrument, curves, session_dates):
    """{instrument_id: ExpectedResponse} for PHQ-9 and GAD-7 when the service has curves for them."""
    return {
        instrument_id: ExpectedResponse(curves[instrument_id], responses[0].instrument, responses, session_dates)
        for instrument_id, responses in by_instrument.items()
        if instrument_id in MEASURES and instrument_id in curves
    }
