"""Referrals as received, and the Referral rows and status histories of those triage accepted.

When and where referrals arrive is decided here; what then happens to each is its journey
(generators.journey). Old referrals are discharged or were rejected; recent ones await triage, wait
for assessment, await a decision, are in treatment or have been stepped up.
"""

import datetime
from typing import NamedTuple

from steptwo.demo import reasons
from steptwo.demo.generators.journey import Journey
from steptwo.demo.randomness import Weighted
from steptwo.referrals.codes import IncomingStatus
from steptwo.referrals.codes import ReferralStatus as Status
from steptwo.referrals.codes import SourceOfReferral as S
from steptwo.referrals.models import Referral

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
DURATIONS = ["A few weeks", "About 3 months", "About 6 months", "Over a year", "On and off for years",
             "Since the summer", "Since last year"]  # fmt: skip


class Episode(NamedTuple):
    """One referral as received: its journey, and the Referral if triage accepted it.

    Unsaved; the referral has its id already (handed out in advance), its patient's is set once the
    person has a patient record. Its status history is the journey's steps.
    """

    journey: Journey
    reason: str  # as the referrer wrote it
    duration: str  # how long it has been a problem, as the referral says ("" if it does not)
    referral: Referral | None


def calendar(demo):
    """Which day a referral arrives: weekdays, January and a growing service get more."""
    weights = {}
    for offset in range(demo.size.days):
        day = demo.first_day + datetime.timedelta(days=offset)
        weights[day] = (
            WEEKDAY_WEIGHTS[day.weekday()] * MONTH_WEIGHTS.get(day.month, 1.0) * (1 + GROWTH_PER_YEAR * offset / 365)
        )
    return Weighted(weights)


def episodes(demo, pathway, referral_ids, locality, first_day, limit):
    """A person's referrals, oldest first: each new one only after the previous one ended."""
    rng, made = demo.rng, []
    received_day = first_day
    for _ in range(min(REFERRALS_PER_PATIENT.pick(rng), limit)):
        episode = new_referral(demo, pathway, referral_ids, locality, received_day)
        made.append(episode)
        journey = episode.journey
        if journey.incoming_status == IncomingStatus.REJECTED:
            ended = journey.triaged_at
        elif journey.accepted and journey.status == Status.DISCHARGED:
            ended = journey.discharged_at
        else:
            break
        received_day = ended.date() + datetime.timedelta(days=rng.randint(30, 720))
        if received_day >= demo.anchor:
            break
    return made


def new_referral(demo, pathway, referral_ids, locality, received_day):
    rng = demo.rng
    source = SOURCES.pick(rng)
    received_at = demo.time_on(received_day, 7, 22) if source == S.SELF else demo.time_on(received_day, 8, 17)
    reason = rng.choice(reasons.REFERRAL_REASONS)
    journey = pathway.walk(locality, received_at, source)
    duration = rng.choice(DURATIONS) if journey.incoming_status else ""
    if not journey.accepted:
        return Episode(journey, reason, duration, None)
    # Triage copies the referral's reason, and how long it has lasted, onto the Referral (referrals.intake).
    full_reason = f"{reason}\n\nHow long: {duration}" if duration else reason
    # Plain ids rather than instances: at this volume Django's related-object bookkeeping shows.
    referral = Referral(
        pk=referral_ids.next(), team_id=locality.team.pk, received_date=received_day, source=source,
        reason=full_reason,
        practitioner_id=journey.practitioner_id, status=journey.status, version=len(journey.steps),
        created_at=journey.created_at, created_by_id=journey.created_by_id,
    )  # fmt: skip
    return Episode(journey, reason, duration, referral)
