"""Which anxiety measure a referral's problem descriptor calls for (domain reference §1.2)."""

from django.utils import timezone

from steptwo.measures import instruments
from steptwo.measures.models import AdsmMapping


def code_and_parents(code_system, code):
    """The code, then its ICD-10 parents, nearest first (F42.1 → F42): the order mappings are looked up in."""
    candidates = [code]
    while "." in candidates[-1] or (code_system == "ICD-10" and len(candidates[-1]) > 3):
        candidates.append(candidates[-1][:-1].rstrip("."))
    return candidates


def mapping_for(code_system, code, on=None):
    """The AdsmMapping row in force for a code: an exact match, else the nearest parent ICD-10 code
    (F42.1 → F42). None when the code is not in the mapping (GAD-7 is then the anxiety measure)."""
    on = on or timezone.localdate()
    rows = AdsmMapping.objects.filter(code_system=code_system, effective_from__lte=on).order_by("-effective_from")
    for candidate in code_and_parents(code_system, code):
        row = rows.filter(code=candidate).first()
        if row:
            return row
    return None


def current_mappings(on=None):
    """Every code's mapping row in force on a date (default today), ICD-10 codes first."""
    on = on or timezone.localdate()
    newest = {}
    for row in AdsmMapping.objects.filter(effective_from__lte=on).order_by("effective_from"):
        newest[(row.code_system, row.code)] = row
    return sorted(newest.values(), key=lambda row: (row.code_system != "ICD-10", row.code))


def adsm_for_referral(referral, on=None):
    """(instrument or None, mapping row or None) for the referral's newest primary problem descriptor."""
    complaint = referral.presenting_complaints.filter(primary=True).first()
    if complaint is None:
        return None, None
    row = mapping_for(complaint.code_system, complaint.code, on)
    if row is None or not row.instrument_id or row.instrument_id not in instruments.INSTRUMENTS:
        return None, row
    return instruments.get(row.instrument_id), row
