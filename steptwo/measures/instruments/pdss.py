"""PDSS: Panic Disorder Severity Scale, 7 items rated 0-4 (panic disorder, F41.0).

Items and scoring: Shear MK, Brown TA, Barlow DH, et al. Multicenter collaborative Panic Disorder
Severity Scale. Am J Psychiatry 1997;154:1571-1575; self-report version: Houck PR, Spiegel DA, Shear MK,
Rucci P. Reliability of the self-report version of the Panic Disorder Severity Scale. Depress Anxiety
2002;15:183-185. 7 items, 0-4, total = sum, 0-28 (domain reference §2.1). Shear et al. 1997 also
report a composite (the mean of the 7 items); NHS Talking Therapies thresholds are on the 0-28 total.

No severity bands (none in the domain reference; not invented). Caseness and reliable change are
reference data (measures.Threshold, unverified).

Copyright M. Katherine Shear: data collection only ([CAMCOPS] pdss.rst). The option anchors differ by
item and are not shipped either. A service may load its licensed wording.
"""

from decimal import Decimal

from steptwo.measures.instruments.base import Instrument, Item, options

SCALE = options(*map(str, range(5)))

PDSS = Instrument(
    id="pdss",
    short_name="PDSS",
    name="Panic Disorder Severity Scale",
    version="1.0",
    source="Shear MK, Brown TA, Barlow DH, et al. Multicenter collaborative Panic Disorder Severity Scale. Am J "
    "Psychiatry 1997;154:1571-1575; self-report version: Houck PR et al. Depress Anxiety 2002;15:183-185",
    licence="Copyright M. Katherine Shear: data collection only ([CAMCOPS] pdss.rst)",
    wording_shipped=False,
    items=tuple(Item(id=f"q{number}", number=number, options=SCALE) for number in range(1, 8)),
    total_min=Decimal(0),
    total_max=Decimal(28),
)
