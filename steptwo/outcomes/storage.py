"""Stored referral outcomes (ADR 0012): a year's report reads one row per referral instead of deriving each
again from every contact and score.

outcomes() gives what derive() gives for the referrals open in a period: those with a current stored row
are read from it, the rest are derived live and then stored. fill() stores every referral's outcome at
once, after a bulk load.

A stored row (models.StoredOutcome) is current for a report whose last day is `as_of` when:
* its derived_changes equals its changes: nothing the derivation reads for the referral has been written
  since (the triggers of migration 0002 count every write, and the count is read before deriving, so a
  write made while a report derives leaves the row out of date, never wrong);
* its basis is today's: the same rule settings, reference data and code of the derivation (basis());
* as_of is from its valid_from to its valid_until (if any). For a referral that had ended: from the
  discharge date, or the day its latest presenting complaint was recorded if that is later. Once a referral
  has ended, the problem descriptor (the complaint recorded by the as-of day) is the only thing in its
  outcome that depends on the as-of day, so none is stored while a complaint was recorded after the day it
  was derived as at. For a referral still open (contacts only: a period's figures read scores only of
  referrals that ended in it): from the day it was derived as at, until the day before its discharge, and
  none is stored while it has an appointment after that day with an outcome or unplanned (which could count
  as a contact for a later day; a booking without an outcome cannot, and recording one is a write).
"""

import datetime
import hashlib
import logging
from pathlib import Path

from django.db import OperationalError, transaction
from django.db.models import BooleanField, Case, F, Max, Q, Value, When
from django.utils import timezone

from steptwo.appointments import codes as appointment_codes
from steptwo.appointments.models import Appointment
from steptwo.measures import adsm, instruments
from steptwo.outcomes import derivation, judgement, sql
from steptwo.outcomes import reference as reference_data
from steptwo.outcomes import rules as outcome_rules
from steptwo.outcomes.derivation import derive, make_outcome, team_services
from steptwo.outcomes.judgement import Flags, Scores
from steptwo.outcomes.models import StoredOutcome
from steptwo.outcomes.reference import ReferenceData
from steptwo.outcomes.sql import DateReader, DecimalReader, InIds, Memo, Undeclared, raw_rows
from steptwo.referrals.models import PresentingComplaint, Referral

log = logging.getLogger(__name__)

FLAGS = tuple(Flags.__dataclass_fields__)
MEASURES = ("phq9", "gad7", "anxiety")
# StoredOutcome.outcome: these ReferralOutcome fields as text, "|" between them. Dates ISO or "", counts,
# each measure's scores as first, last (Decimal text or "") and count, the anxiety measure's id, flags 1/0.
FIELDS = (
    "assessment_first_date", "therapy_first_date", "therapy_second_date", "therapy_last_date",
    "care_contact_count", "treatment_contact_count", "phq9", "gad7", "anxiety", "adsm", "flags",
)  # fmt: skip
# The columns _with_stored() selects, in this order: the referral's own fields first.
COLUMNS = ("pk", "team_id", "practitioner_id", "received", "discharged", "discharge__end_code", "usable",
           "stored_outcome__changes", "stored_outcome__outcome")  # fmt: skip
# What a store writes over an existing row; `changes` is only ever counted up by the triggers.
WRITTEN = ("derived_changes", "basis", "valid_from", "valid_until", "outcome")
CHUNK = 10_000  # referrals fill() reads or derives at a time, so that its memory stays flat
# The source of the modules that define the derivation: a new release that changes any of them (a rule, a
# code list, the stored text) makes every stored outcome out of date.
DERIVATION_SOURCES = [
    *(
        Path(module.__file__)
        for module in (derivation, judgement, sql, reference_data, appointment_codes, adsm, instruments)
    ),
    Path(__file__),
]
CODE_DIGEST = hashlib.sha256(b"".join(path.read_bytes() for path in DERIVATION_SOURCES)).hexdigest()


def basis(rules, reference):
    """A digest of what an outcome depends on besides the referral's history: the rule settings, every
    reference-data row (thresholds, ADSM mappings) and the derivation's code. A change to any makes every
    stored row out of date."""
    text = repr((sorted(rules.as_dict().items()), reference.fingerprint(), CODE_DIGEST))
    return hashlib.sha256(text.encode()).hexdigest()


def outcomes(active, *, as_of, rules, reference):
    """What derive(active, as_of=as_of, scores_for=<those discharged by as_of>) gives, in primary-key order,
    for `active`: referrals open at some time in a period whose last day is as_of."""
    return _read_or_derive(active, as_of, rules, reference)[0]


