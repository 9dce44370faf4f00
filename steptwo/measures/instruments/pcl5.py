"""PCL-5: PTSD Checklist for DSM-5, 20 items rated 0-4 (post-traumatic stress disorder).

Wording and scoring: Weathers FW, Litz BT, Keane TM, Palmieri PA, Marx BP, Schnurr PP. The PTSD Checklist
for DSM-5 (PCL-5). National Center for PTSD, 2013 (www.ptsd.va.gov): the standard past-month form, 20
items, 0 Not at all to 4 Extremely, total = sum, 0-80. Text as published by the National Center for PTSD,
checked against [CAMCOPS] extra_strings/pcl5.xml (which drops the question mark on item 10).

The PCL-5 is the ADSM for PTSD (F43.1) in the newer Manual (IES-R in Clark et al. 2018: domain reference
§1.2). The National Center for PTSD publishes a provisional cut-off (31-33), not severity bands, so no
bands here; caseness and reliable change are reference data (measures.Threshold, unverified).
"""

from decimal import Decimal

from steptwo.measures.instruments.base import Instrument, Item, options

BOTHERED = options("Not at all", "A little bit", "Moderately", "Quite a bit", "Extremely")

_ITEMS = [
    "Repeated, disturbing, and unwanted memories of the stressful experience?",
    "Repeated, disturbing dreams of the stressful experience?",
    (
        "Suddenly feeling or acting as if the stressful experience were actually happening again (as if you were "
        "actually back there reliving it)?"
    ),
    "Feeling very upset when something reminded you of the stressful experience?",
    (
        "Having strong physical reactions when something reminded you of the stressful experience (for example, heart "
        "pounding, trouble breathing, sweating)?"
    ),
    "Avoiding memories, thoughts, or feelings related to the stressful experience?",
    (
        "Avoiding external reminders of the stressful experience (for example, people, places, conversations, "
        "activities, objects, or situations)?"
    ),
    "Trouble remembering important parts of the stressful experience?",
    (
        "Having strong negative beliefs about yourself, other people, or the world (for example, having thoughts such "
        "as: I am bad, there is something seriously wrong with me, no one can be trusted, the world is completely "
        "dangerous)?"
    ),
    "Blaming yourself or someone else for the stressful experience or what happened after it?",
    "Having strong negative feelings such as fear, horror, anger, guilt, or shame?",
    "Loss of interest in activities that you used to enjoy?",
    "Feeling distant or cut off from other people?",
    (
        "Trouble experiencing positive feelings (for example, being unable to feel happiness or have loving feelings "
        "for people close to you)?"
    ),
    "Irritable behavior, angry outbursts, or acting aggressively?",
    "Taking too many risks or doing things that could cause you harm?",
    'Being "superalert" or watchful or on guard?',
    "Feeling jumpy or easily startled?",
    "Having difficulty concentrating?",
    "Trouble falling or staying asleep?",
]

PCL5 = Instrument(
    id="pcl5",
    short_name="PCL-5",
    name="PTSD Checklist for DSM-5",
    version="1.0",
    source="Weathers FW, Litz BT, Keane TM, Palmieri PA, Marx BP, Schnurr PP. The PTSD Checklist for DSM-5 "
    "(PCL-5). National Center for PTSD, 2013 (www.ptsd.va.gov)",
    licence="Work of the US Government (National Center for PTSD): public domain, free to use ([CAMCOPS] pcl5.rst)",
    wording_shipped=True,
    stem="In the past month, how much were you bothered by:",
    items=tuple(
        Item(id=f"q{number}", number=number, text=text, options=BOTHERED) for number, text in enumerate(_ITEMS, start=1)
    ),
    total_min=Decimal(0),
    total_max=Decimal(80),
)
