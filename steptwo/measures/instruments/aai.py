"""AAI: Appearance Anxiety Inventory, 10 items rated 0-4 (body dysmorphic disorder, SNOMED 83482000).

Items and scoring: Veale D, Eshkevari E, Kanakam N, Ellison N, Costa A, Werner T. The Appearance Anxiety
Inventory: validation of a process measure in the treatment of body dysmorphic disorder. Behav Cogn
Psychother 2014;42:605-616. 10 items, 0-4, total = sum, 0-40 (domain reference §2.1).

The data set names the BDD measure "BIQ"; that the AAI is the one used is unsourced (domain reference
§1.2). No severity bands: the research cut-offs (remission <= 13) are not NHS Talking Therapies bands.
The caseness threshold is uncertain and no reliable-change index is known (measures.Threshold).

Licence not confirmed (domain reference §2.6): data only. A service may load its licensed wording.
"""

from decimal import Decimal

from steptwo.measures.instruments.base import Instrument, Item, options

SCALE = options(*map(str, range(5)))

AAI = Instrument(
    id="aai",
    short_name="AAI",
    name="Appearance Anxiety Inventory",
    version="1.0",
    source="Veale D, Eshkevari E, Kanakam N, Ellison N, Costa A, Werner T. The Appearance Anxiety Inventory: "
    "validation of a process measure in the treatment of body dysmorphic disorder. Behav Cogn Psychother "
    "2014;42:605-616",
    licence="Licence not confirmed (domain reference §2.6): data only",
    wording_shipped=False,
    items=tuple(Item(id=f"q{number}", number=number, options=SCALE) for number in range(1, 11)),
    total_min=Decimal(0),
    total_max=Decimal(40),
)
