"""Building expected-treatment-response curves from finished episodes (Delgadillo et al. 2018; domain §6).

An episode is a referral discharged after at least two attended treatment sessions (the national "finished
a course of treatment", domain §1). For each of PHQ-9 and GAD-7 it gives an intake score (the referral's first
current score of the measure, which must be at caseness by the measures Threshold in force that day) and one
score per treatment session: the latest score on or before that session's date. Sessions after a step-up to
high intensity are left out: the curves describe step 2 treatment.

Per intake-severity band and session number 1, 2, ... the expected score is the median and the "not on track"
boundary the 75th percentile by the nearest-rank rule, until fewer than MIN_EPISODES_PER_POINT episodes of the
band reach that session. The reasons for these choices, and what is unsourced, are in
docs/adr/0010-expected-treatment-response-curves.md.

`build_points` is pure (the starter table is built by it from synthetic episodes); `finished_episodes` reads a
service's history in a fixed number of queries; `rebuild` writes new curve sets (old ones are never edited).
"""

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from steptwo.appointments.models import Appointment
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.measures.models import QuestionnaireResponse, Threshold
from steptwo.referrals.codes import ReferralStatus
from steptwo.referrals.models import ReferralStatusChange
from steptwo.supervision.etr import MEASURES
from steptwo.supervision.models import EtrCurveSet, EtrPoint, SupervisionSettings

BOUNDARY_PERCENTILE = 75
MIN_EPISODES_PER_POINT = 20
MIN_TREATMENT_SESSIONS = 2  # a finished course of treatment (domain §1)


@dataclass(frozen=True)
class Band:
    label: str
    low: int  # intake score range, inclusive
    high: int

    def holds(self, score):
        return self.low <= score <= self.high


# Intake-severity bands: the published severity bands at or above IAPT caseness (domain §2.1, §2.2).
# GAD-7 caseness is 8 while its "moderate" band starts at 10, so 8-9 is a band of its own.
BANDS = {
    "phq9": (
        Band("Moderate (10 to 14)", 10, 14),
        Band("Moderately severe (15 to 19)", 15, 19),
        Band("Severe (20 to 27)", 20, 27),
    ),
    "gad7": (
        Band("Mild, at caseness (8 to 9)", 8, 9),
        Band("Moderate (10 to 14)", 10, 14),
        Band("Severe (15 to 21)", 15, 21),
    ),
}


@dataclass(frozen=True)
class Episode:
    intake: Decimal
    session_scores: tuple  # score at treatment session 1, 2, ...; None where no score was on or before it


@dataclass(frozen=True)
class PointRow:
    band: Band
    session_number: int
    expected: Decimal
    boundary: Decimal
    episodes: int


@dataclass
class Built:
    """One measure's new curves: the set (saved unless a dry run), its points, and episodes per band."""

    curve_set: EtrCurveSet
    points: list
    episodes_per_band: dict  # {Band: episodes}


def nearest_rank(values, percentile):
    """The smallest value with at least `percentile` % of the values at or below it (rank ceil(p/100 × n))."""
    ordered = sorted(values)
    rank = max(1, math.ceil(Decimal(percentile) / 100 * len(ordered)))
    return ordered[rank - 1]


def band_for(instrument_id, intake):
    return next((band for band in BANDS[instrument_id] if band.holds(intake)), None)


def build_points(instrument_id, episodes, *, minimum=MIN_EPISODES_PER_POINT, percentile=BOUNDARY_PERCENTILE):
    """[PointRow] per band and session number, stopping at the first session fewer than `minimum` reach."""
    by_band = group_by_band(instrument_id, episodes)
    points = []
    for band in BANDS[instrument_id]:
        session_number = 1
        while len(scores := scores_at(by_band.get(band, []), session_number)) >= max(minimum, 1):
            median, boundary = Decimal(statistics.median(scores)), nearest_rank(scores, percentile)
            points.append(PointRow(band, session_number, median, boundary, len(scores)))
            session_number += 1
    return points


def scores_at(episodes, session_number):
    """The scores of the episodes that have one at this treatment session."""
    index = session_number - 1
    return [
        e.session_scores[index]
        for e in episodes
        if len(e.session_scores) > index and e.session_scores[index] is not None
    ]


def group_by_band(instrument_id, episodes):
    """{Band: [Episode]} for episodes whose intake falls in a band (bands start at caseness)."""
    by_band = defaultdict(list)
    for episode in episodes:
        band = band_for(instrument_id, episode.intake)
        if band is not None:
            by_band[band].append(episode)
    return dict(by_band)


