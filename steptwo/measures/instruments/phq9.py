"""PHQ-9: Patient Health Questionnaire, 9 items, depression.

Wording, scoring and bands: Kroenke, Spitzer & Williams 2001, J Gen Intern Med 16:606-13; text as in
domain reference §2.3 ([CAMCOPS] extra_strings/phq9.xml); bands §2.2. Codes: domain reference §8.5.
Caseness (>= 10) and reliable change (6) are reference data (measures.Threshold), not here.
"""

from decimal import Decimal

from steptwo.measures.instruments.base import Codes, Instrument, Item, RiskRule, bands, options

FREQUENCY = options("Not at all", "Several days", "More than half the days", "Nearly every day")
DIFFICULTY = options("Not difficult at all", "Somewhat difficult", "Very difficult", "Extremely difficult")

_ITEMS = [
    ("q1", "Little interest or pleasure in doing things", "44250-9"),
    ("q2", "Feeling down, depressed, or hopeless", "44255-8"),
    ("q3", "Trouble falling or staying asleep, or sleeping too much", "44259-0"),
    ("q4", "Feeling tired or having little energy", "44254-1"),
    ("q5", "Poor appetite or overeating", "44251-7"),
    (
        "q6",
        ("Feeling bad about yourself — or that you are a failure or have let yourself or your family down"),
        "44258-2",
    ),
    ("q7", "Trouble concentrating on things, such as reading the newspaper or watching television", "44252-5"),
    (
        "q8",
        (
            "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so "
            "fidgety or restless that you have been moving around a lot more than usual"
        ),
        "44253-3",
    ),
    ("q9", "Thoughts that you would be better off dead or of hurting yourself in some way", "44260-8"),
]

PHQ9 = Instrument(
    id="phq9",
    short_name="PHQ-9",
    name="Patient Health Questionnaire-9",
    version="1.0",
    source="Kroenke K, Spitzer RL, Williams JB. The PHQ-9. J Gen Intern Med 2001;16:606-613",
    licence="Public domain: no permission is required to reproduce, translate, display or distribute (phqscreeners.com)",
    wording_shipped=True,
    stem="Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    items=(
        *(
            Item(id=item_id, number=number, text=text, options=FREQUENCY, loinc=loinc)
            for number, (item_id, text, loinc) in enumerate(_ITEMS, start=1)
        ),
        Item(
            id="difficulty",
            number=10,
            text="If you checked off any problems, how difficult have these problems made it for you to do your "
            "work, take care of things at home, or get along with other people?",
            options=DIFFICULTY,
            scored=False,
            required=False,
            loinc="69722-7",
        ),
    ),
    total_min=Decimal(0),
    total_max=Decimal(27),
    bands=bands(
        (0, 4, "None to minimal"),
        (5, 9, "Mild"),
        (10, 14, "Moderate"),
        (15, 19, "Moderately severe"),
        (20, 27, "Severe"),
    ),
    bands_source="Kroenke et al. 2001 (domain reference §2.2)",
    codes=Codes(loinc_panel="44249-1", loinc_total="44261-6", snomed_total="720433000"),
    risk_rules=(
        RiskRule(
            item_id="q9",
            minimum=1,
            kind="suicidal_ideation",
            message="PHQ-9 question 9 (thoughts of being better off dead or of self-harm) was answered above "
            "'Not at all'. A clinician must review risk.",
        ),
    ),
)
