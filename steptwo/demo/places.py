"""Invented places. Postcodes use the area "XX", which does not exist, phone numbers come from
Ofcom's ranges reserved for drama, and e-mail addresses use the reserved example domains.
"""

SERVICE_NAME = "Kestrel Vale NHS Talking Therapies"
SERVICE_ODS_CODE = "XKV"

# One locality per team: (team name, team code, towns in its area). Small sizes use the first few.
LOCALITIES = [
    ("Ashvale", "ASH", ["Ashvale", "Ashvale Green", "Little Tarrow"]),
    ("Brackenford", "BRK", ["Brackenford", "Upper Brackenford", "Steddon"]),
    ("Calderbrook", "CAL", ["Calderbrook", "Wexley", "Thornmoor"]),
    ("Dunmere", "DUN", ["Dunmere", "Dunmere Quay", "Holloway Cross"]),
    ("Elmstead", "ELM", ["Elmstead", "Fairholme", "Lower Elmstead"]),
    ("Farrowdale", "FAR", ["Farrowdale", "Kirkby Farrow", "Ousebury"]),
    ("Greystone", "GRY", ["Greystone", "Penhallow", "Westerleigh"]),
    ("Harlowmoor", "HAR", ["Harlowmoor", "Rookhaven", "Stanwick Fell"]),
]

STREET_NAMES = [
    "Mill", "Church", "Station", "Park", "Victoria", "Albert", "Queens", "Kings", "Orchard", "Meadow",
    "Chapel", "Bridge", "Elm", "Oak", "Beech", "Willow", "Hawthorn", "Rowan", "Cedar", "Sycamore",
    "Windsor", "York", "Manor", "Springfield", "Highfield", "Castle", "Market", "Brook", "Heather",
    "Primrose", "Foxglove", "Mulberry", "Kingfisher", "Lark", "Juniper", "Moorland", "Quarry", "Forge",
]  # fmt: skip
STREET_TYPES = ["Road", "Street", "Lane", "Avenue", "Close", "Drive", "Way", "Crescent", "Gardens", "Grove", "Terrace"]
BUILDING_TYPES = ["Court", "House", "Mews", "Lodge", "Heights"]

PRACTICE_PATTERNS = [
    "{town} Medical Centre", "{town} Health Centre", "{town} Surgery", "{street} Surgery",
    "The {street} Practice", "{street} Medical Practice", "{town} Family Practice", "{street} House Surgery",
]  # fmt: skip

# Inward-code letters never include C, I, K, M, O or V.
POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def street(rng):
    return f"{rng.choice(STREET_NAMES)} {rng.choice(STREET_TYPES)}"


def postcode(rng, district):
    return f"XX{district} {rng.randint(1, 9)}{rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"


def mobile_phone(rng):
    return f"07700 900{rng.randint(0, 999):03d}"


def landline(rng):
    return f"01632 960{rng.randint(0, 999):03d}"
