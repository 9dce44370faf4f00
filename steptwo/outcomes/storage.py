"""Stored outcomes of ended referrals (ADR 0012): a year's report reads one row for each referral that ended
instead of deriving it again from every contact and score.

outcomes() gives what derive() gives for the referrals open in a period: the ones with a current stored row
are read from it, the rest (those still open on the period's last day, and ended ones without a current row)
are derived live, and the ended ones among those are then stored. fill() stores every ended referral's
outcome at once, after a bulk load.

A stored row (models.StoredOutcome) is current for a report whose last day is `as_of` when:
* its derived_changes equals its changes: nothing the derivation reads for the referral has been written
  since (the triggers of migration 0002 count every write, and the count is read before deriving, so a
  write made while a report derives leaves the row out of date, never wrong);
* its basis is today's: the same rule settings and reference data (basis());
* as_of is on or after its valid_from: the discharge date, or the day the referral's latest presenting
  complaint was recorded if that is later. Once a referral has ended, the problem descriptor (the complaint
  recorded by the as-of day) is the only thing in its outcome that depends on the as-of day, so an outcome
  is not stored at all while one of its complaints was recorded after the day it was derived as at.
"""

import hashlib
import logging

from django.db import OperationalError, transaction
from django.db.models import BooleanField, Case, F, Max, Q, Value, When
from django.utils import timezone

from steptwo.outcomes import rules as outcome_rules
from steptwo.outcomes.derivation import REFERRAL_FIELDS, derive, make_outcome
from steptwo.outcomes.judgement import Flags, Scores
from steptwo.outcomes.models import StoredOutcome
from steptwo.outcomes.reference import ReferenceData
from steptwo.outcomes.sql import DateReader, DecimalReader, Undeclared, raw_rows
from steptwo.referrals.models import PresentingComplaint, Referral

log = logging.getLogger(__name__)

FLAGS = tuple(Flags.__dataclass_fields__)
MEASURES = ("phq9", "gad7", "anxiety")
DATES = ("assessment_first_date", "therapy_first_date", "therapy_second_date", "therapy_last_date")
COUNTS = ("care_contact_count", "treatment_contact_count")
SCORE_FIELDS = tuple(f"{measure}_{part}" for measure in MEASURES for part in ("first", "last", "count"))
# What a store writes over an existing row; `changes` is only ever counted up by the triggers.
WRITTEN = ("derived_changes", "basis", "valid_from", *DATES, *COUNTS, *SCORE_FIELDS, "adsm", *FLAGS)
# The columns _with_stored() selects, in this order.
COLUMNS = (
    *REFERRAL_FIELDS, "usable", "stored_changes", *(f"stored_{name}" for name in DATES), *(
        f"stored_outcome__{name}" for name in (*COUNTS, *SCORE_FIELDS, "adsm", *FLAGS)
    ),
)  # fmt: skip
CHUNK = 10_000  # referrals per query where ids are listed (under every database's limit on parameters)


def basis(rules, reference):
    """A digest of what judging depends on besides the referral's history: the rule settings and every
    reference-data row (thresholds, ADSM mappings). A change to either makes every stored row out of date."""
    text = repr((sorted(rules.as_dict().items()), reference.fingerprint()))
    return hashlib.sha256(text.encode()).hexdigest()


def outcomes(active, *, as_of, rules, reference):
    """What derive(active, as_of=as_of, scores_for=<those discharged by as_of>) gives, in primary-key order,
    for `active`: referrals open at some time in a period whose last day is as_of."""
    key = basis(rules, reference)
    reader, found, changes = _Reader(), {}, {}
    # First every referral with its stored row, if any, and the row's count of changes: before anything is
    # derived, so that a write made while deriving leaves what is stored out of date.
    for row in raw_rows(_with_stored(active, key, as_of), COLUMNS):
        if row[USABLE]:
            found[row[0]] = reader.outcome(row)
        else:
            changes[row[0]] = row[STORED_CHANGES] or 0
    live = active.exclude(pk__in=StoredOutcome.objects.filter(_usable(key, as_of)).values("referral_id"))
    derived = _derive(live, as_of, rules, reference)
    # A row made current by another report since the first query is in neither list: derive those too.
    missing = changes.keys() - {outcome.referral_id for outcome in derived}
    for ids in _chunks(sorted(missing)):
        derived += _derive(Referral.objects.filter(pk__in=ids), as_of, rules, reference)
    found.update((outcome.referral_id, outcome) for outcome in derived)  # derived now: newer than stored
    _store(derived, changes=changes, as_of=as_of, key=key)
    return [found[pk] for pk in sorted(found)]


def fill(*, as_of=None, rules=None):
    """Store the outcome of every referral discharged by as_of (default today) without a current stored row,
    derived as at as_of, a chunk of referrals at a time. For after a bulk load (seed_demo, import_dataset),
    so that the first report does not derive them all. Returns how many were stored."""
    as_of = as_of or timezone.localdate()
    rules = rules or outcome_rules.current()
    reference = ReferenceData.load()
    key = basis(rules, reference)
    ended = Referral.objects.filter(discharge__discharge_date__lte=as_of)
    ids = list(
        ended.exclude(pk__in=StoredOutcome.objects.filter(_usable(key, as_of)).values("referral_id")).values_list(
            "pk", flat=True
        )
    )
    stored = 0
    for chunk in _chunks(sorted(ids)):
        changes = dict.fromkeys(chunk, 0)
        rows = StoredOutcome.objects.filter(referral_id__in=chunk).values_list("referral_id", "changes")
        changes.update(rows)
        derived = derive(Referral.objects.filter(pk__in=chunk), as_of=as_of, rules=rules, reference=reference)
        stored += _store(derived, changes=changes, as_of=as_of, key=key)
    return stored


