"""What the outcomes page shows, worked out from one derivation of the period: the figures of the whole
scope (and of each group when asked), each count and each rate's numerator and denominator with the
drill-down query that lists what is behind it; and the monthly trend sections (chart and table)."""

from dataclasses import dataclass

from steptwo.core.formatting import format_date
from steptwo.outcomes import national
from steptwo.outcomes.aggregates import (
    APPOINTMENT_MEASURES,
    COUNT_MEASURES,
    MEASURES,
    RATE_COHORTS,
    Count,
)  # fmt: skip
from steptwo.outcomes.charts import Point, ReferenceLine, trend_chart
from steptwo.outcomes.trends import CHARTED

# What each rate is out of, in words (domain reference §1.1, §3, §3.1).
COHORT_LABELS = {
    "finished_course": "finished a course of treatment",
    "finished_at_caseness": "finished a course at caseness (finished, less those not at caseness)",
    "reliable_recovery_denominator": "finished a course at caseness (finished, less those not at caseness)",
    "second_treatment": "had their second treatment contact in the period",
}
RELIABLE_RECOVERY_OF_FINISHED = "finished a course of treatment (OUTCOMES_RELIABLE_RECOVERY_DENOMINATOR)"
APPOINTMENTS_WITH_AN_OUTCOME = "appointments with an outcome recorded"
SECTIONS = (
    ("Referrals", COUNT_MEASURES),
    ("Outcomes and waits", tuple(RATE_COHORTS)),
    ("Appointments", tuple(APPOINTMENT_MEASURES)),
)
SUPPRESSED = "*"


@dataclass(frozen=True)
class Figure:
    """One number in a table: its text and, when it can be listed, the drill-down query."""

    text: str
    query: dict | None  # {"measure": ..., "part": ...}; None: suppressed, or nothing to list

    @property
    def suppressed(self):
        return self.text == SUPPRESSED


@dataclass(frozen=True)
class Row:
    measure: str
    label: str
    count: Figure | None  # count measures
    numerator: Figure | None  # rates
    denominator: Figure | None
    denominator_label: str
    percent: str  # "50.5%", "" for counts, "No figure" without a denominator


def sections(measures, *, rules, linked):
    """[(heading, [Row])] of one set of measures. linked: whether figures link to their drill-downs."""
    return [(heading, [_row(name, measures[name], rules, linked) for name in names]) for heading, names in SECTIONS]


def _row(name, value, rules, linked):
    label = MEASURES[name]
    if isinstance(value, Count):
        return Row(name, label, _figure(value.value, name, "count", linked), None, None, "", "")
    return Row(
        name, label, None, _figure(value.numerator, name, "numerator", linked),
        _figure(value.denominator, name, "denominator", linked), denominator_label(name, rules),
        percent_text(value.percent),
    )  # fmt: skip


def _figure(number, measure, part, linked):
    if number is None:
        return Figure(SUPPRESSED, None)
    return Figure(str(number), {"measure": measure, "part": part} if linked and number else None)


def denominator_label(measure, rules):
    if measure in APPOINTMENT_MEASURES:
        return APPOINTMENTS_WITH_AN_OUTCOME
    cohort = RATE_COHORTS[measure][1]
    if cohort == "reliable_recovery_denominator" and rules.reliable_recovery_denominator == "finished":
        return RELIABLE_RECOVERY_OF_FINISHED
    return COHORT_LABELS[cohort]


def percent_text(percent):
    return "No figure" if percent is None else f"{percent}%"


# --- Trends ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendRow:
    month: object  # trends.Month
    numerator: str
    denominator: str
    percent: str


@dataclass(frozen=True)
class TrendSection:
    measure: str
    title: str
    chart: object  # Markup
    rows: list
    references: list  # [national.Reference]: the lines drawn, with their sources
    denominator_label: str


def trend_sections(months, *, rules, today, scope_name):
    return [_trend_section(measure, months, rules, today, scope_name) for measure in CHARTED]


def _trend_section(measure, months, rules, today, scope_name):
    label = MEASURES[measure]
    values = [month.measures[measure] for month in months]
    target, england = national.target(measure, today), national.national(measure)
    references = [reference for reference in (target, england) if reference]
    lines = [ReferenceLine("target", target.percent, target.label)] if target else []
    lines += [ReferenceLine("national", england.percent, england.label)] if england else []
    points = [
        Point(month.label.split()[0], value.percent, month.label.split()[1] if _year_shown(index, month) else "")
        for index, (month, value) in enumerate(zip(months, values, strict=True))
    ]
    title = f"{label}, {scope_name}, by month"
    chart = trend_chart(
        chart_id=f"trend-{measure}", title=title, description=_description(label, months, values, references),
        points=points, lines=lines,
    )  # fmt: skip
    rows = [
        TrendRow(month, _text(value.numerator), _text(value.denominator), percent_text(value.percent))
        for month, value in zip(months, values, strict=True)
    ]
    return TrendSection(measure, label, chart, rows, references, denominator_label(measure, rules))


def _year_shown(index, month):
    return index == 0 or month.start.month == 1


def _text(number):
    return SUPPRESSED if number is None else str(number)


def _description(label, months, values, references):
    """In words what the chart shows: the range, the lowest, highest and latest month, and the lines."""
    shown = [(month, value.percent) for month, value in zip(months, values, strict=True) if value.percent is not None]
    parts = [f"{label} by month from {months[0].label} to {months[-1].label}."]
    if shown:
        low = min(shown, key=lambda pair: pair[1])
        high = max(shown, key=lambda pair: pair[1])
        parts.append(
            f"Lowest {low[1]}% in {low[0].label}, highest {high[1]}% in {high[0].label}, "
            f"{shown[-1][0].label} {shown[-1][1]}%."
        )
    else:
        parts.append("No month has a figure.")
    missing = len(months) - len(shown)
    if shown and missing:
        parts.append(f"{missing} month{'s have' if missing > 1 else ' has'} no figure.")
    parts.extend(f"{reference.label}: {reference.percent}%." for reference in references)
    parts.append("The table that follows gives each month's figures.")
    return " ".join(parts)


def period_text(start, end):
    return f"{format_date(start)} to {format_date(end)}"
