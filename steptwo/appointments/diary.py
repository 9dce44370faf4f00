"""The diary: appointments for a day or a week, in the service's time zone (settings.TIME_ZONE, Europe/London).

Days are local days, each boundary a local midnight made aware with make_aware: on the days the clocks
change a day is 23 or 25 hours long.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

DAY, WEEK = "day", "week"


def parse_day(value, default):
    """A YYYY-MM-DD query value, or `default` when it is missing or not a date."""
    try:
        return datetime.date.fromisoformat(value) if value else default
    except ValueError:
        return default


def week_days(day):
    """Monday to Sunday of the week holding `day`."""
    monday = day - datetime.timedelta(days=day.weekday())
    return [monday + datetime.timedelta(days=offset) for offset in range(7)]


def local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def between(appointments, first_day, last_day):
    """`appointments` (already scoped) from the start of first_day to the end of last_day, with the
    patient, referral and practitioner each entry shows fetched in the same query."""
    return (
        appointments.filter(
            starts_at__gte=local_midnight(first_day),
            starts_at__lt=local_midnight(last_day + datetime.timedelta(days=1)),
        )
        .select_related("referral__patient", "practitioner")
        .order_by("starts_at", "id")
    )


def format_time(value):
    """2:05pm, in local time (as core.formatting.format_datetime writes times)."""
    local = timezone.localtime(value)
    return f"{local.hour % 12 or 12}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


@dataclass(frozen=True)
class Entry:
    appointment: object
    starts: str
    ends: str
    needs_outcome: bool  # it has started and nobody has recorded what happened


def entry(appointment, now):
    ends_at = appointment.starts_at + datetime.timedelta(minutes=appointment.duration_minutes)
    return Entry(
        appointment=appointment,
        starts=format_time(appointment.starts_at),
        ends=format_time(ends_at),
        needs_outcome=not appointment.attendance and appointment.starts_at <= now,
    )


def by_day(appointments, days, now):
    """[(day, [Entry])] for each of `days`, empty days included."""
    groups = {day: [] for day in days}
    for appointment in appointments:
        groups.setdefault(timezone.localdate(appointment.starts_at), []).append(entry(appointment, now))
    return [(day, groups[day]) for day in days]


def by_practitioner(appointments, practitioners, now):
    """[(practitioner, [Entry])] for each of `practitioners`, in their order."""
    groups = {person.pk: [] for person in practitioners}
    for appointment in appointments:
        groups.setdefault(appointment.practitioner_id, []).append(entry(appointment, now))
    return [(person, groups[person.pk]) for person in practitioners]
