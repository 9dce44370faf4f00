"""Expected-treatment-response curves and the "not on track" test (Delgadillo et al. 2018; domain §6).

A case is not on track when its latest score is above the upper boundary of the curve for its intake-
severity band at its treatment session number. Curves are versioned data (EtrCurveSet/EtrPoint): the
service's own newest set once it was built from enough finished episodes, else the shipped starter set,
built from synthetic data. See docs/adr/0010-expected-treatment-response-curves.md.
"""

from dataclasses import dataclass, field

from steptwo.supervision.models import EtrCurveSet, EtrPoint, SupervisionSettings

MEASURES = ("phq9", "gad7")


@dataclass
class Curves:
    curve_set: EtrCurveSet
    points: list = field(default_factory=list)  # EtrPoint rows of the set

    def __post_init__(self):
        self._by_band = {}
        for point in sorted(self.points, key=lambda p: (p.intake_min, p.session_number)):
            self._by_band.setdefault((point.intake_min, point.intake_max), []).append(point)

    @property
    def synthetic(self):
        """Built from synthetic data (the shipped starter table): say so wherever the curves are used."""
        return self.curve_set.synthetic

    def point(self, intake_score, session_number):
        """The curve point for an intake score at a session number; past the last tabled session, the last."""
        for (low, high), points in self._by_band.items():
            if low <= intake_score <= high:
                earlier = [p for p in points if p.session_number <= session_number]
                return earlier[-1] if earlier else None
        return None

    def is_not_on_track(self, *, intake_score, session_number, score):
        """True when `score` is above the boundary; None when the curves say nothing (no band or session)."""
        point = self.point(intake_score, session_number)
        if point is None:
            return None
        return score > point.boundary


def session_number_on(session_dates, day):
    """A score's treatment session number: attended treatment sessions on or before its date (0 before any).

    The curves are built the same way (etr_build: a session's score is the latest on or before its date).
    """
    return sum(1 for session_date in session_dates if session_date <= day)


def load_curves(service):
    """{instrument_id: Curves} in force for a service: four queries, whatever the caseload."""
    minimum = SupervisionSettings.for_service(service).etr_minimum_episodes
    own = EtrCurveSet.objects.filter(service=service, instrument_id__in=MEASURES, episodes__gte=minimum)
    starter = EtrCurveSet.objects.filter(service=None, synthetic=True, instrument_id__in=MEASURES)
    chosen = {}
    for curve_set in [*starter.order_by("built_at", "id"), *own.order_by("built_at", "id")]:
        chosen[curve_set.instrument_id] = curve_set  # newest wins; the service's own beat the starter
    points = {}
    for point in EtrPoint.objects.filter(curve_set__in=[curve_set.pk for curve_set in chosen.values()]):
        points.setdefault(point.curve_set_id, []).append(point)
    return {
        instrument_id: Curves(curve_set, points.get(curve_set.pk, [])) for instrument_id, curve_set in chosen.items()
    }
