"""Diary days and weeks in London time."""

import datetime

import pytest

from steptwo.appointments import diary
from steptwo.appointments.codes import AppType
from steptwo.appointments.models import Appointment
from steptwo.appointments.tests.make import book, local


def test_a_week_runs_monday_to_sunday():
    days = diary.week_days(datetime.date(2026, 11, 26))  # a Thursday

    assert (days[0], days[-1], len(days)) == (datetime.date(2026, 11, 23), datetime.date(2026, 11, 29), 7)


def test_a_day_is_a_london_day_even_when_the_clocks_change():
    # 29 March 2026: the clocks go forward, so the day is 23 hours long
    start, end = diary.local_midnight(datetime.date(2026, 3, 29)), diary.local_midnight(datetime.date(2026, 3, 30))

    assert end.astimezone(datetime.UTC) - start.astimezone(datetime.UTC) == datetime.timedelta(hours=23)
    assert start == datetime.datetime(2026, 3, 29, 0, 0, tzinfo=datetime.UTC)


def test_bad_dates_fall_back_to_the_default():
    today = datetime.date(2026, 11, 23)

    assert diary.parse_day("2026-02-30", today) == today
    assert diary.parse_day("", today) == today
    assert diary.parse_day("2026-12-01", today) == datetime.date(2026, 12, 1)


def test_times_are_shown_in_london_time():
    assert diary.format_time(datetime.datetime(2026, 7, 1, 13, 5, tzinfo=datetime.UTC)) == "2:05pm"
    assert diary.format_time(datetime.datetime(2026, 12, 1, 0, 0, tzinfo=datetime.UTC)) == "12:00am"


@pytest.mark.django_db
def test_between_takes_whole_local_days_and_groups_by_day(pwp, referral):
    late_sunday = book(
        referral, by=pwp, starts_at=local(datetime.date(2026, 6, 7), 23, 30), app_type=AppType.ASSESSMENT
    )
    monday = book(referral, by=pwp, starts_at=local(datetime.date(2026, 6, 8), 0, 15), app_type=AppType.ASSESSMENT)
    days = diary.week_days(datetime.date(2026, 6, 8))

    found = list(diary.between(Appointment.objects.all(), days[0], days[-1]))
    groups = diary.by_day(found, days, now=local(datetime.date(2026, 6, 9)))

    assert found == [monday]
    assert [len(entries) for _, entries in groups] == [1, 0, 0, 0, 0, 0, 0]
    assert groups[0][1][0].needs_outcome
    assert late_sunday not in found  # 23:30 on Sunday (22:30 UTC) belongs to the week before
