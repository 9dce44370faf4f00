"""The demo's outcome figures for the year before its anchor date look like a real service's: near the national
2024-25 figures (domain reference §1.4: recovery 50.5 %, reliable improvement 67.5 %, reliable recovery 47.5 %,
deterioration 5.8 %), most courses starting within 6 weeks (§3), with paired scores. The outcomes the demo
stores (outcomes/storage.py) are exactly what deriving them again gives."""

import datetime
import random
from collections import Counter
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.db.models import F

from steptwo.demo.build import build_demo
from steptwo.demo.randomness import Shares
from steptwo.demo.tests.test_seed_demo import ANCHOR
from steptwo.outcomes.aggregates import derive_period, outcomes_report
from steptwo.outcomes.derivation import derive
from steptwo.outcomes.models import StoredOutcome
from steptwo.outcomes.periods import open_in_period
from steptwo.referrals.models import Referral

pytestmark = pytest.mark.django_db
LAST_DAY = ANCHOR - datetime.timedelta(days=1)  # nothing happens on the anchor date itself
FIRST_DAY = ANCHOR.replace(year=ANCHOR.year - 1)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The small demo's service figures for the 12 months to its anchor date, and the referral outcomes
    behind them as read (from the outcomes stored when the demo was built) and as derived again."""
    with django_db_blocker.unblock(), transaction.atomic():
        build_demo("small", 7, anchor=ANCHOR)
        stored = StoredOutcome.objects.filter(derived_changes=F("changes")).count()
        (group,) = outcomes_report(FIRST_DAY, LAST_DAY).groups
        active = open_in_period(Referral.objects.all(), FIRST_DAY, LAST_DAY)
        live = derive(active, as_of=LAST_DAY, scores_for=active.filter(discharge__discharge_date__lte=LAST_DAY))
        yield SimpleNamespace(figures=group.measures, stored=stored, read=derive_period(FIRST_DAY, LAST_DAY), live=live)
        transaction.set_rollback(True)


@pytest.fixture
def figures(demo):
    return demo.figures


def test_the_stored_outcomes_are_what_deriving_again_gives(demo):
    assert demo.stored >= Referral.objects.filter(discharge__isnull=False).count()  # stored as the demo was built
    assert len(demo.read) == len(demo.live) > 100
    assert demo.read == demo.live


def percent(figures, name):
    return float(figures[name].percent)


def test_recovery_and_reliable_improvement_are_near_the_national_figures(figures):
    assert figures["finished_course"].value >= 60
    assert 48 <= percent(figures, "recovery") <= 53
    assert 64 <= percent(figures, "reliable_improvement") <= 70
    assert 45 <= percent(figures, "reliable_recovery") <= 50


def test_a_few_deteriorate_and_a_few_start_below_caseness(figures):
    finished = figures["finished_course"].value

    assert 3 <= percent(figures, "reliable_deterioration") <= 9
    assert 0.01 * finished <= figures["not_at_caseness"].value <= 0.1 * finished


def test_most_start_treatment_within_6_weeks_and_finish_with_paired_scores(figures):
    assert percent(figures, "waited_6_weeks") >= 75
    assert percent(figures, "waited_18_weeks") >= 95
    assert percent(figures, "paired_scores") >= 90


def test_shares_keep_to_their_weights_at_every_count_in_a_random_order():
    shares, rng = Shares({"a": 62, "b": 18, "c": 12, "d": 4, "e": 4}), random.Random(3)
    picks = []
    for count in range(1, 301):
        picks.append(shares.pick(rng))
        tally = Counter(picks)
        for value, share in shares.shares.items():
            assert abs(tally[value] - count * share) < 3

    assert picks[:50] != sorted(picks[:50]) and picks[:10] != picks[50:60]
