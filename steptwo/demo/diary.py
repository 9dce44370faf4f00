"""Every clinician's diary while the demo is built, so that no two of their appointments overlap.

appointments.services refuses a booking that overlaps another of the practitioner's appointments
(cancelled ones aside). The demo books in quarter hours between 9:00 and 17:30, on the hour or half
hour where it can, with a lunch break, on working days. The anchor date ("today") is always open,
so that the diary's day view has something on it whatever the weekday.
"""

import datetime

from steptwo.demo.context import working_day

SLOT_MINUTES = 15
FIRST_SLOT, END_SLOT = 9 * 4, 17 * 4 + 2  # 09:00 and 17:30, in quarter hours since midnight
LUNCH = ((1 << 2) - 1) << (12 * 4 + 3)  # 12:45 to 13:15
HALF_HOURS = range(FIRST_SLOT, END_SLOT, 2)
QUARTERS = range(FIRST_SLOT + 1, END_SLOT, 2)
NEAR_WEEKEND = {5: (-1, 2, 3), 6: (-2, 1, 2)}  # Saturday, Sunday: days to the Friday, Monday, Tuesday
DAYS_TO_SEARCH = 250  # working days: a long waiting list for high intensity, say


class Diary:
    def __init__(self, demo, rng):
        self.demo, self.rng = demo, rng
        self.busy = {}  # practitioner id: {day ordinal: bit mask of booked quarter hours}
        self.on_anchor = {}  # practitioner id: how many appointments they have "today"

    def book(self, practitioner_id, day, minutes, not_before):
        """The start of a free slot on `day` or the next working day with one, after `not_before`; booked."""
        slots = -(-minutes // SLOT_MINUTES)
        days = self.busy.setdefault(practitioner_id, {})
        day = self._weekday_near(day, not_before)
        for _ in range(DAYS_TO_SEARCH):
            if day.weekday() < 5 or day == self.demo.anchor:
                start = self._free_start(days.get(day.toordinal(), LUNCH), slots, day, not_before)
                if start is not None:
                    days[day.toordinal()] = days.get(day.toordinal(), LUNCH) | (((1 << slots) - 1) << start)
                    if day == self.demo.anchor:
                        self.on_anchor[practitioner_id] = self.on_anchor.get(practitioner_id, 0) + 1
                    return self.demo.moment(day, *divmod(start * SLOT_MINUTES, 60))
            day = working_day(day + datetime.timedelta(days=1))
        raise RuntimeError(f"No free slot for practitioner {practitioner_id} within {DAYS_TO_SEARCH} days of {day}")

    def _weekday_near(self, day, not_before):
        """A weekend day becomes the Friday before or the Monday or Tuesday after, so Mondays do not
        take every weekend's share (the anchor date stays as it is)."""
        if day.weekday() < 5 or day == self.demo.anchor:
            return day
        nearby = day + datetime.timedelta(days=self.rng.choice(NEAR_WEEKEND[day.weekday()]))
        return nearby if nearby >= not_before.date() else working_day(day)

    def release(self, practitioner_id, starts_at, minutes):
        """Free a cancelled appointment's slots: the practitioner may book someone else then."""
        slots = -(-minutes // SLOT_MINUTES)
        day = starts_at.date()
        start = (starts_at.hour * 60 + starts_at.minute) // SLOT_MINUTES
        days = self.busy[practitioner_id]
        days[day.toordinal()] &= ~(((1 << slots) - 1) << start)
        if day == self.demo.anchor:
            self.on_anchor[practitioner_id] -= 1

    def count_on_anchor(self, practitioner_id):
        return self.on_anchor.get(practitioner_id, 0)

    def _free_start(self, mask, slots, day, not_before):
        """A free start on the hour or half hour if there is one, else on a quarter hour."""
        need = (1 << slots) - 1
        earliest = 0
        if not_before.date() >= day:
            if not_before.date() > day:
                return None
            earliest = (not_before.hour * 60 + not_before.minute) // SLOT_MINUTES + 1
        for starts in (HALF_HOURS, QUARTERS):
            candidates = [start for start in starts if start >= earliest and start + slots <= END_SLOT]
            if not candidates:
                continue
            offset = self.rng.randrange(len(candidates))
            for index in range(len(candidates)):
                start = candidates[(offset + index) % len(candidates)]
                if not (mask >> start) & need:
                    return start
        return None
