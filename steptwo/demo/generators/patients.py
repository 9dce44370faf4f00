"""Patients: valid NHS numbers from the 999 test range, invented names and addresses.

Proportions are plausible for England rather than exact: ethnicity roughly follows the 2021
census (with some not stated or not known, as in services' data); about two thirds of people
referred to NHS Talking Therapies are women; most are of working age.
"""

import datetime
import math
import unicodedata

from steptwo.demo import names, places, reasons
from steptwo.demo.randomness import Weighted, chance
from steptwo.patients.codes import EthnicCategory as E
from steptwo.patients.codes import GenderIdentity as G
from steptwo.patients.models import Patient
from steptwo.patients.nhs_number import check_digit

ETHNICITIES = Weighted({
    E.WHITE_BRITISH: 70, E.WHITE_IRISH: 0.9, E.WHITE_OTHER: 6, E.MIXED_WHITE_BLACK_CARIBBEAN: 0.9,
    E.MIXED_WHITE_BLACK_AFRICAN: 0.4, E.MIXED_WHITE_ASIAN: 0.8, E.MIXED_OTHER: 0.7, E.ASIAN_INDIAN: 3,
    E.ASIAN_PAKISTANI: 2.4, E.ASIAN_BANGLADESHI: 1, E.ASIAN_OTHER: 1.5, E.BLACK_CARIBBEAN: 1,
    E.BLACK_AFRICAN: 2.3, E.BLACK_OTHER: 0.5, E.CHINESE: 0.6, E.OTHER: 2, E.NOT_STATED: 3.5, E.NOT_KNOWN: 2.5,
})  # fmt: skip
GENDERS = Weighted({G.FEMALE: 64, G.MALE: 34, G.NON_BINARY: 0.6, G.OTHER: 0.2, G.NOT_KNOWN: 0.4, G.NOT_STATED: 0.8})
# Age when first referred: (youngest, oldest) and weight.
AGE_BANDS = Weighted(
    {(18, 25): 19, (26, 35): 26, (36, 45): 20, (46, 55): 16, (56, 65): 11, (66, 75): 5.5, (76, 90): 2.5}
)
OLDEST = 90
INTERPRETER_CHANCE = 0.12  # among people whose name suggests a first language other than English
BSL_CHANCE = 0.002
VOICEMAIL_OK = 0.6


def nhs_numbers(rng):
    """Unique valid NHS numbers 999 000 0000 to 999 999 9999, in an order set by the seed.

    Shuffles the million possible 6-digit middles with a small Feistel network (a bijection, so
    no number repeats and nothing needs remembering); middles whose check digit would be 10 are
    skipped.
    """
    rounds = [[rng.randrange(1000) for _ in range(1000)] for _ in range(4)]
    for index in range(1_000_000):
        left, right = divmod(index, 1000)
        for table in rounds:
            left, right = right, (left + table[right]) % 1000
        first_nine = f"999{left:03d}{right:03d}"
        check = check_digit(first_nine)
        if check != 10:
            yield f"{first_nine}{check}"


def new_patient(demo, locality, nhs_number, first_referral_at):
    rng = demo.rng
    ethnicity, gender = ETHNICITIES.pick(rng), GENDERS.pick(rng)
    sex = {G.FEMALE: "female", G.MALE: "male"}.get(gender) or rng.choice(["female", "male"])
    name = names.person_name(rng, ethnicity, sex)
    created = first_referral_at - datetime.timedelta(minutes=rng.randint(1, 20))
    return Patient(
        service_id=demo.service.pk, nhs_number=nhs_number, given_name=name.given, family_name=name.family,
        preferred_name=_preferred_name(rng, name.given),
        date_of_birth=_date_of_birth(rng, first_referral_at.date(), demo.anchor),
        gender_identity=gender, ethnic_category=ethnicity,
        **_address(rng, locality), **_contact(rng, name), **_practice(rng, locality), **_language(rng, name),
        created_at=created, updated_at=created, created_by_id=rng.choice(locality.admins).pk,
    )  # fmt: skip


def _preferred_name(rng, given):
    short = names.SHORT_NAMES.get(given)
    return short if short and chance(rng, 0.4) else ""


def _date_of_birth(rng, first_referred, anchor):
    """Aged 18 or over when first referred, and no older than 90 on the anchor date."""
    youngest, oldest = AGE_BANDS.pick(rng)
    years_since = math.ceil((anchor - first_referred).days / 365)
    age = max(18, min(rng.randint(youngest, oldest), OLDEST - years_since))
    birthday = _years_before(first_referred, age)
    return birthday - datetime.timedelta(days=rng.randrange(365))


def _years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _address(rng, locality):
    town_index = rng.randrange(len(locality.towns))
    number, street = rng.randint(1, 180), places.street(rng)
    if chance(rng, 0.15):
        building = f"{rng.choice(places.STREET_NAMES)} {rng.choice(places.BUILDING_TYPES)}"
        line_1, line_2 = f"Flat {rng.randint(1, 40)}, {building}", f"{number} {street}"
    else:
        line_1, line_2 = f"{number} {street}", ""
    return {
        "address_line_1": line_1, "address_line_2": line_2, "town": locality.towns[town_index],
        "postcode": places.postcode(rng, locality.postcode_district + town_index),
    }  # fmt: skip


def _contact(rng, name):
    mobile = places.mobile_phone(rng) if chance(rng, 0.88) else ""
    email = _email(rng, name) if chance(rng, 0.6) else ""
    return {
        "mobile_phone": mobile, "other_phone": places.landline(rng) if chance(rng, 0.2) else "", "email": email,
        "consent_to_sms": bool(mobile) and chance(rng, 0.8), "consent_to_email": bool(email) and chance(rng, 0.7),
        "consent_to_letters": chance(rng, 0.92), "consent_to_voicemail": bool(mobile) and chance(rng, VOICEMAIL_OK),
    }  # fmt: skip


def _email(rng, name):
    local = f"{name.given}.{name.family}{rng.choice(['', str(rng.randint(1, 99))])}"
    ascii_only = unicodedata.normalize("NFKD", local).encode("ascii", "ignore").decode()
    return ascii_only.lower().replace(" ", "").replace("'", "") + "@example.com"


def _practice(rng, locality):
    practice_name, practice_code = rng.choice(locality.practices)
    return {"gp_practice_name": practice_name, "gp_practice_code": practice_code}


def _language(rng, name):
    if name.pool in reasons.LANGUAGES and chance(rng, INTERPRETER_CHANCE):
        return {"interpreter_required": True, "preferred_language": rng.choice(reasons.LANGUAGES[name.pool])}
    if chance(rng, BSL_CHANCE):
        return {"interpreter_required": True, "preferred_language": "British Sign Language"}
    needs = rng.choice(reasons.COMMUNICATION_NEEDS) if chance(rng, 0.03) else ""
    return {"communication_needs": needs}
