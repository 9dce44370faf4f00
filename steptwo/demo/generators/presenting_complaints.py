"""Problem descriptors (presenting complaints), recorded by the practitioner at assessment.

Every referral that was assessed (an attended assessment appointment) gets a primary descriptor,
recorded during the appointment. About one in five also gets a secondary one. Codes and labels are the rows of the ADSM mapping (domain
reference §1.2, §8.6), so each descriptor calls for the measure the mapping names.

Proportions are plausible rather than published (the annual reports group descriptors
differently): depression, generalised anxiety and mixed anxiety and depression make up most of a
Step 2 caseload; panic, social phobia, OCD, PTSD, health anxiety, agoraphobia and specific phobia
fewer; body dysmorphic disorder and medically unexplained symptoms a few. A referral reason that
points at one disorder ("Checking locks and appliances...") makes that descriptor likely.
"""

import bisect
from typing import NamedTuple

from steptwo.demo.db import insert_rows, to_db
from steptwo.demo.randomness import Weighted, chance
from steptwo.measures import adsm
from steptwo.measures.models import AdsmMapping
from steptwo.referrals.models import PresentingComplaint

# Written as plain rows (db.insert_rows): at the largest size there are a quarter of a million.
FIELDS = ("referral", "code_system", "code", "label", "primary", "recorded_at", "recorded_by")

ICD10, SNOMED = "ICD-10", "SNOMED CT"

# For referrals whose reason does not point at a descriptor (REASON_HINTS adds about 1.3 points
# each to F42, F41.0, F45.2 and F40.2, and less to F43.1, F40.1 and F40.0).
DESCRIPTORS = Weighted({
    (ICD10, "F41.2"): 25, (ICD10, "F41.1"): 22, (ICD10, "F32"): 21, (ICD10, "F33"): 10,
    (ICD10, "F43.1"): 4, (ICD10, "F41.0"): 2.5, (ICD10, "F42"): 1.5, (ICD10, "F40.1"): 2.5,
    (ICD10, "F45.2"): 1.5, (ICD10, "F40.0"): 1, (ICD10, "F40.2"): 0.5,
    (SNOMED, "83482000"): 0.6, (SNOMED, "723916001"): 0.6,
})  # fmt: skip
# Reasons (steptwo.demo.reasons.REFERRAL_REASONS) that point at one descriptor, and how often the
# assessment confirms it.
REASON_HINTS = {
    "Worry about health, checking body for symptoms": (ICD10, "F45.2"),
    "Health anxiety after friend's cancer diagnosis": (ICD10, "F45.2"),
    "Panic attacks on public transport": (ICD10, "F41.0"),
    "Panic attacks at work, avoiding meetings": (ICD10, "F41.0"),
    "Anxious in social situations, avoids eating in public": (ICD10, "F40.1"),
    "Intrusive thoughts about harm coming to children": (ICD10, "F42"),
    "Checking locks and appliances, taking hours to leave the house": (ICD10, "F42"),
    "Fear of driving since a car accident": (ICD10, "F43.1"),
    "Avoiding leaving the house, worried about fainting": (ICD10, "F40.0"),
    "Fear of needles, needs blood tests": (ICD10, "F40.2"),
    "Fear of flying, wants to visit family abroad": (ICD10, "F40.2"),
    "Constant worry about family and finances": (ICD10, "F41.1"),
    "Low mood and loss of interest for several months": (ICD10, "F32"),
    "Recurrent low mood, has had help before": (ICD10, "F33"),
}
HINT_FOLLOWED = 0.5
SECONDARY = 0.2
DEPRESSION_CODES = {"F32", "F33"}


class Complaint(NamedTuple):
    code_system: str
    code: str
    label: str
    primary: bool


class Descriptors:
    """Picks descriptors, and knows which measure the mapping in force on a date calls for."""

    def __init__(self, demo, rng):
        self.demo, self.rng = demo, rng
        self.versions = sorted(set(AdsmMapping.objects.values_list("effective_from", flat=True)))
        self._mappings = {}
        self.rows = []  # for PresentingComplaint, in FIELDS order
        self._adapt_at = to_db(PresentingComplaint, "recorded_at")

    def write(self, counts):
        insert_rows(PresentingComplaint, FIELDS, self.rows)
        counts["presenting_complaints"] += len(self.rows)
        self.rows = []

    def for_episode(self, episode, at):
        """The referral's presenting complaints, primary first; their rows are kept for `write`."""
        rng = self.rng
        hinted = REASON_HINTS.get(episode.reason)
        primary = hinted if hinted and chance(rng, HINT_FOLLOWED) else DESCRIPTORS.pick(rng)
        codes = [primary]
        if chance(rng, SECONDARY):
            secondary = DESCRIPTORS.pick(rng)
            if secondary != primary:
                codes.append(secondary)
        complaints = [
            Complaint(code_system, code, self.mapping(code_system, code, at.date()).label, index == 0)
            for index, (code_system, code) in enumerate(codes)
        ]
        recorded_at, referral = self._adapt_at(at), episode.referral
        self.rows += [(referral.pk, *complaint, recorded_at, referral.practitioner_id) for complaint in complaints]
        return complaints

    def mapping(self, code_system, code, day):
        """The AdsmMapping row in force on `day` (via measures.adsm, cached per mapping version)."""
        version = self.versions[max(0, bisect.bisect_right(self.versions, day) - 1)] if self.versions else day
        key = (code_system, code, version)
        if key not in self._mappings:
            self._mappings[key] = adsm.mapping_for(code_system, code, on=version)
        return self._mappings[key]

    def adsm_id(self, complaint, day):
        """The instrument id the descriptor calls for, or "" for GAD-7 alone."""
        row = self.mapping(complaint.code_system, complaint.code, day)
        return row.instrument_id if row else ""


def is_depression(complaint):
    return complaint.code_system == ICD10 and complaint.code in DEPRESSION_CODES
