"""The progress page for one referral: per instrument, a chart of totals with its data table, the
answers item by item, and whether the change from first to latest response is reliable.

Thresholds (caseness, reliable-change index) are the ones in force on the date of the latest response.
Every instrument here scores higher for worse symptoms, so a fall is an improvement.
"""

import textwrap
from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone

from steptwo.appointments.models import Appointment
from steptwo.core.formatting import format_date, format_datetime
from steptwo.measures import charts, instruments
from steptwo.measures.adsm import adsm_for_referral
from steptwo.measures.charts import number
from steptwo.measures.licensed_text import item_texts
from steptwo.measures.models import Threshold
from steptwo.measures.presenters.expected_response import expected_responses
from steptwo.referrals.codes import ReferralStatus
from steptwo.supervision.etr import load_curves

FIRST_INSTRUMENTS = ("phq9", "gad7")  # then the referral's anxiety-disorder-specific measure, then the rest
MOVED_BY = 2  # an item whose answer changed by this much, first to latest, is marked
ITEM_TEXT_WIDTH = 60


def signed(value):
    """+2, −3 (a real minus sign, which screen readers say as "minus"), 0."""
    if value > 0:
        return f"+{number(value)}"
    if value < 0:
        return f"−{number(-value)}"
    return "0"


def instrument_order(instrument_ids, adsm_id=None):
    """PHQ-9, GAD-7, the ADSM, then the others in registry order."""
    first = [*FIRST_INSTRUMENTS, *([adsm_id] if adsm_id else [])]
    registry = list(instruments.INSTRUMENTS)

    def key(instrument_id):
        return (
            first.index(instrument_id) if instrument_id in first else len(first),
            registry.index(instrument_id) if instrument_id in registry else len(registry),
            instrument_id,
        )

    return sorted(set(instrument_ids), key=key)


class ProgressPresenter:
    def __init__(self, referral, responses):
        self.referral = referral
        self.responses = [response for response in responses if response.instrument_id in instruments.INSTRUMENTS]

    @cached_property
    def sections(self):
        adsm, _ = adsm_for_referral(self.referral)
        by_instrument = {}
        for response in sorted(self.responses, key=lambda response: (response.completed_at, response.pk)):
            by_instrument.setdefault(response.instrument_id, []).append(response)
        service = self.referral.patient.service
        expected = self._expected(by_instrument, service)
        return [
            InstrumentProgress(
                instrument,
                by_instrument[instrument.id],
                texts=item_texts(service, instrument),
                expected=expected.get(instrument.id),
            )
            for instrument in map(instruments.get, instrument_order(by_instrument, adsm.id if adsm else None))
        ]

    def _expected(self, by_instrument, service):
        """The expected-response curves for PHQ-9 and GAD-7, drawn only for a referral in treatment."""
        if self.referral.status != ReferralStatus.IN_TREATMENT or not {"phq9", "gad7"} & set(by_instrument):
            return {}
        starts = Appointment.objects.filter(referral=self.referral).treatment().values_list("starts_at", flat=True)
        session_dates = [timezone.localdate(starts_at) for starts_at in starts]
        return expected_responses(by_instrument, load_curves(service), session_dates)


@dataclass(frozen=True)
class TotalRow:
    date: str
    total: str
    band: str
    completed_by: str
    change: str


@dataclass(frozen=True)
class ItemRow:
    number: int
    label: str
    values: tuple  # one answer (or None) per response, oldest first
    change: int | None  # latest minus first, when both were answered

    @property
    def moved(self):
        return self.change is not None and abs(self.change) >= MOVED_BY

    @property
    def change_text(self):
        return "" if self.change is None else signed(self.change)


