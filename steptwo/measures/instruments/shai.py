"""SHAI (HAI-18): Short Health Anxiety Inventory, 18 items rated 0-3 (health anxiety, F45.2).

Items and scoring: Salkovskis PM, Rimes KA, Warwick HMC, Clark DM. The Health Anxiety Inventory:
development and validation of scales for the measurement of health anxiety and hypochondriasis. Psychol
Med 2002;32:843-853 (the short version). 14 main items and 4 "negative consequences" items; each item
is four statements scored 0-3; total = sum, 0-54 (domain reference §2.1). The IAPT data standard calls
it the Health Anxiety Inventory (short week).

No severity bands. Caseness and reliable change are reference data (measures.Threshold, unverified).

Licence not confirmed (domain reference §2.6): data only; the statements for each item are not shipped.
A service may load its licensed wording.
"""

from decimal import Decimal

from steptwo.measures.instruments.base import Instrument, Item, options

SCALE = options(*map(str, range(4)))

SHAI = Instrument(
    id="shai",
    short_name="SHAI",
    name="Short Health Anxiety Inventory (HAI-18)",
    version="1.0",
    source="Salkovskis PM, Rimes KA, Warwick HMC, Clark DM. The Health Anxiety Inventory: development and "
    "validation of scales for the measurement of health anxiety and hypochondriasis. Psychol Med "
    "2002;32:843-853",
    licence="Licence not confirmed (domain reference §2.6): data only",
    wording_shipped=False,
    items=tuple(Item(id=f"q{number}", number=number, options=SCALE) for number in range(1, 19)),
    total_min=Decimal(0),
    total_max=Decimal(54),
)
