"""The registry of instruments: one module per instrument, each defining one `Instrument`."""

from steptwo.measures.instruments.aai import AAI
from steptwo.measures.instruments.gad7 import GAD7
from steptwo.measures.instruments.iesr import IESR
from steptwo.measures.instruments.mi_alone import MI_ALONE
from steptwo.measures.instruments.ocir import OCIR
from steptwo.measures.instruments.pcl5 import PCL5
from steptwo.measures.instruments.pdss import PDSS
from steptwo.measures.instruments.phobia_scales import PHOBIA_SCALES
from steptwo.measures.instruments.phq9 import PHQ9
from steptwo.measures.instruments.phq15 import PHQ15
from steptwo.measures.instruments.shai import SHAI
from steptwo.measures.instruments.spin import SPIN
from steptwo.measures.instruments.wsas import WSAS

INSTRUMENTS = {
    instrument.id: instrument
    for instrument in (PHQ9, GAD7, WSAS, PHOBIA_SCALES, SPIN, PDSS, MI_ALONE, OCIR, PCL5, IESR, SHAI, AAI, PHQ15)
}

# The anxiety disorder specific measures (domain reference §1.2): the anxiety side of recovery when the
# referral's problem descriptor calls for one. WSAS and the phobia scales are recorded but are not ADSMs.
ADSM_IDS = ("spin", "pdss", "mi_alone", "ocir", "pcl5", "iesr", "shai", "aai", "phq15")


def get(instrument_id):
    return INSTRUMENTS[instrument_id]


def choices():
    return [(instrument.id, instrument.short_name) for instrument in INSTRUMENTS.values()]