def fill(*, as_of=None, rules=None):
    """Store the outcome, as at as_of (default today), of every referral received by then without a current
    stored row, a chunk of referrals at a time: for after a bulk load (seed_demo, import_dataset), so that
    the first report does not derive them all. Returns how many were stored."""
    as_of = as_of or timezone.localdate()
    rules = rules or outcome_rules.current()
    reference = ReferenceData.load()
    current = StoredOutcome.objects.filter(_usable(basis(rules, reference), as_of)).values("referral_id")
    received = Referral.objects.filter(received_date__lte=as_of).exclude(pk__in=current)
    ids = sorted(received.values_list("pk", flat=True))
    chunks = [ids[start : start + CHUNK] for start in range(0, len(ids), CHUNK)]
    return sum(
        _read_or_derive(Referral.objects.filter(InIds("pk", chunk)), as_of, rules, reference)[1] for chunk in chunks
    )


def _read_or_derive(referrals, as_of, rules, reference):
    """([ReferralOutcome] of `referrals` as at as_of, how many were stored)."""
    key = basis(rules, reference)
    reader, stored, still_open, ended = _Reader(), [], {}, {}
    # First every referral with its stored row, if any, and the row's count of changes: before anything is
    # derived, so that a write made while deriving leaves what is stored out of date.
    for row in raw_rows(_with_stored(referrals, key, as_of), COLUMNS):
        pk, _, _, _, discharged, _, usable, changes, _ = row
        if usable:
            stored.append(row)
        elif discharged is not None and reader.dates[discharged] <= as_of:
            ended[pk] = changes or 0
        else:
            still_open[pk] = (changes or 0, reader.dates[discharged])
    found = {outcome.referral_id: outcome for outcome in reader.outcomes(stored, as_of)}
    # Then the others by id (each referral of the first query is read or derived, whatever is written
    # meanwhile), with scores for those that had ended.
    count = 0
    if still_open or ended:
        derived = derive(sorted([*still_open, *ended]), as_of=as_of, scores_for=sorted(ended), rules=rules,
                         reference=reference)  # fmt: skip
        found.update((outcome.referral_id, outcome) for outcome in derived)
        count = _store(derived, ended=ended, still_open=still_open, as_of=as_of, key=key)
    return [found[pk] for pk in sorted(found)], count


