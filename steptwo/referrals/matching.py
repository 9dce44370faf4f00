"""Which existing patients an incoming referral may be about, and how their details compare.

Triage shows each candidate side by side with the referral so that a person decides: merging a
referral into the wrong patient's record is a named clinical-safety hazard (domain reference §8.1),
so nothing here merges or chooses by itself.

A candidate is either an exact match (the same NHS number) or a close one: the same date of birth and
either the same postcode or a close name (the same family name, or full names at least 80% alike).
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from steptwo.core.formatting import format_date, format_nhs_number
from steptwo.referrals.models import Referral

CLOSE_NAME_RATIO = 0.8


class Verdict:
    SAME = "Same"
    DIFFERENT = "Different"
    NOT_IN_REFERRAL = "Not in referral"
    NOT_ON_RECORD = "Not on record"
    NEITHER = "Neither has one"


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    incoming: str  # as shown
    patient: str  # as shown
    verdict: str
    updatable: bool = False  # a detail staff may copy to the record by hand (never automatically)

    @property
    def differs(self):
        return self.verdict == Verdict.DIFFERENT


@dataclass(frozen=True)
class Candidate:
    patient: object
    exact: bool  # same NHS number
    reasons: tuple
    rows: tuple
    open_referrals: tuple

    @property
    def why(self):
        """The reasons as one sentence: "Same date of birth and postcode; same date of birth and a similar name"."""
        return "; ".join(reason if i == 0 else reason[0].lower() + reason[1:] for i, reason in enumerate(self.reasons))


def normalise_name(value):
    """Case, accents, spaces, hyphens and apostrophes ignored: "O'Brien-Smith" ~ "obriensmith"."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[^a-z]", "", letters.casefold())


def normalise_postcode(value):
    return re.sub(r"\s", "", (value or "").upper())


def _normalise_text(value):
    return " ".join((value or "").casefold().replace(",", " ").split())


def _digits(value):
    return re.sub(r"\D", "", value or "")


def _full_name(person):
    return f"{normalise_name(person.given_name)} {normalise_name(person.family_name)}"


def name_similarity(incoming, patient):
    return difflib.SequenceMatcher(None, _full_name(incoming), _full_name(patient)).ratio()


def names_close(incoming, patient):
    same_family = normalise_name(incoming.family_name) == normalise_name(patient.family_name)
    return same_family or name_similarity(incoming, patient) >= CLOSE_NAME_RATIO


def exact_matches(incoming, patients):
    """Patients in `patients` with the referral's NHS number (none if it gives no number)."""
    if not incoming.nhs_number:
        return patients.none()
    return patients.filter(nhs_number=incoming.nhs_number)


def find_candidates(incoming, patients):
    """Candidates from `patients` (a queryset already limited to the user's service), exact ones first."""
    query = Q(date_of_birth=incoming.date_of_birth)
    if incoming.nhs_number:
        query |= Q(nhs_number=incoming.nhs_number)
    open_referrals = Referral.objects.open().select_related("team", "practitioner").order_by("received_date")
    found = patients.filter(query).prefetch_related(Prefetch("referrals", open_referrals, to_attr="open_referrals"))
    candidates = [candidate for candidate in (_candidate(incoming, patient) for patient in found) if candidate]
    return sorted(candidates, key=lambda c: (not c.exact, -name_similarity(incoming, c.patient), c.patient.pk))


def _candidate(incoming, patient):
    exact = bool(incoming.nhs_number) and patient.nhs_number == incoming.nhs_number
    reasons = []
    if exact:
        reasons.append("Same NHS number")
    elif patient.date_of_birth == incoming.date_of_birth:
        postcode = normalise_postcode(incoming.postcode)
        if postcode and postcode == normalise_postcode(patient.postcode):
            reasons.append("Same date of birth and postcode")
        if names_close(incoming, patient):
            reasons.append("Same date of birth and a similar name")
    if not reasons:
        return None
    return Candidate(
        patient=patient, exact=exact, reasons=tuple(reasons), rows=tuple(compare(incoming, patient)),
        open_referrals=tuple(getattr(patient, "open_referrals", ())),
    )  # fmt: skip


def compare(incoming, patient):
    """One row per detail, the referral's value beside the record's, with a verdict in words."""
    return [
        _row("Name", f"{incoming.given_name} {incoming.family_name}", patient.full_name, normalise_name),
        _row("Date of birth", incoming.date_of_birth, patient.date_of_birth, shown=format_date),
        _row("NHS number", incoming.nhs_number, patient.nhs_number, shown=format_nhs_number, updatable=True),
        _row("Address", incoming.address_line_1, patient.address_line_1, _normalise_text, updatable=True),
        _row("Town or city", incoming.town, patient.town, _normalise_text, updatable=True),
        _row("Postcode", incoming.postcode, patient.postcode, normalise_postcode, updatable=True),
        _phone_row(incoming, patient),
        _row("Email", incoming.email, patient.email, _normalise_text, updatable=True),
        _row("GP practice", incoming.gp_practice_name, patient.gp_practice_name, _normalise_text, updatable=True),
    ]


def _phone_row(incoming, patient):
    row = _row("Mobile phone", incoming.mobile_phone, patient.mobile_phone, _digits, updatable=True)
    if row.verdict == Verdict.DIFFERENT and _digits(incoming.mobile_phone) == _digits(patient.other_phone):
        return ComparisonRow(row.label, row.incoming, f"{row.patient} (other phone {patient.other_phone})",
                             Verdict.SAME, updatable=True)  # fmt: skip
    return row


def _row(label, incoming_value, patient_value, key=lambda value: value, *, shown=str, updatable=False):
    if not incoming_value and not patient_value:
        verdict = Verdict.NEITHER
    elif not incoming_value:
        verdict = Verdict.NOT_IN_REFERRAL
    elif not patient_value:
        verdict = Verdict.NOT_ON_RECORD
    else:
        verdict = Verdict.SAME if key(incoming_value) == key(patient_value) else Verdict.DIFFERENT
    return ComparisonRow(
        label=label, incoming=shown(incoming_value) if incoming_value else "", updatable=updatable,
        patient=shown(patient_value) if patient_value else "", verdict=verdict,
    )  # fmt: skip


def contact_differences(incoming, patient):
    """Contact details the referral gives that the record lacks or has differently (to update by hand)."""
    return [
        row
        for row in compare(incoming, patient)
        if row.updatable and row.verdict in {Verdict.DIFFERENT, Verdict.NOT_ON_RECORD}
    ]
