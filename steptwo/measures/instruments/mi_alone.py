"""Mobility Inventory for Agoraphobia, Avoidance When Alone: 27 situations rated 1-5 (agoraphobia, F40.0).

Items and scoring: Chambless DL, Caputo GC, Jasin SE, Gracely EJ, Williams C. The Mobility Inventory for
Agoraphobia. Behav Res Ther 1985;23:35-44. NHS Data Dictionary, Agoraphobia Mobility Inventory
Questionnaire: a 27-item questionnaire rated 1 (never avoid) to 5 (always avoid), each situation rated
when accompanied and when alone; this instrument is the "when alone" rating only. The score is the
MEAN rating of the situations rated, 1.00-5.00 (rounded half up to 2 decimal places), not a sum.

Missing items: "patients may skip items that are irrelevant to their lifestyles; however, ... the scale
[should] be considered invalid for individuals who skip more than five items" (NHS Data Dictionary).
So up to 5 items may be left unrated; the mean is then taken over the rated items. More than 5 is refused.

No severity bands. Caseness (the Data Dictionary: "a cut-off score above an item average of 2.3") and
reliable change are reference data (measures.Threshold).

Copyright status not confirmed (domain reference §2.6): data only. A service may load its licensed
wording (steptwo.measures.licensed_text).
"""

from decimal import Decimal

from steptwo.measures.instruments.base import Instrument, Item, options

SCALE = options(*map(str, range(1, 6)), start=1)

MI_ALONE = Instrument(
    id="mi_alone",
    short_name="MI (alone)",
    name="Mobility Inventory for Agoraphobia: Avoidance When Alone",
    version="1.0",
    source="Chambless DL, Caputo GC, Jasin SE, Gracely EJ, Williams C. The Mobility Inventory for Agoraphobia. "
    "Behav Res Ther 1985;23:35-44; scoring and missing items: NHS Data Dictionary, Agoraphobia Mobility "
    "Inventory Questionnaire",
    licence="Licence not confirmed (domain reference §2.6): data only",
    wording_shipped=False,
    items=tuple(Item(id=f"q{number}", number=number, options=SCALE) for number in range(1, 28)),
    total_min=Decimal("1.00"),
    total_max=Decimal("5.00"),
    scoring="mean",
    max_missing_prorated=5,
)
