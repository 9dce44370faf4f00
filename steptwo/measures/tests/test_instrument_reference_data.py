"""The registry against the versioned reference data (measures/reference_data/*.csv) and the ADSM list."""

import csv
from pathlib import Path

from steptwo.measures import instruments

REFERENCE_DATA = Path(instruments.__file__).resolve().parent.parent / "reference_data"
NOT_FOR_CASENESS = {"wsas", "phobia_scales"}  # recorded, but no caseness threshold applies


def column(name, field):
    with open(REFERENCE_DATA / name, newline="") as file:
        return [row[field] for row in csv.DictReader(file)]


def test_every_instrument_but_wsas_and_phobia_scales_has_a_threshold_row():
    with_thresholds = set(column("thresholds.csv", "instrument_id"))

    assert set(instruments.INSTRUMENTS) - NOT_FOR_CASENESS <= with_thresholds
    assert not NOT_FOR_CASENESS & with_thresholds


def test_every_threshold_row_names_a_registered_instrument():
    assert set(column("thresholds.csv", "instrument_id")) <= set(instruments.INSTRUMENTS)


def test_every_instrument_in_the_adsm_mapping_is_registered():
    mapped = {instrument_id for instrument_id in column("adsm_mapping.csv", "instrument_id") if instrument_id}

    assert mapped <= set(instruments.INSTRUMENTS)


def test_adsm_ids_are_registered_and_are_the_mapped_measures():
    mapped = {instrument_id for instrument_id in column("adsm_mapping.csv", "instrument_id") if instrument_id}

    assert set(instruments.ADSM_IDS) <= set(instruments.INSTRUMENTS)
    assert mapped <= set(instruments.ADSM_IDS)
    assert not {"phq9", "gad7", "wsas", "phobia_scales"} & set(instruments.ADSM_IDS)


def test_registry_lists_all_thirteen():
    assert list(instruments.INSTRUMENTS) == [
        "phq9", "gad7", "wsas", "phobia_scales", "spin", "pdss", "mi_alone", "ocir", "pcl5", "iesr", "shai", "aai",
        "phq15",
    ]  # fmt: skip
    assert instruments.choices()[0] == ("phq9", "PHQ-9")
    assert instruments.get("mi_alone").short_name == "MI (alone)"
