"""Versioned reference data: caseness thresholds, reliable-change indices, the ADSM mapping.

The CSV files beside this module are the source; `load()` copies them into the database, adding rows
and updating rows with the same key (instrument + effective date, or code + effective date). To change
a value, add a row with a new effective-from date and its source, then run
`manage.py load_reference_data` (the migrations run it too). Values whose `verified` is false come
from the domain reference's unsourced list: the UI marks them "unverified".
"""

import csv
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _rows(name):
    with open(HERE / name, newline="") as file:
        yield from csv.DictReader(file)


def _decimal(value):
    return Decimal(value) if value else None


def load(threshold_model, mapping_model):
    for row in _rows("thresholds.csv"):
        threshold_model.objects.update_or_create(
            instrument_id=row["instrument_id"],
            effective_from=row["effective_from"],
            defaults={
                "caseness_cutoff": _decimal(row["caseness_cutoff"]),
                "reliable_change": _decimal(row["reliable_change"]),
                "verified": row["verified"] == "true",
                "source": row["source"],
                "note": row["note"],
            },
        )
    for row in _rows("adsm_mapping.csv"):
        mapping_model.objects.update_or_create(
            code_system=row["code_system"],
            code=row["code"],
            effective_from=row["effective_from"],
            defaults={
                "label": row["label"],
                "instrument_id": row["instrument_id"],
                "verified": row["verified"] == "true",
                "source": row["source"],
            },
        )
