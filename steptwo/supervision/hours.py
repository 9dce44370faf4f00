"""Hours of supervision a supervisee had, per week, fortnight and month, against the standard.

The standard (domain reference §5, IAPT Supervision Guidance): PWPs have "individual weekly case
management supervision, minimum 1 hour for FTE staff", plus "fortnightly clinical skills supervision".

Our reading, a local choice that the source does not settle:
- "1 hour for FTE staff" is pro rata: a PWP working 0.6 whole-time equivalent needs 36 minutes of case
  management a week (60 × FTE, rounded up to the minute). Every week still needs some.
- Weeks are ISO weeks, Monday to Sunday. A week is short (a gap) when it is over and had fewer
  case-management minutes than needed. The current week is "so far" until it ends, unless already met.
- Fortnights are fixed pairs of weeks counted from Monday 1 January 2001 (so they never shift as the
  page's window moves). A fortnight is a gap when it is over and had no clinical-skills session.
- Weeks and fortnights that began before the supervisee joined are not judged. Leave and sickness are
  not recorded here, so a gap is something to look at, not proof of a missed standard.
"""

import datetime
import math
from dataclasses import dataclass

from steptwo.core.formatting import format_date
from steptwo.supervision.codes import SupervisionKind

STANDARD_WEEKLY_MINUTES = 60  # case management, for a full-time PWP
FORTNIGHT_EPOCH = datetime.date(2001, 1, 1)  # a Monday
WEEKS_SHOWN, MONTHS_SHOWN = 12, 6

MET, GAP, SO_FAR, NOT_JUDGED = "met", "gap", "so_far", "not_judged"


@dataclass(frozen=True)
class Week:
    starts_on: datetime.date  # Monday
    case_management: int  # minutes
    clinical_skills: int
    required: int  # case-management minutes needed this week
    state: str

    @property
    def ends_on(self):
        return self.starts_on + datetime.timedelta(days=6)

    @property
    def shortfall(self):
        return max(self.required - self.case_management, 0)


@dataclass(frozen=True)
class Fortnight:
    starts_on: datetime.date
    clinical_skills_sessions: int
    clinical_skills: int  # minutes
    state: str

    @property
    def ends_on(self):
        return self.starts_on + datetime.timedelta(days=13)


@dataclass(frozen=True)
class Month:
    first_day: datetime.date
    case_management: int  # minutes
    clinical_skills: int
    weeks_short: int  # weeks ending in this month that were gaps
    fortnights_short: int  # fortnights ending in this month with no clinical-skills session


@dataclass(frozen=True)
class SupervisionHours:
    required_weekly: int
    weeks: tuple  # the last WEEKS_SHOWN weeks, newest first
    fortnights: tuple  # the fortnights that overlap them, newest first
    months: tuple  # the last MONTHS_SHOWN calendar months, newest first

    @property
    def gaps(self):
        return tuple(week for week in self.weeks if week.state == GAP) + tuple(
            fortnight for fortnight in self.fortnights if fortnight.state == GAP
        )


def required_weekly_minutes(fte):
    """Case-management minutes a week for this whole-time equivalent: 60 pro rata, rounded up."""
    return math.ceil(STANDARD_WEEKLY_MINUTES * fte)


def week_start(day):
    return day - datetime.timedelta(days=day.weekday())