def _derive(referrals, as_of, rules, reference):
    ended = referrals.filter(discharge__discharge_date__lte=as_of)
    return derive(referrals, as_of=as_of, scores_for=ended, rules=rules, reference=reference)


def _usable(key, as_of, prefix=""):
    """Q: a StoredOutcome (through `prefix`) is current for a report whose last day is as_of."""
    return Q(**{
        f"{prefix}derived_changes": F(f"{prefix}changes"), f"{prefix}basis": key, f"{prefix}valid_from__lte": as_of
    })  # fmt: skip


def _with_stored(referrals, key, as_of):
    """Each referral's fields (as derivation.REFERRAL_FIELDS), whether its stored row is current, the row's
    count of changes (None: no row) and the row's fields. Dates undeclared, as derivation.py reads them."""
    usable = When(_usable(key, as_of, "stored_outcome__"), then=Value(True))
    return (
        referrals.order_by()
        .annotate(received=Undeclared("received_date"), discharged=Undeclared("discharge__discharge_date"))
        .annotate(
            usable=Case(usable, default=Value(False), output_field=BooleanField()),
            stored_changes=F("stored_outcome__changes"),
        )
        .annotate(**{f"stored_{name}": Undeclared(f"stored_outcome__{name}") for name in DATES})
        .values_list(*COLUMNS)
    )


USABLE = COLUMNS.index("usable")
STORED_CHANGES = COLUMNS.index("stored_changes")


class _Reader:
    """Rows of _with_stored() → ReferralOutcomes. Dates, totals, scores and flags repeat across tens of
    thousands of rows: each distinct value is made once."""

    def __init__(self):
        self.dates, self.totals, self.scores, self.flags = DateReader(), DecimalReader(), {}, {}

    def outcome(self, row):
        pk, service_id, ods_code, team_id, practitioner_id, received, discharged, end_code = row[:USABLE]
        stored = dict(zip((*DATES, *COUNTS, *SCORE_FIELDS, "adsm", *FLAGS), row[STORED_CHANGES + 1 :], strict=True))
        dates = self.dates
        return make_outcome({
            "referral_id": pk, "ods_code": ods_code, "service_id": service_id, "team_id": team_id,
            "practitioner_id": practitioner_id, "received_date": dates[received], "ended_on": dates[discharged],
            "end_code": end_code or "", **{name: dates[stored[name]] for name in DATES},
            "care_contact_count": stored["care_contact_count"],
            "treatment_contact_count": stored["treatment_contact_count"],
            **{measure: self._scores(stored, measure) for measure in MEASURES},
            "adsm": stored["adsm"], "flags": self._flags(tuple(bool(stored[name]) for name in FLAGS)),
        })  # fmt: skip

    def _scores(self, stored, measure):
        count = stored[f"{measure}_count"]
        if not count:
            return None
        key = (self.totals[stored[f"{measure}_first"]], self.totals[stored[f"{measure}_last"]], count)
        if key not in self.scores:
            self.scores[key] = Scores(*key)
        return self.scores[key]

    def _flags(self, values):
        if values not in self.flags:
            self.flags[values] = Flags(*values)
        return self.flags[values]


def _store(derived, *, changes, as_of, key):
    """Store the outcomes of ended referrals among `derived` that the first read saw (`changes`: their count
    of changes then). Storing is only a saving: if the database is too busy, the next report stores them."""
    ended = [outcome for outcome in derived if outcome.ended_on is not None and outcome.referral_id in changes]
    if not ended:
        return 0
    complaint_days = _latest_complaint_days([outcome.referral_id for outcome in ended])
    rows = []
    for outcome in ended:
        complaint_day = complaint_days.get(outcome.referral_id)
        if complaint_day is not None and complaint_day > as_of:
            continue  # derived without a complaint recorded after as_of, which a later report would read
        valid_from = max(outcome.ended_on, complaint_day or outcome.ended_on)
        rows.append(_row(outcome, changes[outcome.referral_id], key, valid_from))
    if not rows:
        return 0
    try:
        with transaction.atomic():
            StoredOutcome.objects.bulk_create(
                rows, update_conflicts=True, unique_fields=["referral"], update_fields=WRITTEN, batch_size=500
            )
    except OperationalError as error:  # e.g. SQLite's "database is locked" after the busy timeout
        log.warning("Outcomes not stored (%s): the next report derives them again", error)
        return 0
    return len(rows)


def _row(outcome, changes, key, valid_from):
    fields = {name: getattr(outcome, name) for name in (*DATES, *COUNTS)}
    for measure in MEASURES:
        scores = getattr(outcome, measure)
        fields |= {
            f"{measure}_first": scores.first if scores else None,
            f"{measure}_last": scores.last if scores else None,
            f"{measure}_count": scores.count if scores else 0,
        }
    flags = {name: getattr(outcome.flags, name) for name in FLAGS}
    return StoredOutcome(
        referral_id=outcome.referral_id, changes=changes, derived_changes=changes, basis=key,
        valid_from=valid_from, adsm=outcome.adsm, **fields, **flags,
    )  # fmt: skip


def _latest_complaint_days(referral_ids):
    """{referral id: the local date its latest presenting complaint was recorded}, for those with one."""
    days = {}
    for ids in _chunks(referral_ids):
        rows = (
            PresentingComplaint.objects.filter(referral_id__in=ids)
            .values("referral_id")
            .annotate(latest=Max("recorded_at"))
            .values_list("referral_id", "latest")
        )
        days.update((referral_id, timezone.localdate(latest)) for referral_id, latest in rows)
    return days


def _chunks(ids):
    return [ids[start : start + CHUNK] for start in range(0, len(ids), CHUNK)]
