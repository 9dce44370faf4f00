"""Monthly trends over a date range, from one derivation of the whole range (aggregates.derive_period).

Each month's figures are those of outcomes_report for that month (test_trends.py checks it): a referral
discharged in month m counts in m, and deriving as at the range's last day gives it the outcome it has as
at m's last day, since its window ends at its discharge and the thresholds are those in force on the day it
ended. A month cut by the range's first or last day covers only the days in the range (`partial`).
"""

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass

from steptwo.outcomes.aggregates import measures_for, publish_measures

CHARTED = (
    "recovery", "reliable_improvement", "reliable_recovery", "reliable_deterioration", "waited_6_weeks",
    "waited_18_weeks",
)  # fmt: skip


@dataclass(frozen=True)
class Month:
    start: datetime.date
    end: datetime.date
    measures: dict  # MEASURES key → Count or Rate

    @property
    def label(self):
        """ "Nov 2025" """
        return f"{calendar.month_abbr[self.start.month]} {self.start.year}"

    @property
    def partial(self):
        return self.start.day != 1 or self.end != _month_end(self.end)

    @property
    def period(self):
        """ "1 to 30 Nov 2025" """
        return f"{self.start.day} to {self.end.day} {self.label}"


def months(start, end):
    """[(first day, last day)] of each calendar month the range touches, cut to the range."""
    result = []
    first = start
    while first <= end:
        last = min(_month_end(first), end)
        result.append((first, last))
        first = last + datetime.timedelta(days=1)
    return result


def monthly(outcomes, daily_attendance, start, end, rules, *, publication=False):
    """[Month] from ReferralOutcome rows derived over start..end and {day: {AttendOrDNACode: appointments}}."""
    by_month = _bucketed(outcomes)
    attendance = defaultdict(lambda: defaultdict(int))
    for day, codes in daily_attendance.items():
        for code, count in codes.items():
            attendance[(day.year, day.month)][code] += count
    result = []
    for first, last in months(start, end):
        key = (first.year, first.month)
        measures = measures_for(by_month.get(key, []), attendance.get(key, {}), first, last, rules)
        result.append(Month(first, last, publish_measures(measures) if publication else measures))
    return result


def _bucketed(outcomes):
    """{(year, month): [outcome]}: each outcome in the months of the dates any figure counts it by (received,
    first and second treatment, ended), so that each month's figures read only its own outcomes."""
    buckets = defaultdict(list)
    for outcome in outcomes:
        dates = (outcome.received_date, outcome.therapy_first_date, outcome.therapy_second_date, outcome.ended_on)
        for key in {(day.year, day.month) for day in dates if day is not None}:
            buckets[key].append(outcome)
    return buckets


def _month_end(day):
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def series(months_, measure):
    """[(Month, Rate)] of one measure, in month order."""
    return [(month, month.measures[measure]) for month in months_]