def fortnight_start(day):
    return FORTNIGHT_EPOCH + datetime.timedelta(days=14 * ((day - FORTNIGHT_EPOCH).days // 14))


def month_start(day, months_back=0):
    index = day.year * 12 + day.month - 1 - months_back
    return datetime.date(index // 12, index % 12 + 1, 1)


def window_start(today):
    """The first day whose sessions the page needs: the earliest of its weeks, fortnights and months."""
    first_week = week_start(today) - datetime.timedelta(weeks=WEEKS_SHOWN - 1)
    return min(fortnight_start(first_week), week_start(month_start(today, MONTHS_SHOWN - 1)))


def hours_for(sessions, *, today, fte, joined_on):
    """SupervisionHours from `sessions` (anything with held_on, kind and minutes) of one supervisee."""
    required = required_weekly_minutes(fte)
    start = window_start(today)
    weeks = _weeks(sessions, start, today, required, joined_on)
    fortnights = _fortnights(sessions, start, today, joined_on)
    months = tuple(_month(sessions, month_start(today, back), weeks, fortnights) for back in range(MONTHS_SHOWN))
    first_shown = week_start(today) - datetime.timedelta(weeks=WEEKS_SHOWN - 1)
    return SupervisionHours(
        required_weekly=required,
        weeks=tuple(week for week in reversed(weeks) if week.starts_on >= first_shown),
        fortnights=tuple(f for f in reversed(fortnights) if f.ends_on >= first_shown),
        months=months,
    )


def _minutes(sessions, kind, first, last):
    return sum(s.minutes for s in sessions if s.kind == kind and first <= s.held_on <= last)


def _state(met, starts_on, ends_on, today, joined_on):
    if starts_on < joined_on:
        return NOT_JUDGED
    if met:
        return MET
    return SO_FAR if ends_on >= today else GAP


def _weeks(sessions, start, today, required, joined_on):
    weeks = []
    monday = week_start(start)
    while monday <= today:
        sunday = monday + datetime.timedelta(days=6)
        case_management = _minutes(sessions, SupervisionKind.CASE_MANAGEMENT, monday, sunday)
        state = _state(case_management >= required, monday, sunday, today, joined_on)
        weeks.append(Week(monday, case_management, _minutes(sessions, SupervisionKind.CLINICAL_SKILLS, monday, sunday),
                          required, state))  # fmt: skip
        monday += datetime.timedelta(weeks=1)
    return weeks


def _fortnights(sessions, start, today, joined_on):
    fortnights = []
    first = fortnight_start(start)
    while first <= today:
        last = first + datetime.timedelta(days=13)
        held = [s for s in sessions if s.kind == SupervisionKind.CLINICAL_SKILLS and first <= s.held_on <= last]
        state = _state(bool(held), first, last, today, joined_on)
        fortnights.append(Fortnight(first, len(held), sum(s.minutes for s in held), state))
        first += datetime.timedelta(days=14)
    return fortnights


def _month(sessions, first_day, weeks, fortnights):
    last_day = month_start(first_day, -1) - datetime.timedelta(days=1)

    def ends_in_month(period):
        return period.state == GAP and first_day <= period.ends_on <= last_day

    return Month(
        first_day=first_day,
        case_management=_minutes(sessions, SupervisionKind.CASE_MANAGEMENT, first_day, last_day),
        clinical_skills=_minutes(sessions, SupervisionKind.CLINICAL_SKILLS, first_day, last_day),
        weeks_short=sum(1 for week in weeks if ends_in_month(week)),
        fortnights_short=sum(1 for fortnight in fortnights if ends_in_month(fortnight)),
    )


def format_minutes(minutes):
    """In words: 0 → "none", 50 → "50 minutes", 60 → "1 hour", 135 → "2 hours 15 minutes"."""
    if not minutes:
        return "none"
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'' if hours == 1 else 's'}")
    if rest:
        parts.append(f"{rest} minute{'' if rest == 1 else 's'}")
    return " ".join(parts)


def week_status(week):
    """The week against the standard, in words."""
    needed = format_minutes(week.required)
    if week.state == NOT_JUDGED:
        return "Not judged: before joining"
    if week.state == MET:
        return "Met"
    if week.state == SO_FAR:
        return f"This week so far: {format_minutes(week.shortfall)} still to reach {needed}"
    return f"Gap: {format_minutes(week.shortfall)} short of {needed}"


def fortnight_status(fortnight):
    if fortnight.state == NOT_JUDGED:
        return "Not judged: before joining"
    if fortnight.state == MET:
        return "Met"
    if fortnight.state == SO_FAR:
        return "This fortnight so far: no clinical-skills session yet"
    return "Gap: no clinical-skills session"


def gap_text(gap):
    """One gap as a sentence, for the list of gaps."""
    if isinstance(gap, Week):
        had = format_minutes(gap.case_management)
        return (
            f"Week of {format_date(gap.starts_on)}: {had} of case-management supervision, "
            f"{format_minutes(gap.shortfall)} short of {format_minutes(gap.required)}"
        )
    return f"Fortnight of {format_date(gap.starts_on)} to {format_date(gap.ends_on)}: no clinical-skills supervision"
