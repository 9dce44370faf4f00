"""Query expressions the outcome derivation needs that Django does not have in the form it needs."""

import datetime
import zoneinfo
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import BooleanField, F, Func, Q, Subquery, Value
from django.db.models.functions import Coalesce, Least, TruncDate
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.utils import timezone


class LocalDate(TruncDate):
    """The date of an aware datetime in the current time zone (settings.TIME_ZONE, Europe/London).

    The same as TruncDate, but fast on SQLite: there Django converts every row with a Python function,
    which made a year's outcomes take many seconds. SQLite can read the UTC date, which is the
    local date whenever the UTC hour is early enough that the zone's offset cannot carry it past midnight
    (in Europe/London, offset 0 or +1 hour: any UTC hour before 23), and the UTC date is the first ten
    characters of the stored text. Only the other rows go through Django's function, so the result is exact.
    """

    def as_sqlite(self, compiler, connection, **extra_context):
        exact_sql, exact_params = super().as_sql(compiler, connection)
        last_hour = _last_safe_utc_hour(self.get_tzname())
        if last_hour is None:
            return exact_sql, exact_params
        sql, params = compiler.compile(self.lhs)
        # Django stores aware datetimes in SQLite as "YYYY-MM-DD HH:MM:SS[.ffffff]" in UTC. A NULL (no
        # contact to take the earliest of) fails the test and takes the ELSE branch: NULL, without a call.
        return (
            f"CASE WHEN substr({sql}, 12, 2) > '{last_hour:02d}' THEN {exact_sql} ELSE substr({sql}, 1, 10) END",
            (*params, *exact_params, *params),
        )


class LocalDateOnOrAfter(GreaterThanOrEqual):
    """LocalDate(field) >= a date, with a shortcut on SQLite for zones where LocalDate has one: a time whose
    UTC date is on or after the date is on or after it locally too (the zone's offset is never negative), and
    the stored text says so by one comparison ("YYYY-MM-DD HH:MM:SS" >= "YYYY-MM-DD"); only other rows (in
    the data, none: contacts and scores before a referral was received) are worked out exactly."""

    def as_sqlite(self, compiler, connection):
        return _shortcut(self, compiler, connection, ">=")


class LocalDateOnOrBefore(LessThanOrEqual):
    """LocalDate(field) <= a date, with the same kind of shortcut: a time whose UTC date is before the date is
    on or before it locally (the offset is under a day); only times on the day itself or later (few: those
    of the window's last day) are worked out exactly."""

    def as_sqlite(self, compiler, connection):
        return _shortcut(self, compiler, connection, "<")


def _shortcut(lookup, compiler, connection, operator):
    exact_sql, exact_params = lookup.as_sql(compiler, connection)
    simple = isinstance(lookup.lhs, LocalDate) and hasattr(lookup.rhs, "as_sql")  # a column or an expression
    if not simple or _last_safe_utc_hour(lookup.lhs.get_tzname()) is None:
        return exact_sql, exact_params
    field_sql, field_params = compiler.compile(lookup.lhs.lhs)
    day_sql, day_params = compiler.compile(lookup.rhs)
    return f"({field_sql} {operator} {day_sql} OR {exact_sql})", (*field_params, *day_params, *exact_params)


def _last_safe_utc_hour(tzname):
    """The last UTC hour whose local date is the UTC date all year round, or None if there is none that
    simple (a zone west of UTC, or with an offset that is not whole hours)."""
    zone = zoneinfo.ZoneInfo(tzname)
    year = datetime.date.today().year
    offsets = {zone.utcoffset(datetime.datetime(year, month, 1)) for month in (1, 7)}  # standard and summer time
    if any(offset < datetime.timedelta(0) or offset % datetime.timedelta(hours=1) for offset in offsets):
        return None
    return 23 - max(offsets) // datetime.timedelta(hours=1)


def window_end(discharge_date_field, as_of):
    """The last day of a referral's window on a given day: its discharge date, or `as_of` while it was
    still open then (not discharged, or discharged later)."""
    return Least(Coalesce(discharge_date_field, Value(as_of)), Value(as_of))


class SubqueryPerGroup(Subquery):
    """A correlated subquery in an aggregating query that refers only to columns the query groups by
    (here the referral's id): evaluated once per group. Django would add it to the GROUP BY, and SQLite
    would then run it once per joined row (once per appointment instead of once per referral)."""

    def get_group_by_cols(self):
        return []


class Undeclared(Func):
    """A column's value as a value without the column's declared type. Django has SQLite's driver convert
    every value of a column declared as a date (a Python call each); through raw_rows() the dates are read
    by a DateReader instead, once per distinct value. Other databases get the column as it is."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="(%(expressions)s || '')", **extra_context)


def raw_rows(queryset, columns):
    """A values_list() queryset's rows as the database driver returns them, without Django's converters
    (a function call per value: on SQLite a date parsed from text, a total made a Decimal), for queries
    returning a row per referral of a year. `columns`: the values_list() names, checked against the
    columns the query selects so a reordering cannot go unnoticed."""
    compiler = queryset.query.get_compiler(queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:  # e.g. built on Referral.objects.none(): no query to run
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        selected = tuple(column[0] for column in cursor.description)
        if selected != tuple(columns):
            raise ValueError(f"The query selects {selected}, not {tuple(columns)}")
        return cursor.fetchall()


class Memo(dict):
    """memo[key]: make(key) the first time, then a dictionary's lookup. For values that repeat across the
    tens of thousands of rows of a year: each distinct one is made once."""

    def __init__(self, make, known=()):
        super().__init__(known)
        self.make = make

    def __missing__(self, key):
        value = self[key] = self.make(key)
        return value


class DateReader(Memo):
    """dates[value]: a date as the database returns it (SQLite: ISO text, or a date where the driver converts
    a date column; PostgreSQL: a date) → datetime.date, or None. A year's rows repeat a few hundred dates:
    each is parsed once, and every other lookup is a dictionary's."""

    def __init__(self):
        super().__init__(_date, {None: None})


class DecimalReader(Memo):
    """totals[value]: a stored total (SQLite: an int or float from a NUMERIC column; PostgreSQL: a Decimal) →
    the Decimal with two places that DecimalField(decimal_places=2) gives, or None. Each value made once."""

    def __init__(self):
        super().__init__(_two_places, {None: None})


def _date(value):
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def _two_places(value):
    return Decimal(str(value)).quantize(Decimal("0.01"))


def on_local_days(field, start, end):
    """Q: an aware datetime `field` falls on a local date from `start` to `end` (both included), as a range of
    the stored times (from the start's local midnight to the next midnight after the end), so the database
    can read it from an index on the field instead of working out every row's local date."""
    zone = timezone.get_current_timezone()
    first = timezone.make_aware(datetime.datetime.combine(start, datetime.time()), zone)
    after = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time()), zone)
    return Q(**{f"{field}__gte": first, f"{field}__lt": after})


class InIds(Func):
    """A condition: `field` is one of `ids` (integers). Django's __in sends a parameter per id, which meets
    SQLite's limit on parameters, and which PostgreSQL plans slowly for the ten thousand or more ids of a
    year's open referrals (4 s against 0.1 s on the large demo). PostgreSQL gets one parameter, an array;
    SQLite gets the ids written into the SQL (integers, so nothing can be injected), which lets its planner
    see how few they are (given them as json_each() it read every referral instead)."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, field, ids):
        super().__init__(F(field))
        self.ids = [int(pk) for pk in ids]

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"{sql} = ANY(%s::bigint[])", (*params, self.ids)

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"{sql} IN ({', '.join(map(str, self.ids))})", params
