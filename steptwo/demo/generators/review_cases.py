"""Cases on the personas' caseloads that put every rule of the supervisor's review list to work.

Signing in as `supervisor`, the review list (supervision.review) shows the cases of `pwp` and `trainee`
with every reason it knows, with the default settings: risk raised or PHQ-9 question 9 since the last
discussion, reliable deterioration, not on track, missed appointments in a row, no contact for weeks,
no reliable improvement after some sessions, a long course with no plan, an assessment with no decision,
notes awaiting sign-off, and cases not discussed for weeks. Most of these happen anyway at the larger
sizes; a persona's caseload is small, so the walk asks here whether one of the persona's cases should
go the way a rule needs, at the point where it decides (the first case of each persona that fits takes
it), and once a walk is over, `reserve` marks what its referral shows in the rows generated from it:

- the walk (journey.Walk): an assessment left without a decision; two missed sessions in a row just
  before the anchor date; a patient away for a month (next session booked after the anchor date, so
  no contact for 28 days and more); a course that goes on past its planned length;
- measures, for a referral in treatment: one course that deteriorates, and one that stays flat and high
  (no reliable improvement, and above the expected-response boundary: "not on track"); question 9
  endorsed in `pwp`'s newest session of the last fortnight, with no supervision since (supervision.py);
- treatment: the newest note of a referral of `trainee`'s seen in the last two months, waiting for sign-off.

Not discussed for weeks needs nothing: supervision discusses a share of each caseload (supervision.py).

A persona's caseload is small (a trainee's smaller still), so while a persona still owes a showcase, some
of their team's referrals booked for assessment when a case could still go that way go to them rather than
to the next in the team's deck (`allocation`), up to a limit: the personas are a little busier than peers.
"""

import datetime

from steptwo.accounts.models import Role
from steptwo.demo.generators.staff import PERSONA_BY_ROLE
from steptwo.referrals.codes import ReferralStatus as Status

PERSONA_ROLES = (Role.PWP, Role.TRAINEE_PWP)

# Walk: when each may be taken, in days before the anchor date (earliest, latest).
NO_DECISION_WITHIN = 35  # assessed at most this long ago
# A missed session starts in this window, and the next one is missed too if this was the first; the
# discharge that two missed sessions lead to (journey.Walk.sessions) is put after the anchor date.
TWO_DNAS = (28, 12)
AWAY = (45, 29)  # the last attended session before the patient goes away starts in this window
# A course that goes on, weekly from then on: taken at an attended session (the fourth or later) early
# enough for the course to reach LONG_COURSE_SESSIONS by the anchor date at about a session every 10 days
# (cancellations aside), but not much earlier.
LONG_COURSE_SESSIONS, LONG_COURSE_FROM_SESSION, DAYS_PER_SESSION, LONG_COURSE_SLACK = 8, 4, 10, 45
# Measures: treatment sessions so far (a recent turn for the worse; flat for a while).
DETERIORATES_AFTER_SESSIONS = range(1, 7)
FLAT_AFTER_SESSIONS = range(4, 100)
RECENT_RISK_WITHIN = 13  # pwp's newest session, with question 9 endorsed, at most this long ago
# Treatment.
NOTE_WITHIN_DAYS = 60  # the supervisor may be behind with sign-offs

# Each persona's showcases: `pwp` shows every rule but the trainee's; `trainee` their notes (on a course kept
# going to the anchor date, so there are recent ones), and a few more.
SHOWCASES = {
    Role.PWP: {"no_decision", "two_dnas", "away", "long_course", "deteriorates", "flat", "recent_risk"},
    Role.TRAINEE_PWP: {"awaiting_note", "no_decision", "deteriorates", "long_course"},
}
# Allocation: a referral booked for assessment this many days before the anchor date (earliest, latest)
# may go that way (assessed about 3 weeks after booking, first session 2 weeks later, weekly after that).
BOOKED_FOR = {
    "no_decision": (60, 5), "two_dnas": (120, 40), "away": (120, 50), "long_course": (180, 70),
    "deteriorates": (120, 40), "flat": (130, 60), "recent_risk": (120, 40), "awaiting_note": (120, 40),
}  # fmt: skip
EXTRA_SHARE, EXTRA_AT_MOST = 0.6, {Role.PWP: 18, Role.TRAINEE_PWP: 12}


class ReviewCases:
    """Which showcases each persona still has to give a case to."""

    def __init__(self, demo):
        self.anchor = demo.anchor
        self.recent_risk_on = None  # the day of pwp's question 9: their supervision since then was missed
        usernames = {PERSONA_BY_ROLE[role].username for role in PERSONA_ROLES}
        personas = [user for user in demo.staff if user.username in usernames]
        self.left = {user.pk: set(SHOWCASES[user.role]) for user in personas}
        self.extra_left = {user.pk: EXTRA_AT_MOST[user.role] for user in personas}

    def days_before_anchor(self, moment):
        return (self.anchor - moment.date()).days

    def within(self, moment, window):
        earliest, latest = window
        return latest <= self.days_before_anchor(moment) <= earliest

    def take(self, practitioner_id, name):
        """True (and the showcase is used up) if `practitioner_id` is a persona still owing it."""
        left = self.left.get(practitioner_id)
        if not left or name not in left:
            return False
        left.discard(name)
        return True

    def reserve(self, journey):
        """After its walk, what a persona's referral in treatment shows in its measures and notes."""
        if journey.practitioner_id not in self.left or journey.status != Status.IN_TREATMENT:
            return
        pk = journey.practitioner_id
        sessions = [contact for contact in journey.contacts if contact.session_number and contact.kind == "session"]
        if len(sessions) in FLAT_AFTER_SESSIONS and self.take(pk, "flat"):
            journey.review_measures = "flat"
        elif len(sessions) in DETERIORATES_AFTER_SESSIONS and self.take(pk, "deteriorates"):
            journey.review_measures = "deteriorates"
        newest = sessions[-1].starts_at if sessions else None
        if newest and self.within(newest, (RECENT_RISK_WITHIN, 0)) and self.take(pk, "recent_risk"):
            journey.recent_risk = True
            self.recent_risk_on = newest.date() - datetime.timedelta(days=1)  # or by link the evening before
        if newest and self.within(newest, (NOTE_WITHIN_DAYS, 0)) and self.take(pk, "awaiting_note"):
            journey.awaiting_note = True

    def allocation(self, locality, rng, day):
        """A persona of `locality` to allocate a referral booked on `day` to, or None (see the docstring)."""
        before = (self.anchor - day).days
        owed = [
            user
            for user in locality.caseload_shares
            if self.extra_left.get(user.pk)
            and locality.share(user, day)
            and any(BOOKED_FOR[name][1] <= before <= BOOKED_FOR[name][0] for name in self.left[user.pk])
        ]
        if not owed or rng.random() >= EXTRA_SHARE:
            return None
        user = rng.choice(owed)
        self.extra_left[user.pk] -= 1
        return user

    def long_course_window(self, attended):
        """(earliest, latest) days before the anchor date for a session to go on from (see above)."""
        if attended < LONG_COURSE_FROM_SESSION:
            return (-1, 0)
        latest = max(0, LONG_COURSE_SESSIONS - attended) * DAYS_PER_SESSION + 5
        return (latest + LONG_COURSE_SLACK, latest)
