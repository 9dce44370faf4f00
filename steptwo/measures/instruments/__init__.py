"""The registry of instruments: one module per instrument, each defining one `Instrument`."""

from steptwo.measures.instruments.gad7 import GAD7
from steptwo.measures.instruments.phq9 import PHQ9

INSTRUMENTS = {instrument.id: instrument for instrument in (PHQ9, GAD7)}


def get(instrument_id):
    return INSTRUMENTS[instrument_id]


def choices():
    return [(instrument.id, instrument.short_name) for instrument in INSTRUMENTS.values()]
