"""The SNOMED CT total-score code of each instrument the data set carries (IDS606/IDS607 CodedAssToolType).

Two sources, one lookup:

* Sourced codes come from the instruments themselves (steptwo.measures.instruments, Codes.snomed_total),
  as the domain reference §8.5 gives them: PHQ-9 720433000, GAD-7 445455005. These are verified.
* Every other instrument's code is versioned reference data in reference/score_codes.csv, one row per
  instrument with a `verified` flag and the source of the code.

UNVERIFIED: the domain reference gives no total-score code for WSAS, the IAPT Phobia Scales or any of
the ADSMs (SPIN, PDSS, MI alone, OCI-R, PCL-5, IES-R, SHAI, AAI, PHQ-15). Their rows carry placeholder
codes ("LOCAL-SPIN", ...) that are not SNOMED CT and will not pass national validation; they keep an
export and re-import lossless until someone checks the real codes against the NHS Data Dictionary and
the SNOMED CT UK edition, replaces them in the CSV and sets `verified` to true. `unverified()` lists
them (the data-quality report and the export command say so).
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from steptwo.measures import instruments

REFERENCE_FILE = Path(__file__).parent / "reference" / "score_codes.csv"


@dataclass(frozen=True)
class ScoreCode:
    instrument_id: str
    code: str
    verified: bool
    source: str


def code_for(instrument_id):
    """The CodedAssToolType of an instrument's total score; KeyError for an instrument we do not know."""
    return _by_instrument()[instrument_id].code


def instrument_for(code):
    """The instrument id a CodedAssToolType stands for, or None for a code we do not carry."""
    entry = _by_code().get(code)
    return entry.instrument_id if entry else None


def entry_for(instrument_id):
    return _by_instrument()[instrument_id]


def all_codes():
    return tuple(_by_instrument().values())


def unverified():
    """The instruments whose code is a placeholder, not a checked SNOMED CT code."""
    return tuple(entry for entry in all_codes() if not entry.verified)


@cache
def _by_instrument():
    entries = {}
    for instrument in instruments.INSTRUMENTS.values():
        if instrument.codes.snomed_total:
            entries[instrument.id] = ScoreCode(
                instrument.id, instrument.codes.snomed_total, True, f"{instrument.short_name}: domain reference §8.5"
            )
    for entry in _reference_rows():
        if entry.instrument_id in entries:
            raise ValueError(f"{REFERENCE_FILE.name}: {entry.instrument_id} already has a sourced code")
        if entry.instrument_id not in instruments.INSTRUMENTS:
            raise ValueError(f"{REFERENCE_FILE.name}: unknown instrument {entry.instrument_id}")
        entries[entry.instrument_id] = entry
    missing = set(instruments.INSTRUMENTS) - set(entries)
    if missing:
        raise ValueError(f"No score code for {', '.join(sorted(missing))}")
    return {instrument_id: entries[instrument_id] for instrument_id in instruments.INSTRUMENTS}


@cache
def _by_code():
    by_code = {}
    for entry in _by_instrument().values():
        if entry.code in by_code:
            raise ValueError(f"Score code {entry.code} is given to two instruments")
        by_code[entry.code] = entry
    return by_code


def _reference_rows():
    with REFERENCE_FILE.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            yield ScoreCode(row["instrument_id"], row["code"].strip(), row["verified"].strip() == "true", row["source"])
