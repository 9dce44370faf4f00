"""OCI-R: Obsessive-Compulsive Inventory - Revised, 18 items rated 0-4 (OCD, F42).

Items and scoring: Foa EB, Huppert JD, Leiberg S, Langner R, Kichic R, Hajcak G, Salkovskis PM. The
Obsessive-Compulsive Inventory: development and validation of a short version. Psychol Assess
2002;14:485-496. 18 items, 0 (not at all) to 4 (extremely), total = sum, 0-72 (six 3-item subscales,
not scored here).

The older IAPT data standard recorded the full 42-item OCI (0-168, NHS Data Dictionary); this is the
18-item revision the domain reference names (§2.1). No severity bands. Caseness (14, or 21 in some
sources) and reliable change are reference data (measures.Threshold, unverified, low confidence).

Licence not confirmed (domain reference §2.6): data only. A service may load its licensed wording.
"""

from decimal import Decimal

from steptwo.measures.instruments.base import Instrument, Item, options

SCALE = options(*map(str, range(5)))

OCIR = Instrument(
    id="ocir",
    short_name="OCI-R",
    name="Obsessive-Compulsive Inventory - Revised",
    version="1.0",
    source="Foa EB, Huppert JD, Leiberg S, et al. The Obsessive-Compulsive Inventory: development and validation "
    "of a short version. Psychol Assess 2002;14:485-496",
    licence="Licence not confirmed (domain reference §2.6): data only",
    wording_shipped=False,
    items=tuple(Item(id=f"q{number}", number=number, options=SCALE) for number in range(1, 19)),
    total_min=Decimal(0),
    total_max=Decimal(72),
)
