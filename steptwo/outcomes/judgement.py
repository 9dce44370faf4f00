"""Caseness, recovery and reliable change for one referral from its first and last scores (pure logic).

Domain reference §1.1 and the §1.3 reference algorithm; the open questions (§10 Q2, Q3) are settings,
see rules.py. Every measure here scores higher for worse symptoms, so a fall is an improvement.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    """One measure's scores in a referral's window. `last` is None unless there were at least two scores
    (as the data set's *_LastScore: "LastScore IS NOT NULL means ≥ 2 scores", §1.1 paired scores)."""

    first: object  # Decimal
    last: object  # Decimal or None
    count: int

    @property
    def paired(self):
        return self.last is not None


@dataclass(frozen=True)
class Flags:
    not_caseness: bool = False
    recovery: bool = False
    reliable_improvement: bool = False
    reliable_deterioration: bool = False
    no_change: bool = False
    reliable_recovery: bool = False


def judge(*, phq9, anxiety, phq9_threshold, anxiety_threshold, finished, rules):
    """The flags for a referral.

    phq9, anxiety: Scores or None; anxiety is the measure chosen by derivation (the ADSM or GAD-7).
    *_threshold: measures.models.Threshold rows (caseness_cutoff, reliable_change) or None.
    finished: CompletedTreatment_Flag. The outcome flags (recovery, reliable improvement, deterioration,
    no change, reliable recovery) are only set for referrals that finished a course of treatment with
    paired scores on both measures (§1.3 "for each referral ending in period with
    TreatmentCareContact_Count >= 2"; §10 Q14), so a referral without them counts in the denominators
    (§1.1) but never as recovered or improved.
    """
    cutoffs = _cutoffs(phq9_threshold, anxiety_threshold)
    not_caseness = _not_caseness(phq9, anxiety, cutoffs)
    paired = phq9 is not None and anxiety is not None and phq9.paired and anxiety.paired
    indexes = _indexes(phq9_threshold, anxiety_threshold)
    if not (finished and paired and cutoffs and indexes):
        return Flags(not_caseness=not_caseness)
    changes = ((phq9, indexes[0]), (anxiety, indexes[1]))
    improved = any(rules.is_reliable(scores.first - scores.last, index) for scores, index in changes)
    deteriorated = any(rules.is_reliable(scores.last - scores.first, index) for scores, index in changes)
    reliable_improvement = improved and not deteriorated  # §1.1: "and no reliable deterioration on the other"
    if rules.deterioration == "either_measure":
        reliable_deterioration = deteriorated  # §1.3 reference algorithm
    else:  # "not_mixed": a rise on one measure with a reliable fall on the other is no reliable change
        reliable_deterioration = deteriorated and not improved
    # §1.1 recovery: at caseness at the start on either measure, below caseness on both at the end.
    at_caseness = _at_caseness(phq9.first, cutoffs[0]) or _at_caseness(anxiety.first, cutoffs[1])
    recovery = at_caseness and phq9.last < cutoffs[0] and anxiety.last < cutoffs[1]
    return Flags(
        not_caseness=not_caseness,
        recovery=recovery,
        reliable_improvement=reliable_improvement,
        reliable_deterioration=reliable_deterioration,
        no_change=not (reliable_improvement or reliable_deterioration),
        reliable_recovery=recovery and reliable_improvement,  # §1.1 reliable recovery
    )


def _not_caseness(phq9, anxiety, cutoffs):
    """§1.1 caseness is judged on the first scores: at or above the cut-off on either measure. Not at
    caseness needs both first scores, both below their cut-offs; a referral missing a first score stays in
    the recovery denominator (it cannot be shown to have started below caseness)."""
    if not cutoffs or phq9 is None or anxiety is None:
        return False
    return not _at_caseness(phq9.first, cutoffs[0]) and not _at_caseness(anxiety.first, cutoffs[1])


def _at_caseness(score, cutoff):
    return score >= cutoff  # Threshold.caseness_cutoff: "at or above = caseness" (§2.1)


def _cutoffs(phq9_threshold, anxiety_threshold):
    values = [getattr(row, "caseness_cutoff", None) for row in (phq9_threshold, anxiety_threshold)]
    return None if None in values else values


def _indexes(phq9_threshold, anxiety_threshold):
    values = [getattr(row, "reliable_change", None) for row in (phq9_threshold, anxiety_threshold)]
    return None if None in values else values
