"""Reading one data-set value: each reader returns the Python value or raises Invalid with the reason.

Formats as tables.py describes them: dates ISO 8601 (YYYY-MM-DD); times HH:MM or HH:MM:SS, local time
(Europe/London); timestamps ISO 8601, with a UTC offset or else local time; codes from the code lists
of the domain reference (§3.1, §4.2-§4.7); scores by their SNOMED CT total codes (§8.5).
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from steptwo.appointments.codes import AppType, AttendOrDNACode, ConsMechanism
from steptwo.patients import nhs_number
from steptwo.patients.codes import EthnicCategory, GenderIdentity
from steptwo.referrals.codes import EndCode, SourceOfReferral
from steptwo.treatment.codes import TherapyType


class Invalid(ValueError):
    pass


# PresCompCodSig: whether the presenting complaint is the primary or a secondary one (§1.2 last paragraph).
PRIMARY, SECONDARY = "P", "S"
PLANNED, UNPLANNED = "Y", "N"

# §4.3: codes only the v2.0 data set had. Step Two records v2.1, so these need recoding before import.
V20_ONLY_MECHANISMS = {"03": "telemedicine web camera", "06": "SMS", "08": "online instant messaging"}
# §4.4: end codes of data set v1.5 only.
V15_END_CODES = {"15", "40", "41", "42", "43", "44", "45", "97", "98"}

ICD10 = re.compile(r"^([A-Z][0-9]{2})\.?([0-9A-Z]{1,2})?$")
SNOMED_ID = re.compile(r"^[1-9][0-9]{5,17}$")


def date(text):
    try:
        return datetime.date.fromisoformat(text) if len(text) == 10 else _bad_date(text)
    except ValueError:
        return _bad_date(text)


def _bad_date(text):
    raise Invalid(f"{text!r} is not a date in the form YYYY-MM-DD")


def time(text):
    if not re.fullmatch(r"\d{2}:\d{2}(:\d{2})?", text):
        raise Invalid(f"{text!r} is not a time in the form HH:MM:SS")
    try:
        return datetime.time.fromisoformat(text)
    except ValueError:
        raise Invalid(f"{text!r} is not a time of day") from None


def timestamp(text):
    """An aware datetime; a timestamp without a UTC offset is read as local time."""
    if len(text) < 16:
        raise Invalid(f"{text!r} is not a timestamp in the form YYYY-MM-DDTHH:MM:SS+00:00")
    try:
        value = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise Invalid(f"{text!r} is not a timestamp in the form YYYY-MM-DDTHH:MM:SS+00:00") from None
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def local_datetime(day, time_of_day):
    """The aware moment of a local (Europe/London) date and time, as CareContDate and CareContTime give it.

    The data set carries no UTC offset for a contact, so a time in the hour the clocks go back is ambiguous
    by nature: 01:30 on 25 October 2026 happens twice. It is read as the first (fold=0, BST), so a contact at
    the second 01:30 (GMT) is imported an hour early. A time in the hour skipped when the clocks go forward
    (01:30 on 29 March 2026) is read with the offset before the change, landing an hour later (02:30 BST).
    Contacts at those hours are rare enough that asking the source system for an offset is not worth it.
    """
    return timezone.make_aware(datetime.datetime.combine(day, time_of_day).replace(fold=0))


def whole_number(text, maximum=32767):
    if not text.isdigit() or int(text) > maximum:
        raise Invalid(f"{text!r} is not a whole number of minutes from 0 to {maximum}")
    return int(text)


def score(text, instrument):
    """PersScore: a number in the instrument's range, whole unless the instrument scores a mean (§2.1)."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise Invalid(f"{text!r} is not a number") from None
    if not value.is_finite() or value.as_tuple().exponent < -2:
        raise Invalid(f"{text!r} is not a score with at most two decimal places")
    if instrument.scoring != "mean" and value != value.to_integral_value():
        raise Invalid(f"{instrument.short_name} totals are whole numbers; {text!r} is not")
    if not instrument.total_min <= value <= instrument.total_max:
        raise Invalid(
            f"{text} is outside the {instrument.short_name} range, {instrument.total_min} to {instrument.total_max}"
        )
    return value


def nhs(text):
    if not nhs_number.is_valid(text):
        raise Invalid(f"{text!r} is not a valid NHS number (10 digits, the last a modulus 11 check digit)")
    return text


def code(text, choices, what):
    if text not in choices.values:
        raise Invalid(f"{text!r} is not a {what} code")
    return text


def gender(text):
    return code(text, GenderIdentity, "Gender (§4.7)")


def ethnic_category(text):
    return code(text, EthnicCategory, "EthnicCategory (NHS Data Dictionary ethnic category)")


def source_of_referral(text):
    return code(text, SourceOfReferral, "SourceOfReferralIAPT (§4.6)")


def end_code(text):
    if text in V15_END_CODES:
        raise Invalid(f"{text!r} is an end code of data set v1.5 only; use a v2 end code (§4.4)")
    return code(text, EndCode, "EndCode (§4.4)")


def app_type(text):
    return code(text, AppType, "AppType (§4.2)")


def attendance(text):
    return code(text, AttendOrDNACode, "AttendOrDNACode (§3.1)")


def mechanism(text):
    if text in V20_ONLY_MECHANISMS:
        raise Invalid(f"{text!r} ({V20_ONLY_MECHANISMS[text]}) is a data set v2.0 code; recode it to v2.1 (§4.3)")
    return code(text, ConsMechanism, "ConsMechanism (§4.3)")


def planned(text):
    if text not in (PLANNED, UNPLANNED):
        raise Invalid(f"{text!r} is not Y (planned) or N (unplanned)")
    return text == PLANNED


def therapy_type(text):
    if text not in TherapyType.values:
        raise Invalid(
            f"{text!r} is not a low-intensity therapy type or employment support (§4.5): step 2 records no other"
        )
    return text


def significance(text):
    if text not in (PRIMARY, SECONDARY):
        raise Invalid(f"{text!r} is not P (primary) or S (secondary)")
    return text == PRIMARY


def problem_descriptor(text):
    """(code system, code): an ICD-10 code (F41.1 or F411, stored as F41.1) or a SNOMED CT concept id."""
    if SNOMED_ID.match(text):
        return "SNOMED CT", text
    match = ICD10.match(text.upper())
    if not match:
        raise Invalid(f"{text!r} is neither an ICD-10 code (like F41.1) nor a SNOMED CT concept id (§8.6)")
    category, subcode = match.groups()
    return "ICD-10", f"{category}.{subcode}" if subcode else category
