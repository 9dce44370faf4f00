"""Supervision hours against the standard (domain reference §5), worked by hand.

Today is Wednesday 18 November 2026. Its ISO week is Monday 16 to Sunday 22 November. Fortnights count
from Monday 1 January 2001: 9,450 days (25 years with 6 leap days = 9,131, plus 319 days of 2026) is
exactly 675 fortnights, so a fortnight starts on Monday 16 November 2026 and the one before on 2 November.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from steptwo.supervision import hours
from steptwo.supervision.codes import SupervisionKind

CM, CS = SupervisionKind.CASE_MANAGEMENT, SupervisionKind.CLINICAL_SKILLS
TODAY = datetime.date(2026, 11, 18)
LONG_AGO = datetime.date(2025, 1, 1)


def nov(day):
    return datetime.date(2026, 11, day)


def session(day, kind, minutes):
    return SimpleNamespace(held_on=day, kind=kind, minutes=minutes)


def worked(sessions, fte=Decimal("1.00"), joined_on=LONG_AGO):
    return hours.hours_for(sessions, today=TODAY, fte=fte, joined_on=joined_on)


def week_of(result, monday):
    return next(week for week in result.weeks if week.starts_on == monday)


def fortnight_of(result, first):
    return next(fortnight for fortnight in result.fortnights if fortnight.starts_on == first)


@pytest.mark.parametrize(
    ("fte", "minutes"), [(Decimal("1.00"), 60), (Decimal("0.50"), 30), (Decimal("0.80"), 48), (Decimal("0.33"), 20)]
)
def test_one_hour_a_week_for_full_time_pro_rata_rounded_up(fte, minutes):
    assert hours.required_weekly_minutes(fte) == minutes


def test_weeks_run_monday_to_sunday():
    assert hours.week_start(nov(22)) == nov(16)  # Sunday
    assert hours.week_start(nov(16)) == nov(16)  # Monday
    assert hours.week_start(nov(15)) == nov(9)


def test_fortnights_are_fixed_pairs_of_weeks():
    assert hours.fortnight_start(datetime.date(2001, 1, 14)) == datetime.date(2001, 1, 1)
    assert hours.fortnight_start(datetime.date(2001, 1, 15)) == datetime.date(2001, 1, 15)
    assert hours.fortnight_start(nov(29)) == nov(16)
    assert hours.fortnight_start(nov(15)) == nov(2)


def test_50_minutes_of_case_management_is_a_gap_for_a_full_time_pwp():
    week = week_of(worked([session(nov(10), CM, 50)]), nov(9))

    assert (week.case_management, week.required, week.state, week.shortfall) == (50, 60, hours.GAP, 10)


def test_50_minutes_is_enough_for_a_pwp_at_0_8_whole_time():
    assert week_of(worked([session(nov(10), CM, 50)], fte=Decimal("0.80")), nov(9)).state == hours.MET


def test_two_half_hours_monday_and_sunday_make_the_weeks_hour():
    week = week_of(worked([session(nov(2), CM, 30), session(nov(8), CM, 30)]), nov(2))

    assert (week.case_management, week.state) == (60, hours.MET)


def test_clinical_skills_minutes_do_not_count_towards_case_management():
    week = week_of(worked([session(nov(10), CS, 90)]), nov(9))

    assert (week.case_management, week.clinical_skills, week.state) == (0, 90, hours.GAP)


def test_the_current_week_is_so_far_until_it_is_met():
    assert week_of(worked([]), nov(16)).state == hours.SO_FAR
    assert week_of(worked([session(nov(16), CM, 60)]), nov(16)).state == hours.MET


def test_weeks_before_the_supervisee_joined_are_not_judged():
    result = worked([], joined_on=nov(10))  # a Tuesday

    assert week_of(result, nov(9)).state == hours.NOT_JUDGED  # joined during it
    assert week_of(result, nov(2)).state == hours.NOT_JUDGED


def test_a_fortnight_without_clinical_skills_supervision_is_a_gap():
    result = worked([session(nov(5), CS, 45)])

    assert fortnight_of(result, datetime.date(2026, 10, 19)).state == hours.GAP
    met = fortnight_of(result, nov(2))
    assert (met.clinical_skills_sessions, met.clinical_skills, met.state) == (1, 45, hours.MET)
    assert fortnight_of(result, nov(16)).state == hours.SO_FAR


def test_twelve_weeks_are_shown_newest_first_with_the_fortnights_overlapping_them():
    result = worked([])

    assert [week.starts_on for week in result.weeks][:2] == [nov(16), nov(9)]
    assert len(result.weeks) == 12 and result.weeks[-1].starts_on == datetime.date(2026, 8, 31)
    assert result.fortnights[0].starts_on == nov(16)
    # 31 August falls in the fortnight that starts 12 weeks before 16 November: 24 August to 6 September.
    assert len(result.fortnights) == 7 and result.fortnights[-1].starts_on == datetime.date(2026, 8, 24)


def test_months_total_each_kind_and_count_the_weeks_and_fortnights_that_fell_short():
    sessions = [
        session(nov(2), CM, 30), session(nov(8), CM, 30),  # week of 2 November: met
        session(nov(10), CM, 50),  # week of 9 November: 10 minutes short
        session(nov(5), CS, 45),  # fortnight of 2 November: met
        session(datetime.date(2026, 10, 31), CM, 60),  # week of 26 October (ends 1 November): met
    ]  # fmt: skip

    november, october = worked(sessions).months[:2]

    assert (november.first_day, november.case_management, november.clinical_skills) == (nov(1), 110, 45)
    # Weeks ending in November: 1st (met), 8th (met), 15th (gap); the 22nd is not over.
    assert november.weeks_short == 1
    # Fortnights ending in November: 19 October to 1 November (no clinical skills), 2 to 15 November (met).
    assert november.fortnights_short == 1
    assert (october.first_day, october.case_management, october.clinical_skills) == (datetime.date(2026, 10, 1), 60, 0)
    # Weeks ending in October: the 4th, 11th, 18th and 25th, all without supervision.
    assert october.weeks_short == 4


def test_six_months_are_shown_newest_first():
    assert [month.first_day.month for month in worked([]).months] == [11, 10, 9, 8, 7, 6]


def test_the_months_reach_across_a_new_year():
    assert hours.month_start(datetime.date(2027, 2, 10), 3) == datetime.date(2026, 11, 1)
    assert hours.month_start(datetime.date(2026, 12, 31), -1) == datetime.date(2027, 1, 1)


def test_the_gaps_are_the_short_weeks_and_fortnights_in_view():
    result = worked([session(nov(10), CM, 50)], joined_on=datetime.date(2026, 11, 2))

    # Week of 2 November (nothing), week of 9 November (50 minutes); fortnight of 2 November (no clinical skills).
    assert [(type(gap).__name__, gap.starts_on) for gap in result.gaps] == [
        ("Week", nov(9)), ("Week", nov(2)), ("Fortnight", nov(2)),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("minutes", "words"),
    [(0, "none"), (1, "1 minute"), (50, "50 minutes"), (60, "1 hour"), (135, "2 hours 15 minutes"), (120, "2 hours")],
)
def test_minutes_in_words(minutes, words):
    assert hours.format_minutes(minutes) == words


def test_weeks_and_fortnights_against_the_standard_in_words():
    result = worked([session(nov(10), CM, 50), session(nov(16), CM, 20)], joined_on=datetime.date(2026, 9, 1))

    assert hours.week_status(week_of(result, nov(9))) == "Gap: 10 minutes short of 1 hour"
    assert hours.week_status(week_of(result, nov(16))) == "This week so far: 40 minutes still to reach 1 hour"
    assert hours.week_status(week_of(result, datetime.date(2026, 8, 31))) == "Not judged: before joining"
    assert hours.fortnight_status(fortnight_of(result, nov(2))) == "Gap: no clinical-skills session"
    assert (
        hours.fortnight_status(fortnight_of(result, nov(16))) == "This fortnight so far: no clinical-skills session yet"
    )
    assert hours.gap_text(week_of(result, nov(9))) == (
        "Week of 9 November 2026: 50 minutes of case-management supervision, 10 minutes short of 1 hour"
    )
    assert hours.gap_text(fortnight_of(result, nov(2))) == (
        "Fortnight of 2 November 2026 to 15 November 2026: no clinical-skills supervision"
    )


def test_a_met_week_and_fortnight_say_so():
    result = worked([session(nov(10), CM, 60), session(nov(3), CS, 60)])

    assert hours.week_status(week_of(result, nov(9))) == "Met"
    assert hours.fortnight_status(fortnight_of(result, nov(2))) == "Met"
