"""GAD-7: Generalised Anxiety Disorder assessment, 7 items.

Wording, scoring and bands: Spitzer, Kroenke, Williams & Löwe 2006, Arch Intern Med 166:1092-7; text as
in domain reference §2.4; bands §2.2. The zero option is "Not at all" — many publications wrongly print
"Not at all sure" (Zorowitz et al. 2021, Lancet Psychiatry 8:180; domain reference §2.4).
Caseness (>= 8) and reliable change (4) are reference data (measures.Threshold), not here.
"""

from decimal import Decimal

from steptwo.measures.instruments.base import Codes, Instrument, Item, bands
from steptwo.measures.instruments.phq9 import FREQUENCY

_ITEMS = [
    ("q1", "Feeling nervous, anxious or on edge", "69725-0"),
    ("q2", "Not being able to stop or control worrying", "68509-9"),
    ("q3", "Worrying too much about different things", "69733-4"),
    ("q4", "Trouble relaxing", "69734-2"),
    ("q5", "Being so restless that it is hard to sit still", "69735-9"),
    ("q6", "Becoming easily annoyed or irritable", "69689-8"),
    ("q7", "Feeling afraid as if something awful might happen", "69736-7"),
]

GAD7 = Instrument(
    id="gad7",
    short_name="GAD-7",
    name="Generalised Anxiety Disorder Assessment-7",
    version="1.0",
    source="Spitzer RL, Kroenke K, Williams JB, Löwe B. A brief measure for assessing generalized anxiety "
    "disorder: the GAD-7. Arch Intern Med 2006;166:1092-1097",
    licence="Public domain: no permission is required to reproduce, translate, display or distribute (phqscreeners.com)",
    wording_shipped=True,
    stem="Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    items=tuple(
        Item(id=item_id, number=number, text=text, options=FREQUENCY, loinc=loinc)
        for number, (item_id, text, loinc) in enumerate(_ITEMS, start=1)
    ),
    total_min=Decimal(0),
    total_max=Decimal(21),
    bands=bands((0, 4, "Minimal"), (5, 9, "Mild"), (10, 14, "Moderate"), (15, 21, "Severe")),
    bands_source="Spitzer et al. 2006 (domain reference §2.2)",
    codes=Codes(loinc_panel="69737-5", loinc_total="70274-6", snomed_total="445455005"),
)