def _usable(key, as_of, prefix=""):
    """Q: a StoredOutcome (through `prefix`) is current for a report whose last day is as_of."""
    return Q(**{
        f"{prefix}derived_changes": F(f"{prefix}changes"), f"{prefix}basis": key, f"{prefix}valid_from__lte": as_of
    }) & (Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": as_of}))  # fmt: skip


def _with_stored(referrals, key, as_of):
    """Each referral's own fields, whether its stored row is current, the row's count of changes (None: no
    row) and its outcome text. Not joined to teams and services, whose few rows _Reader looks up itself:
    the join made the database read the referrals team by team. Dates undeclared, as derivation.py reads
    them."""
    usable = When(_usable(key, as_of, "stored_outcome__"), then=Value(True))
    return (
        referrals.order_by()
        .annotate(received=Undeclared("received_date"), discharged=Undeclared("discharge__discharge_date"))
        .annotate(usable=Case(usable, default=Value(False), output_field=BooleanField()))
        .values_list(*COLUMNS)
    )


class _Reader:
    """Rows of _with_stored() → ReferralOutcomes. Dates, counts, scores and flags repeat across tens of
    thousands of rows: each distinct text is made into its value once, and looked up after that."""

    def __init__(self):
        self.dates, self.totals = DateReader(), DecimalReader()
        self.dates[""] = None
        self.counts, self.scores, self.flags = Memo(int), Memo(self._parse_scores), Memo(self._parse_flags)
        self.services = team_services()

    def outcomes(self, rows, as_of):
        dates, counts, scores, flags, services = self.dates, self.counts, self.scores, self.flags, self.services
        for pk, team_id, practitioner_id, received, discharged, end_code, _, _, text in rows:
            first_assessment, first, second, last, care, treatment, phq9, gad7, anxiety, adsm, flagged = text.split("|")
            service_id, ods_code = services[team_id]
            ended_on = dates[discharged]
            if ended_on is not None and ended_on > as_of:  # a row stored while open, read before the discharge
                ended_on = None
            yield make_outcome({
                "referral_id": pk, "ods_code": ods_code, "service_id": service_id, "team_id": team_id,
                "practitioner_id": practitioner_id, "received_date": dates[received], "ended_on": ended_on,
                "end_code": (end_code or "") if ended_on else "", "assessment_first_date": dates[first_assessment],
                "therapy_first_date": dates[first], "therapy_second_date": dates[second],
                "therapy_last_date": dates[last], "care_contact_count": counts[care],
                "treatment_contact_count": counts[treatment], "phq9": scores[phq9], "gad7": scores[gad7],
                "anxiety": scores[anxiety], "adsm": adsm, "flags": flags[flagged],
            })  # fmt: skip

    def _parse_scores(self, text):
        first, last, count = text.split(" ")
        return Scores(self.totals[first or None], self.totals[last or None], int(count)) if first else None

    @staticmethod
    def _parse_flags(text):
        return Flags(*(digit == "1" for digit in text))


def _text(outcome):
    """StoredOutcome.outcome for a ReferralOutcome: what _Reader.outcomes() reads back."""
    parts = [_iso(getattr(outcome, name)) for name in FIELDS[:4]]
    parts += [str(outcome.care_contact_count), str(outcome.treatment_contact_count)]
    parts += [_scores_text(getattr(outcome, measure)) for measure in MEASURES]
    parts += [outcome.adsm, "".join("1" if getattr(outcome.flags, flag) else "0" for flag in FLAGS)]
    return "|".join(parts)


def _scores_text(scores):
    if scores is None:
        return "  0"
    return f"{scores.first} {'' if scores.last is None else scores.last} {scores.count}"


def _iso(date):
    return date.isoformat() if date else ""


def _store(derived, *, ended, still_open, as_of, key):
    """Store what was derived, as at as_of, for the referrals that had ended ({id: count of changes}: their
    scores were read too) or were still open ({id: (count of changes, discharge date or None)}) when their
    count of changes was read, and still had or were. Storing is only a saving: if the database is too busy,
    the next report stores them. Returns how many were stored."""
    rows = _ended_rows(derived, ended, as_of, key) + _open_rows(derived, still_open, as_of, key)
    if not rows:
        return 0
    try:
        with transaction.atomic():
            StoredOutcome.objects.bulk_create(
                rows, update_conflicts=True, unique_fields=["referral"], update_fields=WRITTEN, batch_size=1000
            )
    except OperationalError as error:  # e.g. SQLite's "database is locked" after the busy timeout
        log.warning("Outcomes not stored (%s): the next report derives them again", error)
        return 0
    return len(rows)


def _ended_rows(derived, ended, as_of, key):
    """Rows for the ended: from the discharge date, or from the day their latest presenting complaint was
    recorded if that is later; none while a complaint was recorded after as_of, which a later report reads."""
    outcomes = [outcome for outcome in derived if outcome.ended_on is not None and outcome.referral_id in ended]
    complaint_days = _latest_complaint_days([outcome.referral_id for outcome in outcomes]) if outcomes else {}
    rows = []
    for outcome in outcomes:
        complaint_day = complaint_days.get(outcome.referral_id)
        if complaint_day is None or complaint_day <= as_of:
            valid_from = max(outcome.ended_on, complaint_day or outcome.ended_on)
            rows.append(_row(outcome, ended[outcome.referral_id], key, valid_from, None))
    return rows


def _open_rows(derived, still_open, as_of, key):
    """Rows for the still open (no scores: a period's figures read scores only of referrals that ended in
    it): the same for any later day until the discharge, as long as no care contact is dated after as_of.
    None for those that already have one (an outcome recorded in advance, or an unplanned contact)."""
    outcomes = [outcome for outcome in derived if outcome.ended_on is None and outcome.referral_id in still_open]
    late = _with_contacts_after([outcome.referral_id for outcome in outcomes], as_of) if outcomes else set()
    rows = []
    for outcome in outcomes:
        if outcome.referral_id not in late:
            changes, discharged = still_open[outcome.referral_id]
            valid_until = discharged - datetime.timedelta(days=1) if discharged else None
            rows.append(_row(outcome, changes, key, as_of, valid_until))
    return rows


def _row(outcome, changes, key, valid_from, valid_until):
    return StoredOutcome(
        referral_id=outcome.referral_id, changes=changes, derived_changes=changes, basis=key, valid_from=valid_from,
        valid_until=valid_until, outcome=_text(outcome),
    )  # fmt: skip


def _with_contacts_after(referral_ids, day):
    """The ids of those referrals with an appointment after `day` (local) that has an outcome or is unplanned:
    one that could count as a care contact for a later day (derivation.py)."""
    after = timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))
    appointments = Appointment.objects.filter(InIds("referral_id", referral_ids), starts_at__gte=after)
    return set(appointments.filter(~Q(attendance="") | Q(planned=False)).values_list("referral_id", flat=True))


def _latest_complaint_days(referral_ids):
    """{referral id: the local date its latest presenting complaint was recorded}, for those with one."""
    rows = (
        PresentingComplaint.objects.filter(InIds("referral_id", referral_ids))
        .values("referral_id")
        .annotate(latest=Max("recorded_at"))
        .values_list("referral_id", "latest")
    )
    return {referral_id: timezone.localdate(latest) for referral_id, latest in rows}