def finished_episodes(service):
    """{instrument_id: [Episode]} from the service's finished episodes: four queries, whatever their number."""
    discharged = {"referral__patient__service": service, "referral__status": ReferralStatus.DISCHARGED}
    stepped_up = dict(
        ReferralStatusChange.objects.filter(status=ReferralStatus.STEPPED_UP, **discharged)
        .order_by("changed_at")
        .values_list("referral_id", "changed_at")
    )
    sessions = defaultdict(list)
    for referral_id, starts_at in (
        Appointment.objects.filter(**discharged)
        .treatment()
        .order_by("starts_at", "id")
        .values_list("referral_id", "starts_at")
    ):
        if referral_id not in stepped_up or starts_at <= stepped_up[referral_id]:
            sessions[referral_id].append(timezone.localdate(starts_at))
    scores = defaultdict(list)  # {(referral_id, instrument_id): [(date, total)]}, oldest first
    for referral_id, instrument_id, completed_at, total in (
        QuestionnaireResponse.objects.current()
        .filter(instrument_id__in=MEASURES, total__isnull=False, **discharged)
        .order_by("completed_at", "id")
        .values_list("referral_id", "instrument_id", "completed_at", "total")
    ):
        scores[referral_id, instrument_id].append((timezone.localdate(completed_at), total))
    caseness = caseness_cutoffs()
    episodes = {instrument_id: [] for instrument_id in MEASURES}
    for (referral_id, instrument_id), dated_scores in scores.items():
        episode = episode_of(sessions.get(referral_id, []), dated_scores, caseness(instrument_id, dated_scores[0][0]))
        if episode is not None:
            episodes[instrument_id].append(episode)
    return episodes


def caseness_cutoffs():
    """A function (instrument_id, date) → caseness cut-off in force that day, from one query."""
    rows = sorted(Threshold.objects.filter(instrument_id__in=MEASURES), key=lambda row: row.effective_from)

    def cutoff(instrument_id, on):
        in_force = [row for row in rows if row.instrument_id == instrument_id and row.effective_from <= on]
        return in_force[-1].caseness_cutoff if in_force else None

    return cutoff


def episode_of(session_dates, dated_scores, caseness_cutoff):
    """An Episode, or None when it is not a finished course at caseness (or caseness is unknown)."""
    intake = dated_scores[0][1]
    if len(session_dates) < MIN_TREATMENT_SESSIONS or caseness_cutoff is None or intake < caseness_cutoff:
        return None
    return Episode(intake, tuple(score_on_or_before(dated_scores, day) for day in session_dates))


def score_on_or_before(dated_scores, day):
    latest = None
    for scored_on, total in dated_scores:
        if scored_on > day:
            break
        latest = total
    return latest


def describe_method(minimum, percentile=BOUNDARY_PERCENTILE, source="the service's finished episodes"):
    return (
        f"Built from {source}: referrals discharged after at least {MIN_TREATMENT_SESSIONS} attended treatment "
        "sessions, intake (first) score at caseness, one score per treatment session (the latest on or before its "
        f"date; none after a step-up). Per intake-severity band and session: expected = median, boundary = "
        f"{percentile}th percentile (nearest rank), while at least {minimum} episodes reach the session. "
        "See docs/adr/0010-expected-treatment-response-curves.md."
    )


def new_curve_set(instrument_id, episodes, *, service, minimum, synthetic=False, method=None, built_at=None):
    """Built (unsaved) for one measure's episodes."""
    by_band = group_by_band(instrument_id, episodes)
    rows = build_points(instrument_id, episodes, minimum=minimum)
    curve_set = EtrCurveSet(
        service=service, instrument_id=instrument_id, built_at=built_at or timezone.now(), synthetic=synthetic,
        episodes=sum(len(band_episodes) for band_episodes in by_band.values()),
        boundary_percentile=BOUNDARY_PERCENTILE, method=method or describe_method(minimum),
    )  # fmt: skip
    points = [
        EtrPoint(curve_set=curve_set, band=row.band.label, intake_min=row.band.low, intake_max=row.band.high,
                 session_number=row.session_number, expected=row.expected, boundary=row.boundary,
                 episodes=row.episodes)
        for row in rows
    ]  # fmt: skip
    return Built(curve_set, points, {band: len(by_band.get(band, [])) for band in BANDS[instrument_id]})


def save(built):
    built.curve_set.save()
    for point in built.points:
        point.curve_set = built.curve_set
    EtrPoint.objects.bulk_create(built.points)
    return built


@transaction.atomic
def rebuild(*, by, service, minimum=MIN_EPISODES_PER_POINT, dry_run=False):
    """[Built] for PHQ-9 and GAD-7 from the service's finished episodes; saved as new sets unless a dry run."""
    episodes = finished_episodes(service)
    now = timezone.now()
    results = [
        new_curve_set(instrument_id, episodes[instrument_id], service=service, minimum=minimum, built_at=now)
        for instrument_id in MEASURES
    ]
    if not dry_run:
        for built in results:
            save(built)
    audit.record(
        by=by, action=AuditAction.VIEW if dry_run else AuditAction.CREATE,
        obj=None if dry_run else results[0].curve_set, service=service,
        detail={
            "etr_rebuild": True, "dry_run": dry_run, "minimum_per_point": minimum,
            "curve_sets": {built.curve_set.instrument_id: built.curve_set.pk for built in results},
            "episodes": {built.curve_set.instrument_id: built.curve_set.episodes for built in results},
        },
    )  # fmt: skip
    return results


def uses_own_curves(service, built):
    """Whether load_curves would choose a set with this many episodes over the starter table."""
    return built.curve_set.episodes >= SupervisionSettings.for_service(service).etr_minimum_episodes
