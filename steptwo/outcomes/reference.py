"""The versioned reference data outcomes are judged by, read once and looked up in memory.

Thresholds (caseness cut-off, reliable-change index: measures.models.Threshold) and problem descriptor →
ADSM mappings (measures.models.AdsmMapping) change over time, so each row has an effective-from date. A
referral is judged by the rows in force on the day it ended (its discharge date), or on the last day of
the reporting period while it is still open: one set of values per referral, the ones that applied when
its outcome was settled, however long ago its first score was.
"""

import bisect
from collections import defaultdict

from steptwo.measures import adsm, instruments
from steptwo.measures.models import AdsmMapping, Threshold


class ReferenceData:
    def __init__(self, thresholds, mappings):
        self._rows = (*thresholds, *mappings)
        self._thresholds = _by_key_and_date(thresholds, lambda row: row.instrument_id)
        self._mappings = _by_key_and_date(mappings, lambda row: (row.code_system, row.code))

    @classmethod
    def load(cls):
        """Two queries, whatever the number of referrals."""
        return cls(list(Threshold.objects.all()), list(AdsmMapping.objects.all()))

    def fingerprint(self):
        """Every row's values (not its id), in a fixed order: equal fingerprints judge every referral alike."""
        return sorted(repr((type(row).__name__, _values(row))) for row in self._rows)

    def threshold(self, instrument_id, on):
        """The Threshold row in force for an instrument on a date, or None."""
        return _in_force(self._thresholds.get(instrument_id), on)

    def adsm(self, code_system, code, on):
        """The ADSM instrument id for a problem descriptor on a date, or None (GAD-7 is then the anxiety
        measure). As measures.adsm.mapping_for: an exact code, else its nearest parent ICD-10 code
        (F42.1 → F42)."""
        for candidate in adsm.code_and_parents(code_system, code):
            row = _in_force(self._mappings.get((code_system, candidate)), on)
            if row is not None:
                return row.instrument_id if row.instrument_id in instruments.ADSM_IDS else None
        return None


def _values(row):
    return tuple(
        (field.attname, getattr(row, field.attname)) for field in row._meta.concrete_fields if not field.primary_key
    )


def _by_key_and_date(rows, key):
    grouped = defaultdict(list)
    for row in sorted(rows, key=lambda row: row.effective_from):
        grouped[key(row)].append(row)
    return grouped


def _in_force(rows, on):
    if not rows:
        return None
    index = bisect.bisect_right([row.effective_from for row in rows], on)
    return rows[index - 1] if index else None
