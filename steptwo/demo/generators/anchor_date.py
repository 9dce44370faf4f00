"""The anchor date ("today") in every clinician's diary, so the diary's day view has something on it.

At the larger sizes the diaries are full anyway. At the small size a clinician may have nothing that
day, so, chunk by chunk, bookings are brought forward onto it (sessions first, then the soonest
others, but not an assessment booked late on purpose for the showcase, see
journey.Walk.breach_if_showcase). A PWP or trainee with nothing booked at all is given an assessment
that day for a referral of their team still waiting to be booked, as admin staff would book it.
"""

import datetime

from steptwo.appointments.codes import AppType
from steptwo.appointments.codes import ConsMechanism as M
from steptwo.demo.generators.journey import MINUTES, Contact
from steptwo.referrals.codes import ReferralStatus as Status

TODAY_TARGET = 3  # appointments on the anchor date per clinician at least, where they have any booked


def fill(pathway, episodes, clinician_ids):
    demo, diary = pathway.demo, pathway.diary
    booked = {}
    for episode in episodes:
        journey = episode.journey
        for contact in journey.contacts:
            later = contact.starts_at >= demo.cutoff and contact.starts_at.date() != demo.anchor
            if later and not contact.attendance and not journey.booked_late:
                booked.setdefault(contact.practitioner_id, []).append(contact)
    unbooked = [
        episode
        for episode in episodes
        if episode.referral and episode.journey.status == Status.WAITING and not episode.journey.practitioner_id
    ]
    for clinician in clinician_ids:
        candidates = sorted(booked.get(clinician, []), key=lambda c: (c.kind not in ("session", "hi"), c.starts_at))
        for contact in candidates[: max(0, TODAY_TARGET - diary.count_on_anchor(clinician))]:
            diary.release(clinician, contact.starts_at, contact.minutes)
            contact.starts_at = diary.book(clinician, demo.anchor, contact.minutes, not_before=contact.booked_at)
        if not candidates and not diary.count_on_anchor(clinician):
            _book_an_assessment(pathway, unbooked, clinician)


def _book_an_assessment(pathway, unbooked, clinician):
    """Allocate a waiting referral of the clinician's team to them, assessed today (keeping one unbooked)."""
    demo, rng = pathway.demo, pathway.rng
    locality = next((loc for loc in demo.localities if clinician in {u.pk for u in loc.caseload_shares}), None)
    team = [episode for episode in unbooked if locality and episode.referral.team_id == locality.team.pk]
    if not team or len(unbooked) < 2:
        return
    episode = team[0]
    unbooked.remove(episode)
    journey = episode.journey
    booked_at = max(demo.moment(demo.anchor - datetime.timedelta(days=1), 11, 0), journey.created_at)
    booked_at += datetime.timedelta(minutes=5)
    minutes = MINUTES["assessment"].pick(rng)
    starts_at = pathway.diary.book(clinician, demo.anchor, minutes, not_before=booked_at)
    contact = Contact("assessment", clinician, starts_at, minutes, AppType.ASSESSMENT, M.TELEPHONE, booked_at,
                      rng.choice(locality.admins).pk)  # fmt: skip
    contact.pk = pathway.appointment_ids.next()
    journey.contacts.append(contact)
    journey.practitioner_id = episode.referral.practitioner_id = clinician
