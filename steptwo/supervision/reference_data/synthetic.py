"""SYNTHETIC finished episodes for the starter ETR table: no patient data, a deterministic generator.

Each episode has an intake score at caseness and a score at each of 2 to 12 treatment sessions (low-intensity
courses are "typically 6-8 sessions", domain §5). Its course is one of a few shapes, loosely after the kinds of
trajectory Saunders et al. describe (domain §6): early response, gradual response, late response (little change
until about session 5), no change, and deterioration. The shares, sizes and noise below are invented to look
plausible (unsourced): about 60 % of synthetic courses improve reliably on each measure (a change of 6 on PHQ-9, 4
on GAD-7), a little under the national 66-68 % on either measure (domain §1.4). Nothing here is evidence about real
patients; it only gives a service a sensible-looking table until its own history replaces it.
"""

import math
import random
from dataclasses import dataclass
from decimal import Decimal

from steptwo.supervision.etr_build import Episode

SEED = 2026
EPISODES_PER_MEASURE = 4000

# (mean, standard deviation, maximum) of intake scores; only those at caseness are kept.
INTAKE = {"phq9": (16.5, 4.5, 27), "gad7": (14.0, 4.0, 21)}
CASENESS = {"phq9": 10, "gad7": 8}  # domain §2.1
SESSIONS = {2: 6, 3: 9, 4: 11, 5: 12, 6: 14, 7: 14, 8: 12, 9: 8, 10: 6, 11: 4, 12: 4}  # weights
NOISE = 1.6  # score points, session to session


@dataclass(frozen=True)
class Course:
    share: int  # weight among courses
    change: tuple  # (low, high) fraction of the intake score lost by the end; negative = worse

    def progress(self, session_number):
        raise NotImplementedError


class Early(Course):
    def progress(self, session_number):
        return 1 - math.exp(-session_number / 1.5)


class Gradual(Course):
    def progress(self, session_number):
        return min(1.0, session_number / 7)


class Late(Course):
    def progress(self, session_number):
        return 0.08 * min(session_number, 4) / 4 if session_number < 5 else min(1.0, 0.08 + (session_number - 4) / 3)


COURSES = (
    Early(34, (0.45, 0.8)),
    Gradual(32, (0.35, 0.7)),
    Late(9, (0.4, 0.7)),
    Gradual(17, (-0.1, 0.15)),  # no change
    Gradual(8, (-0.35, -0.1)),  # deterioration
)


def episodes(instrument_id, count=EPISODES_PER_MEASURE, seed=SEED):
    """[Episode] for one measure, the same every time for the same seed."""
    rng = random.Random(f"{seed}-{instrument_id}")
    mean, spread, maximum = INTAKE[instrument_id]
    made = []
    while len(made) < count:
        intake = round(rng.gauss(mean, spread))
        if CASENESS[instrument_id] <= intake <= maximum:
            made.append(_episode(rng, intake, maximum))
    return made


def _episode(rng, intake, maximum):
    course = rng.choices(COURSES, weights=[course.share for course in COURSES])[0]
    change = rng.uniform(*course.change) * intake
    sessions = rng.choices(list(SESSIONS), weights=list(SESSIONS.values()))[0]
    scores = []
    for session_number in range(1, sessions + 1):
        score = intake - change * course.progress(session_number) + rng.gauss(0, NOISE)
        scores.append(Decimal(min(maximum, max(0, round(score)))))
    return Episode(Decimal(intake), tuple(scores))
