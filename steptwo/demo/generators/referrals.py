"""Referrals and their status histories, as the referral services would have written them.

Each referral follows the pathway in referrals.codes.ALLOWED_TRANSITIONS, with timings that are
plausible for a Step 2 service; whatever would happen on or after the anchor date has not
happened yet. So old referrals are discharged or rejected, and recent ones are incoming,
waiting or in treatment.
"""

import datetime
import math
from typing import NamedTuple

from steptwo.demo import reasons
from steptwo.demo.randomness import Weighted, chance
from steptwo.referrals.codes import ReferralStatus as Status
from steptwo.referrals.codes import SourceOfReferral as S
from steptwo.referrals.models import Referral, ReferralStatusChange

# Self-referral and GP referral are by far the largest sources nationally.
SOURCES = Weighted({
    S.SELF: 60, S.GP: 24, S.OTHER_PRIMARY_CARE: 2, S.SINGLE_POINT_OF_ACCESS: 2, S.OTHER_SECONDARY_CARE: 1.5,
    S.OTHER: 1.5, S.INTERNAL: 1.2, S.STEPPED_DOWN: 1, S.VOLUNTARY_SECTOR: 1, S.MATERNITY: 0.8,
    S.OCCUPATIONAL_HEALTH: 0.6, S.TELEPHONE_OR_ELECTRONIC: 0.5, S.OTHER_TALKING_THERAPIES: 0.5,
    S.SOCIAL_SERVICES: 0.4, S.ACCIDENT_EMERGENCY: 0.3, S.CARER: 0.3, S.EMPLOYER: 0.2, S.PERMANENT_TRANSFER: 0.2,
    S.DRUG_ALCOHOL: 0.2, S.JOBCENTRE_PLUS: 0.2, S.HEALTH_VISITOR: 0.2, S.EDUCATION: 0.2, S.HOUSING: 0.1,
    S.DEBT_AGENCY: 0.1, S.PROBATION: 0.1, S.DROP_IN: 0.1, S.ASYLUM_SERVICES: 0.05,
})  # fmt: skip
REFERRALS_PER_PATIENT = Weighted({1: 85, 2: 12, 3: 3})  # some people come back
WEEKDAY_WEIGHTS = [1.2, 1.1, 1.0, 1.0, 0.9, 0.3, 0.25]  # Monday first; online self-referral never stops
MONTH_WEIGHTS = {1: 1.15, 8: 0.9, 12: 0.8}
GROWTH_PER_YEAR = 0.04

STARTS_INCOMING = 0.8  # the rest are added straight to the waiting list after a screening call
REJECTED = 0.07
DISCHARGED_BEFORE_TREATMENT = 0.33
ALLOCATED_WHILE_WAITING = 0.7
ALLOCATED_IF_DISCHARGED_BEFORE_TREATMENT = 0.85


class Episode(NamedTuple):
    """One referral and its status history (unsaved; the history's referral_id is set on writing)."""

    referral: Referral
    history: list[ReferralStatusChange]


class Step(NamedTuple):
    status: Status
    at: datetime.datetime
    actor: str  # "admin", "supervisor" or "practitioner"
    note: str = ""


def calendar(demo):
    """Which day a referral arrives: weekdays, January and a growing service get more."""
    weights = {}
    for offset in range(demo.size.days):
        day = demo.first_day + datetime.timedelta(days=offset)
        weights[day] = (
            WEEKDAY_WEIGHTS[day.weekday()] * MONTH_WEIGHTS.get(day.month, 1.0) * (1 + GROWTH_PER_YEAR * offset / 365)
        )
    return Weighted(weights)


def episodes(demo, locality, first_day, limit):
    """A patient's referrals, oldest first: each new one only after the previous one closed."""
    rng, made = demo.rng, []
    received_day = first_day
    for _ in range(min(REFERRALS_PER_PATIENT.pick(rng), limit)):
        episode = new_referral(demo, locality, received_day)
        made.append(episode)
        received_day = episode.history[-1].changed_at.date() + datetime.timedelta(days=rng.randint(30, 720))
        if episode.referral.status not in (Status.DISCHARGED, Status.REJECTED) or received_day >= demo.anchor:
            break
    return made


def new_referral(demo, locality, received_day):
    rng = demo.rng
    source = SOURCES.pick(rng)
    received_at = demo.time_on(received_day, 7, 22) if source == S.SELF else demo.time_on(received_day, 8, 17)
    steps = [step for step in _pathway(demo, received_at) if step.at < demo.cutoff]
    practitioner = locality.practitioners.pick(rng) if _allocated(rng, steps) else None
    actors = {"admin": rng.choice(locality.admins), "supervisor": locality.supervisor}
    actors["practitioner"] = practitioner or actors["admin"]
    # Plain ids rather than instances: at this volume Django's related-object bookkeeping shows.
    referral = Referral(
        team_id=locality.team.pk, received_date=received_day, source=source,
        reason=rng.choice(reasons.REFERRAL_REASONS), practitioner_id=practitioner.pk if practitioner else None,
        status=steps[-1].status, version=len(steps), created_at=received_at, created_by_id=actors["admin"].pk,
    )  # fmt: skip
    changes = [
        ReferralStatusChange(
            status=step.status, changed_at=step.at, changed_by_id=actors[step.actor].pk, note=step.note
        )
        for step in steps
    ]
    return Episode(referral, changes)


def _pathway(demo, received_at):
    """Every step this referral will take, whether or not it has happened by the anchor date."""
    rng = demo.rng
    if not chance(rng, STARTS_INCOMING):
        steps = [Step(Status.WAITING, received_at, "admin")]
    else:
        triaged_at = demo.working_time_after(received_at, _days(rng, median=2, spread=0.8, shortest=0, longest=15))
        steps = [Step(Status.INCOMING, received_at, "admin")]
        if chance(rng, REJECTED):
            return steps + [Step(Status.REJECTED, triaged_at, "supervisor", rng.choice(reasons.REJECTION_NOTES))]
        steps.append(Step(Status.WAITING, triaged_at, "supervisor"))
    seen_at = demo.working_time_after(steps[-1].at, _days(rng, median=24, spread=0.6, shortest=3, longest=180))
    if chance(rng, DISCHARGED_BEFORE_TREATMENT):
        note = rng.choice(reasons.DISCHARGE_BEFORE_TREATMENT_NOTES)
        return steps + [Step(Status.DISCHARGED, seen_at, "practitioner", note)]
    ended_at = demo.working_time_after(seen_at, _days(rng, median=70, spread=0.45, shortest=14, longest=270))
    note = rng.choice(reasons.DISCHARGE_AFTER_TREATMENT_NOTES)
    return steps + [
        Step(Status.IN_TREATMENT, seen_at, "practitioner"),
        Step(Status.DISCHARGED, ended_at, "practitioner", note),
    ]


def _days(rng, median, spread, shortest, longest):
    return max(shortest, min(longest, round(rng.lognormvariate(math.log(median), spread))))


def _allocated(rng, steps):
    """Whether a PWP holds this referral: anyone treated was; most assessed or waiting are."""
    statuses = [step.status for step in steps]
    if Status.IN_TREATMENT in statuses:
        return True
    if statuses[-1] == Status.DISCHARGED:
        return chance(rng, ALLOCATED_IF_DISCHARGED_BEFORE_TREATMENT)
    return statuses[-1] == Status.WAITING and chance(rng, ALLOCATED_WHILE_WAITING)
