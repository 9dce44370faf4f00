"""WSAS: Work and Social Adjustment Scale, 5 items rated 0-8, functional impairment.

Items and range: Mundt JC, Marks IM, Shear MK, Greist JH. The Work and Social Adjustment Scale: a simple
measure of impairment in functioning. Br J Psychiatry 2002;180:461-464; 5 items, 0-8 each, total 0-40
([CAMCOPS] wsas.py, MAX_PER_Q = 8; domain reference §2.1).

Not applicable and missing items: the NHS Data Dictionary (June 2012 release, data element WORK AND SOCIAL
ADJUSTMENT SCALE SCORE) gives the score as 0 to 40 and says: if the patient has selected "not applicable"
for question 1 (work), or one value is missing, substitute the average of the non-missing items;
disregard questionnaires with more than one missing value. So q1 is not applicable under the context
flag "not_working" and is then prorated (sum of the other four x 5/4, rounded half up), and at most one
value in all may be missing or not applicable. Note: [CAMCOPS] instead drops the work item and reports
0-32 (domain reference §2.1); this module follows the NHS data standard.

Severity bands (>20 moderately severe or worse, 10-20 significant impairment, <10 subclinical, after
Mundt et al. 2002) are marked UNSOURCED in the domain reference §2.2: kept, flagged in bands_source.
The WSAS is not used for caseness (no Threshold row).

Copyright Isaac M. Marks: data only. Item text and the option anchors are not shipped; a service may load
its licensed wording (steptwo.measures.licensed_text).
"""

from decimal import Decimal

from steptwo.measures.instruments.base import Instrument, Item, bands, options

SCALE = options(*map(str, range(9)))

WSAS = Instrument(
    id="wsas",
    short_name="WSAS",
    name="Work and Social Adjustment Scale",
    version="1.0",
    source="Mundt JC, Marks IM, Shear MK, Greist JH. The Work and Social Adjustment Scale: a simple measure of "
    "impairment in functioning. Br J Psychiatry 2002;180:461-464. Not-applicable and missing items: NHS Data "
    "Dictionary, WORK AND SOCIAL ADJUSTMENT SCALE SCORE (June 2012 release)",
    licence="Copyright Isaac M. Marks: data collection only; a service loads its own licensed wording "
    "([CAMCOPS] wsas.rst)",
    wording_shipped=False,
    items=(
        Item(id="q1", number=1, options=SCALE, not_applicable_when="not_working"),
        *(Item(id=f"q{number}", number=number, options=SCALE) for number in range(2, 6)),
    ),
    total_min=Decimal(0),
    total_max=Decimal(40),
    bands=bands(
        (0, 9, "Subclinical"),
        (10, 20, "Significant impairment"),
        (21, 40, "Moderately severe impairment or worse"),
    ),
    bands_source="UNSOURCED, from general knowledge (domain reference §2.2): thresholds attributed to Mundt et al. "
    "2002 (>20, 10-20, <10); check against the paper before relying on them",
    max_missing_prorated=1,
    prorate_not_applicable=True,
)
