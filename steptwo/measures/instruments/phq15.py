"""PHQ-15: Patient Health Questionnaire, 15 somatic symptoms rated 0-2 (medically unexplained symptoms).

Wording, scoring and bands: Kroenke K, Spitzer RL, Williams JBW. The PHQ-15: validity of a new measure
for evaluating the severity of somatic symptoms. Psychosom Med 2002;64:258-266. Total 0-30; cut-points
5, 10 and 15 mark low, medium and high somatic symptom severity. Item wording and the three response
options as in the stand-alone PHQ-15 form (phqscreeners.com), checked against [CAMCOPS]
extra_strings/phq15.xml. In the 2002 paper items n (tiredness) and o (sleep) came from the PHQ-9 and
were scored 0 / 1 / 2 for not at all / several days / more than half the days or nearly every day;
the stand-alone form asks them like the others, as here.

Item d (menstrual cramps or other problems with periods) is asked of women only: under the context flag
"no_periods" it is not applicable and left out of the sum, without prorating ([CAMCOPS] phq15.py: the
menstrual item is required only for women; "in males, maximum score is actually 28").

Caseness and reliable change for PHQ-15 in NHS Talking Therapies were not found: the Threshold row is
empty (domain reference §2.1). No LOINC or SNOMED codes are given in the domain reference §8.5.
"""

from decimal import Decimal

from steptwo.measures.instruments.base import Instrument, Item, bands, options

BOTHERED = options("Not bothered at all", "Bothered a little", "Bothered a lot")

_ITEMS = [
    "Stomach pain",
    "Back pain",
    "Pain in your arms, legs, or joints (knees, hips, etc.)",
    "Menstrual cramps or other problems with your periods",
    "Headaches",
    "Chest pain",
    "Dizziness",
    "Fainting spells",
    "Feeling your heart pound or race",
    "Shortness of breath",
    "Pain or problems during sexual intercourse",
    "Constipation, loose bowels, or diarrhea",
    "Nausea, gas, or indigestion",
    "Feeling tired or having low energy",
    "Trouble sleeping",
]

MENSTRUAL_ITEM = "q4"

PHQ15 = Instrument(
    id="phq15",
    short_name="PHQ-15",
    name="Patient Health Questionnaire-15",
    version="1.0",
    source="Kroenke K, Spitzer RL, Williams JBW. The PHQ-15: validity of a new measure for evaluating the severity "
    "of somatic symptoms. Psychosom Med 2002;64:258-266",
    licence="Public domain: no permission is required to reproduce, translate, display or distribute (phqscreeners.com)",
    wording_shipped=True,
    stem="During the past 4 weeks, how much have you been bothered by any of the following problems?",
    items=tuple(
        Item(
            id=f"q{number}",
            number=number,
            text=text,
            options=BOTHERED,
            not_applicable_when="no_periods" if f"q{number}" == MENSTRUAL_ITEM else "",
        )
        for number, text in enumerate(_ITEMS, start=1)
    ),
    total_min=Decimal(0),
    total_max=Decimal(30),
    bands=bands((0, 4, "Minimal"), (5, 9, "Low"), (10, 14, "Medium"), (15, 30, "High")),
    bands_source="Kroenke et al. 2002: scores of 5, 10 and 15 are the cut-points for low, medium and high "
    "somatic symptom severity",
)
