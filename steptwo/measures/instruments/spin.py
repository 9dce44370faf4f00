"""SPIN: Social Phobia Inventory, 17 items rated 0-4 (social anxiety disorder, F40.1).

Items and scoring: Connor KM, Davidson JRT, Churchill LE, Sherwood A, Foa E, Weisler RH. Psychometric
properties of the Social Phobia Inventory (SPIN). Br J Psychiatry 2000;176:379-386: 17 items, 0 (not at
all) to 4 (extremely), total = sum, 0-68.

No severity bands: the severity ranges that circulate for the SPIN could not be traced to a published
source, so none are invented. Caseness (19, as Connor et al. 2000's cut-off) and reliable change are
reference data (measures.Threshold, unverified).

Copyright Jonathan R. T. Davidson (licence not confirmed, domain reference §2.6): data only. A service may
load its licensed wording (steptwo.measures.licensed_text).
"""

from decimal import Decimal

from steptwo.measures.instruments.base import Instrument, Item, options

SCALE = options(*map(str, range(5)))

SPIN = Instrument(
    id="spin",
    short_name="SPIN",
    name="Social Phobia Inventory",
    version="1.0",
    source="Connor KM, Davidson JRT, Churchill LE, Sherwood A, Foa E, Weisler RH. Psychometric properties of the "
    "Social Phobia Inventory (SPIN). Br J Psychiatry 2000;176:379-386",
    licence="Copyright J. R. T. Davidson; licence not confirmed (domain reference §2.6): data only",
    wording_shipped=False,
    items=tuple(Item(id=f"q{number}", number=number, options=SCALE) for number in range(1, 18)),
    total_min=Decimal(0),
    total_max=Decimal(68),
)
