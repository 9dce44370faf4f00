"""Writing demo rows in bulk, with the historical timestamps the generators chose."""

import datetime
from contextlib import contextmanager

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max

BATCH_SIZE = 500
ROWS_PER_EXECUTEMANY = 20_000


@contextmanager
def explicit_timestamps(*models):
    """While inside, auto_now/auto_now_add fields keep the value set on the instance.

    Demo rows need their real history (a referral received in 2022 was created in 2022), but
    auto_now_add would stamp every row with the moment of seeding.
    """
    fields = [
        field
        for model in models
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def insert(model, objs):
    """bulk_create in batches; on SQLite and PostgreSQL the objects get their primary keys."""
    return model._default_manager.bulk_create(objs, batch_size=BATCH_SIZE)


def insert_rows(model, field_names, rows):
    """INSERT plain tuples (values ready for the database) with executemany: no model instances.

    For the biggest tables (questionnaire responses and their item answers), where building and
    saving model instances would take most of the seeding time. Values must already be in the
    database's form: see `to_db`.
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in field_names)
    placeholders = ", ".join(["%s"] * len(field_names))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_EXECUTEMANY):
            cursor.executemany(sql, rows[start : start + ROWS_PER_EXECUTEMANY])


def to_db(model, field_name, cached=True):
    """A function turning a Python value for one field into what insert_rows passes to the database.

    Datetimes and dates are adapted on every call; other values (decimals, JSON) once per distinct
    value, unless not `cached` (for values that seldom repeat, such as a discharge's scores).
    """
    field = model._meta.get_field(field_name)
    if field.get_internal_type() == "DateTimeField":
        return _datetime_adapter()
    if field.get_internal_type() == "DateField":
        adapt = connection.ops.adapt_datefield_value
        return lambda value: None if value is None else adapt(value)
    if not cached:
        return lambda value: field.get_db_prep_save(value, connection)
    cache = {}

    def adapt_cached(value):
        key = repr(value)
        if key not in cache:
            cache[key] = field.get_db_prep_save(value, connection)
        return cache[key]

    return adapt_cached


def _datetime_adapter():
    """adapt_datetimefield_value, or on SQLite in UTC the same text made directly (several times faster)."""
    if connection.vendor == "sqlite" and connection.timezone == datetime.UTC:
        return lambda value: None if value is None else str(value.astimezone(datetime.UTC).replace(tzinfo=None))
    adapt = connection.ops.adapt_datetimefield_value
    return lambda value: None if value is None else adapt(value)


def insert_objects(model, objs):
    """Write model instances whose primary keys are set as plain rows, like insert but without the SQL
    compiler's work for every batch (which shows at hundreds of thousands of rows)."""
    names = [field.attname for field in model._meta.concrete_fields]
    table = Table(model, names)
    table.rows = [tuple(getattr(obj, name) for name in names) for obj in objs]
    return table.write()


class Ids:
    """Primary keys handed out before rows are written, so children can point at them at once.

    Safe because seed_demo runs in one transaction on a database with no service yet, so nothing
    else writes these tables meanwhile. Call `reset_sequences` afterwards (PostgreSQL's sequences
    do not move for explicit ids; SQLite's AUTOINCREMENT does).
    """

    def __init__(self, model):
        self.model = model
        self.last = model._default_manager.aggregate(last=Max("pk"))["last"] or 0

    def next(self):
        self.last += 1
        return self.last


def reset_sequences(*models):
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


ADAPTED_TYPES = {"DateTimeField", "DateField", "JSONField", "DecimalField"}


class Table:
    """One model's rows for a chunk, as plain tuples in `fields` order, written with insert_rows.

    If `fields` starts with "id", `next_id` hands primary keys out in advance (see Ids), so other
    rows can point at a row before it is written. Dates, datetimes, JSON and decimals are turned
    into the database's form on writing (to_db); other values must already be in it.
    """

    def __init__(self, model, fields):
        self.model, self.fields = model, tuple(fields)
        self._ids = None
        self.rows = []
        self._adapters = [
            (index, to_db(model, name, cached=model._meta.get_field(name).get_internal_type() != "JSONField"))
            for index, name in enumerate(self.fields)
            if model._meta.get_field(name).get_internal_type() in ADAPTED_TYPES
        ]

    @property
    def ids(self):
        if self._ids is None:
            self._ids = Ids(self.model)
        return self._ids

    def next_id(self):
        return self.ids.next()

    def add(self, *values):
        self.rows.append(values)

    def write(self):
        """Write and forget the rows collected so far; return how many there were."""
        rows = self.rows
        if self._adapters:
            rows = [self._adapt(row) for row in rows]
        insert_rows(self.model, self.fields, rows)
        self.rows = []
        return len(rows)

    def _adapt(self, row):
        row = list(row)
        for index, adapt in self._adapters:
            row[index] = adapt(row[index])
        return row
