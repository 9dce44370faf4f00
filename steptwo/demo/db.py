"""Writing demo rows in bulk, with the historical timestamps the generators chose."""

from contextlib import contextmanager

BATCH_SIZE = 500


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
