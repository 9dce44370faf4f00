"""What the generators share: the one random source, the size, the dates, and what is built so far."""

import datetime
import random
from dataclasses import dataclass, field

from django.utils import timezone

from steptwo.demo.sizes import Size

DECK_PER_SHARE = 10  # a full-time PWP ten times in each deck, a 0.6 FTE PWP six times
# A trainee's share grows over the training year as their capacity does (supervision.capacity, with the
# default settings): from 20 % of a qualified PWP's to 70 %, and nothing before their training began.
TRAINEE_SHARE_START, TRAINEE_SHARE_END, TRAINING_YEAR_DAYS = 0.2, 0.7, 365


@dataclass
class Locality:
    """A team and its patch: towns, GP practices, and who does what for its referrals."""

    team: object
    towns: list
    postcode_district: int
    practices: list  # (name, ODS code)
    admins: list = field(default_factory=list)  # book patients in and create referrals
    supervisors: list = field(default_factory=list)  # PWP supervisors: triage on a rota, each supervises a share
    caseload_shares: dict = field(default_factory=dict)  # PWPs and trainee PWPs: their FTE
    allocation_decks: dict = field(default_factory=dict)  # (year, month): caseload holders still to deal
    high_intensity: list = field(default_factory=list)  # take stepped-up referrals on

    def triager(self, day):
        """Who triages on `day`: the team's supervisors take it in turns, a day each."""
        return self.supervisors[day.toordinal() % len(self.supervisors)]

    def allocate(self, rng, day):
        """The PWP or trainee to allocate a referral to in `day`'s month: dealt in turn from a shuffled deck
        holding each caseload holder by their share, so every caseload keeps being fed."""
        key = (day.year, day.month)
        deck = self.allocation_decks.get(key)
        if not deck:
            month = day.replace(day=1)
            deck = self.allocation_decks[key] = [
                user for user in self.caseload_shares for _ in range(round(self.share(user, month) * DECK_PER_SHARE))
            ]
            rng.shuffle(deck)
        return deck.pop()

    def share(self, user, day):
        """How many referrals `user` takes on, against a full-time qualified PWP's 1."""
        started = user.training_started_on
        if started is None:
            return self.caseload_shares[user]
        if day < started:
            return 0
        progress = min((day - started).days, TRAINING_YEAR_DAYS) / TRAINING_YEAR_DAYS
        return self.caseload_shares[user] * (TRAINEE_SHARE_START + (TRAINEE_SHARE_END - TRAINEE_SHARE_START) * progress)


@dataclass
class Demo:
    size: Size
    seed: int
    anchor: datetime.date  # "today" for the demo: every event happens before this date
    rng: random.Random = field(init=False)
    timezone: datetime.tzinfo = field(init=False)
    service: object = None
    localities: list = field(default_factory=list)
    staff: list = field(default_factory=list)
    roles: dict = field(default_factory=dict)  # user id: Role
    supervisor_of: dict = field(default_factory=dict)  # user id: their supervisor's id
    signposting: list = field(default_factory=list)  # the service's SignpostingOrganisation rows

    def __post_init__(self):
        self.rng = random.Random(self.seed)
        self.timezone = timezone.get_current_timezone()

    @property
    def first_day(self):
        return self.anchor - datetime.timedelta(days=self.size.days)

    @property
    def cutoff(self):
        """Midnight at the start of the anchor date: nothing happens at or after it."""
        return self.moment(self.anchor, 0, 0)

    def moment(self, day, hour, minute):
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=self.timezone)

    def stream(self, name):
        """A random source of its own for one domain, set by the seed and the name.

        A domain generated from its own stream (measures, say) can be added or changed without
        changing what the seed gives for the domains generated before it.
        """
        return random.Random(f"{self.seed}:{name}")

    def time_on(self, day, first_hour=9, last_hour=17, rng=None):
        """A random moment on `day` between first_hour:00 and last_hour:59."""
        rng = rng or self.rng
        return self.moment(day, rng.randint(first_hour, last_hour), rng.randrange(60))

    def working_time_after(self, moment, days, rng=None):
        """A moment in office hours `days` days after `moment`, moved off the weekend."""
        rng = rng or self.rng
        day = working_day(moment.date() + datetime.timedelta(days=days))
        later = self.time_on(day, rng=rng)
        return later if later > moment else moment + datetime.timedelta(minutes=rng.randint(5, 90))


def working_day(day):
    """`day`, or the Monday after it if it falls at a weekend."""
    return day + datetime.timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day
