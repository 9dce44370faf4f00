"""IES-R: Impact of Event Scale - Revised, 22 items rated 0-4 (PTSD, F43.1, in older manuals).

Items and scoring: Weiss DS, Marmar CR. The Impact of Event Scale-Revised. In: Wilson JP, Keane TM (eds).
Assessing Psychological Trauma and PTSD. New York: Guilford, 1997:399-411. 22 items, 0 (not at all) to
4 (extremely); the total used in NHS Talking Therapies is the sum, 0-88 (domain reference §2.1). The
authors also describe subscale means (intrusion, avoidance, hyperarousal), not computed here. The IAPT
Data Handbook v2.0.1 (2011) corrected its scoring advice and cut-off for the IES-R: check the current
Manual before relying on the threshold.

No severity bands. Caseness and reliable change are reference data (measures.Threshold, unverified).

"Copyright chain unclear ... permission sought from Daniel S. Weiss, who declined" ([CAMCOPS] iesr.rst):
data collection only. A service may load its licensed wording.
"""

from decimal import Decimal

from steptwo.measures.instruments.base import Instrument, Item, options

SCALE = options(*map(str, range(5)))

IESR = Instrument(
    id="iesr",
    short_name="IES-R",
    name="Impact of Event Scale - Revised",
    version="1.0",
    source="Weiss DS, Marmar CR. The Impact of Event Scale-Revised. In: Wilson JP, Keane TM (eds). Assessing "
    "Psychological Trauma and PTSD. Guilford, 1997:399-411",
    licence="Copyright chain unclear; the author declined permission to CamCOPS (2015): data collection only "
    "([CAMCOPS] iesr.rst)",
    wording_shipped=False,
    items=tuple(Item(id=f"q{number}", number=number, options=SCALE) for number in range(1, 23)),
    total_min=Decimal(0),
    total_max=Decimal(88),
)