class InstrumentProgress:
    """One instrument's responses for a referral, oldest first (at least one).

    texts: {item id: wording} to label the items (measures.licensed_text.item_texts: the shipped wording, or
    the text the service has loaded under its own licence); an item without wording is "Question N".
    expected: an ExpectedResponse (PHQ-9 and GAD-7 of a referral in treatment), drawn behind the line.
    """

    def __init__(self, instrument, responses, texts=None, expected=None):
        self.instrument = instrument
        self.expected = expected
        self.responses = responses
        if texts is None:
            texts = {item.id: item.text for item in instrument.items} if instrument.wording_shipped else {}
        self.texts = texts
        self.first, self.latest = responses[0], responses[-1]
        self.threshold = Threshold.objects.current(instrument.id, on=self._date(self.latest))

    @property
    def id(self):
        return self.instrument.id

    @property
    def has_bands(self):
        return bool(self.instrument.bands)

    @property
    def change(self):
        return self.latest.total - self.first.total

    @property
    def unverified(self):
        return self.threshold is not None and not self.threshold.verified

    @property
    def caseness_label(self):
        """ "Caseness ≥ 10", with "(unverified)" when the reference data is unsourced; "" when unknown."""
        if self.threshold is None or self.threshold.caseness_cutoff is None:
            return ""
        return f"Caseness ≥ {number(self.threshold.caseness_cutoff)}" + (" (unverified)" if self.unverified else "")

    @property
    def caption(self):
        caption = f"{self.instrument.short_name} totals, oldest first"
        return f"{caption}. {self.caseness_label}" if self.caseness_label else caption

    @property
    def chart(self):
        instrument = self.instrument
        line = None
        if self.caseness_label:
            line = charts.Line(self.threshold.caseness_cutoff, self.caseness_label)
        band = self.expected.chart_band if self.expected else None
        sessions = self.expected.sessions if band else [None] * len(self.responses)
        points = [
            charts.Point(self._short_date(response), response.total, "" if session is None else f"S{session}")
            for response, session in zip(self.responses, sessions, strict=True)
        ]
        return charts.line_chart(
            chart_id=f"chart-{instrument.id}", title=f"{instrument.short_name} total by date completed",
            description=self.summary, points=points, y_min=instrument.total_min, y_max=instrument.total_max,
            stripes=self._stripes(), line=line, expected=band,
        )  # fmt: skip

    @property
    def summary(self):
        """The chart's description: first and latest score, the change, and the caseness line."""
        first, latest = self.first, self.latest
        text = f"First: {self._total_and_band(first)} on {self._long_date(first)}."
        if len(self.responses) > 1:
            text += f" Latest: {self._total_and_band(latest)} on {self._long_date(latest)}."
            text += f" Change: {signed(self.change)} over {len(self.responses)} responses."
        if self.caseness_label:
            text += f" The dashed line marks caseness at {number(self.threshold.caseness_cutoff)} or above"
            text += " (unverified)." if self.unverified else "."
        if self.expected:
            text += f" {self.expected.description}"
        return text

    @property
    def rows(self):
        return [self._row(index, response) for index, response in enumerate(self.responses)]

    def _row(self, index, response):
        return TotalRow(
            date=self._long_date(response), total=number(response.total), band=response.band,
            completed_by=response.get_completed_by_display(),
            change="First response" if index == 0 else signed(response.total - self.first.total),
        )  # fmt: skip

    @property
    def columns(self):
        """Dates that head the item-by-item table; with the time when two responses share a date."""
        dates = [self._long_date(response) for response in self.responses]
        if len(set(dates)) < len(dates):
            return [format_datetime(response.completed_at) for response in self.responses]
        return dates

    @property
    def item_rows(self):
        answers = [response.answers() for response in self.responses]
        rows = []
        for item in self.instrument.items:
            values = tuple(answer.get(item.id) for answer in answers)
            first, latest = values[0], values[-1]
            change = latest - first if len(values) > 1 and None not in (first, latest) else None
            rows.append(ItemRow(item.number, self._item_label(item), values, change))
        return rows

    @property
    def reliable_change(self):
        """A sentence on first → latest change and the reliable-change index; no verdict without an index."""
        name = self.instrument.short_name
        if len(self.responses) < 2:
            return f"Only one {name} response so far, so there is no change to judge yet."
        moved = (
            f"{name} went from {number(self.first.total)} on {self._long_date(self.first)} to "
            f"{number(self.latest.total)} on {self._long_date(self.latest)}: a change of {signed(self.change)}."
        )
        if self.threshold is None or self.threshold.reliable_change is None:
            return f"{moved} No reliable-change index is known for {name}, so reliable change cannot be judged."
        index = f"{number(self.threshold.reliable_change)}" + (" (unverified)" if self.unverified else "")
        if abs(self.change) < self.threshold.reliable_change:
            return f"{moved} This is not a reliable change: the reliable-change index is {index}."
        direction = "improvement" if self.change < 0 else "deterioration"
        return f"{moved} This is a reliable {direction}: it meets the reliable-change index of {index}."

    def _stripes(self):
        bands = self.instrument.bands
        return [
            charts.Stripe(
                band.minimum, bands[index + 1].minimum if index + 1 < len(bands) else band.maximum, band.label
            )
            for index, band in enumerate(bands)
        ]

    def _item_label(self, item):
        text = self.texts.get(item.id, "")
        if text:
            label = f"{item.number}. {textwrap.shorten(text, ITEM_TEXT_WIDTH, placeholder='…')}"
        else:
            label = f"Question {item.number}"
        return label if item.scored else f"{label} (not scored)"

    @staticmethod
    def _total_and_band(response):
        return f"{number(response.total)}" + (f" ({response.band.lower()})" if response.band else "")

    @staticmethod
    def _date(response):
        return timezone.localdate(response.completed_at)

    def _long_date(self, response):
        return format_date(self._date(response))

    def _short_date(self, response):
        date = self._date(response)
        return f"{date.day} {date:%b}"
