"""The demo service's signposting directory: invented local organisations (drama phone numbers, .example)."""

from typing import NamedTuple


class Organisation(NamedTuple):
    key: str  # how referral reasons point at it (SIGNPOST_FOR)
    name: str
    offers: str
    phone: str
    website: str
    area: str


ORGANISATIONS = [
    Organisation(
        "debt",
        "Vale Money and Debt Advice",
        "Free, confidential help with debt, benefits and budgeting",
        "01632 960101",
        "https://money-advice.kestrelvale.example",
        "Whole service area",
    ),
    Organisation(
        "carers",
        "Kestrel Vale Carers Centre",
        "Support, breaks and advice for unpaid carers",
        "01632 960202",
        "https://carers.kestrelvale.example",
        "Whole service area",
    ),
    Organisation(
        "bereavement",
        "Vale Bereavement Support",
        "One-to-one and group support after a death",
        "01632 960303",
        "https://bereavement.kestrelvale.example",
        "Whole service area",
    ),
    Organisation(
        "housing",
        "Vale Housing Advice Line",
        "Advice on tenancy problems, homelessness and repairs",
        "01632 960404",
        "https://housing.kestrelvale.example",
        "Whole service area",
    ),
    Organisation(
        "alcohol",
        "Kestrel Vale Recovery Hub",
        "Support with alcohol and drug use, self-referral",
        "01632 960505",
        "https://recovery.kestrelvale.example",
        "Whole service area",
    ),
    Organisation(
        "employment",
        "Vale Work Well",
        "Employment advisers: staying in or returning to work",
        "01632 960606",
        "https://workwell.kestrelvale.example",
        "Whole service area",
    ),
    Organisation(
        "activity",
        "Kestrel Vale Walking for Wellbeing",
        "Free led walks and community activity groups",
        "01632 960707",
        "https://walks.kestrelvale.example",
        "Ashvale and Brackenford",
    ),
    Organisation(
        "college",
        "Vale Recovery and Wellbeing College",
        "Free courses on living well and mental health",
        "01632 960808",
        "https://college.kestrelvale.example",
        "Whole service area",
    ),
]

# Words in a referral reason (demo.reasons.REFERRAL_REASONS) that point at one organisation.
SIGNPOST_FOR = {
    "debt": "debt", "finances": "debt", "job": "employment", "redundancy": "employment", "work": "employment",
    "caring": "carers", "bereavement": "bereavement", "housing": "housing", "isolated": "activity",
    "retiring": "activity",
}  # fmt: skip
FALLBACK = ["college", "activity"]
