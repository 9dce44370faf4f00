"""Monthly trends from one derivation of the whole range (domain reference §1.1, §3)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from steptwo.appointments.codes import AppType, AttendOrDNACode
from steptwo.outcomes import rules as outcome_rules
from steptwo.outcomes.aggregates import (
    Count,
    Rate,
    appointments_of,
    daily_attendance_counts,
    derive_period,
    outcomes_report,
)  # fmt: skip
from steptwo.outcomes.tests.histories import assess, at, day, discharge, finished_course, new_referral, scores, treat
from steptwo.outcomes.trends import Month, monthly, months

AUG_TO_NOV = (day(8, 1), day(11, 30))


def test_months_cover_the_range_cut_at_its_ends():
    assert months(datetime.date(2026, 1, 15), datetime.date(2026, 3, 10)) == [
        (datetime.date(2026, 1, 15), datetime.date(2026, 1, 31)),
        (datetime.date(2026, 2, 1), datetime.date(2026, 2, 28)),
        (datetime.date(2026, 3, 1), datetime.date(2026, 3, 10)),
    ]
    assert months(datetime.date(2025, 12, 1), datetime.date(2026, 1, 31))[0] == (
        datetime.date(2025, 12, 1), datetime.date(2025, 12, 31),
    )  # fmt: skip


def test_month_labels_and_partial_months():
    whole = Month(datetime.date(2025, 11, 1), datetime.date(2025, 11, 30), {})
    cut = Month(datetime.date(2026, 1, 15), datetime.date(2026, 1, 31), {})
    assert (whole.label, whole.partial, whole.period) == ("Nov 2025", False, "1 to 30 Nov 2025")
    assert (cut.partial, cut.period) == (True, "15 to 31 Jan 2026")


@pytest.fixture
def four_months(pwp, patient, team, referral):
    """A course finished in October (recovered, PHQ-9 17 → 6), one finished in September (not recovered,
    PHQ-9 17 → 14, GAD-7 12 → 11), a referral received in August that DNA'd its assessment in November, still open."""
    finished_course(pwp, referral)
    september = new_referral(patient, team, pwp, received=day(8, 3))
    assess(pwp, september, at(8, 20, 11))
    treat(pwp, september, at(9, 1, 11), at(9, 8, 11))
    scores(pwp, september, "phq9", (17, at(8, 20, 11, 5)), (14, at(9, 8, 11, 5)))
    scores(pwp, september, "gad7", (12, at(8, 20, 11, 10)), (11, at(9, 8, 11, 10)))
    discharge(pwp, september, day(9, 10))
    waiting = new_referral(patient, team, pwp, received=day(8, 25))
    treat(pwp, waiting, at(11, 2, 12), attendance=AttendOrDNACode.DID_NOT_ATTEND, app_type=AppType.ASSESSMENT)


@pytest.mark.django_db
def test_each_month_is_that_months_report(four_months):
    rules = outcome_rules.current()
    outcomes = derive_period(*AUG_TO_NOV, rules=rules)
    trend = monthly(outcomes, daily_attendance_counts(appointments_of(None), *AUG_TO_NOV), *AUG_TO_NOV, rules)
    assert [month.label for month in trend] == ["Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026"]
    for month in trend:
        (group,) = outcomes_report(month.start, month.end).groups
        assert month.measures == group.measures, month.label


@pytest.mark.django_db
def test_monthly_figures_worked_by_hand(four_months):
    rules = outcome_rules.current()
    outcomes = derive_period(*AUG_TO_NOV, rules=rules)
    aug, sep, oct_, nov = monthly(
        outcomes, daily_attendance_counts(appointments_of(None), *AUG_TO_NOV), *AUG_TO_NOV, rules
    )
    assert aug.measures["referrals_received"] == Count(2)  # 3 and 25 Aug
    assert sep.measures["recovery"] == Rate(0, 1, Decimal("0.0"))  # 14 >= 10 at the end
    assert oct_.measures["recovery"] == Rate(1, 1, Decimal("100.0"))
    assert oct_.measures["referrals_received"] == Count(1)
    assert nov.measures["dna"] == Rate(1, 1, Decimal("100.0"))
    assert nov.measures["recovery"] == Rate(0, 0, None)


@pytest.mark.django_db
def test_publication_mode_per_month(four_months):
    rules = outcome_rules.current()
    outcomes = derive_period(*AUG_TO_NOV, rules=rules)
    trend = monthly(outcomes, {}, *AUG_TO_NOV, rules, publication=True)
    assert trend[0].measures["referrals_received"] == Count(None)  # 2: suppressed
    assert trend[2].measures["recovery"] == Rate(None, None, None)


@pytest.mark.django_db
def test_a_year_of_trends_takes_no_query_per_month(four_months):
    rules = outcome_rules.current()
    year = (day(1, 1), day(12, 31))
    outcomes = derive_period(*year, rules=rules)
    attendance = daily_attendance_counts(appointments_of(None), *year)
    with CaptureQueriesContext(connection) as queries:
        trend = monthly(outcomes, attendance, *year, rules)
    assert len(trend) == 12
    assert len(queries) == 0
