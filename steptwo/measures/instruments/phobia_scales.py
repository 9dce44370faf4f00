"""IAPT Phobia Scales: 3 items rated 0-8 (social, agoraphobia/panic, specific phobia avoidance).

Items and scale: the IAPT phobia questions, 0 (would not avoid) to 8 (always avoid), recorded at each
session (IAPT Data Handbook v2.0.1, 2011; NHS Data Dictionary, Specific Phobia Questionnaire). Item 1:
social situations; item 2: situations, for fear of a panic attack or other distressing symptoms
(agoraphobia/panic); item 3: particular objects or activities (specific phobia).

Total: the sum of the three items (0-24) is stored for convenience only; it is not a published score.
The handbook's caseness is per item: 4 or more on any one item ("clinical caseness", domain reference
§2.1), and the NHS Data Dictionary reads a score under 4 as no specific problem. The phobia scales are
not an ADSM: specific phobia (F40.2) uses GAD-7 as its anxiety measure (domain reference §1.2), so
there is no Threshold row and no severity band.

Crown copyright (IAPT toolkit; domain reference §2.6 lists the licence as not found). Data only here, as
briefed: a service may load the wording (steptwo.measures.licensed_text).
"""

from decimal import Decimal

from steptwo.measures.instruments.base import Instrument, Item, options

SCALE = options(*map(str, range(9)))

PHOBIA_SCALES = Instrument(
    id="phobia_scales",
    short_name="Phobia scales",
    name="IAPT Phobia Scales",
    version="1.0",
    source="IAPT Data Handbook v2.0.1 (National IAPT Programme Team, June 2011), Appendix D; NHS Data "
    "Dictionary, Specific Phobia Questionnaire",
    licence="Crown copyright (IAPT toolkit); shipped as data only until the licence is confirmed "
    "(domain reference §2.6, §10 Q13)",
    wording_shipped=False,
    items=tuple(Item(id=f"q{number}", number=number, options=SCALE) for number in range(1, 4)),
    total_min=Decimal(0),
    total_max=Decimal(24),
)
