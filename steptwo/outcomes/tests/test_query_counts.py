"""The derivation and the aggregates are set-based: the same number of queries for 1 referral as for 20."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from steptwo.outcomes.aggregates import outcomes_report
from steptwo.outcomes.derivation import derive
from steptwo.outcomes.tests.histories import assess, at, day, discharge, new_referral, scores, treat, unplanned
from steptwo.referrals import services as referrals
from steptwo.referrals.models import Referral

pytestmark = pytest.mark.django_db


def histories(pwp, patient, team, count):
    """`count` referrals, each with every kind of row the derivation reads: contacts (planned and
    unplanned), PHQ-9, GAD-7 and SPIN scores, a problem descriptor and a discharge. Half a day apart."""
    for number in range(count):
        hour, minute = 8 + number // 2, 30 * (number % 2)
        referral = new_referral(patient, team, pwp)
        referrals.record_presenting_complaint(
            by=pwp, referral=referral, code_system="ICD-10", code="F40.1", label="Social phobias"
        )
        # Recorded at the assessment, as in practice (not today, after the period reported on).
        referral.presenting_complaints.update(recorded_at=at(10, 5, hour, minute))
        assess(pwp, referral, at(10, 5, hour, minute))
        treat(pwp, referral, at(10, 12, hour, minute))
        unplanned(pwp, referral, at(10, 19, hour, minute))
        for instrument_id, first, last in (("phq9", 15, 5), ("gad7", 12, 4), ("spin", 30, 10)):
            scores(pwp, referral, instrument_id, (first, at(10, 5, hour, minute)), (last, at(10, 19, hour, minute)))
        discharge(pwp, referral, day(10, 20))


def queries(function):
    with CaptureQueriesContext(connection) as context:
        result = function()
    return len(context.captured_queries), result


@pytest.mark.parametrize("count", [1, 20])
def test_derivation_takes_five_queries(pwp, patient, team, count):
    histories(pwp, patient, team, count)
    number, outcomes = queries(lambda: derive(Referral.objects.all()))
    # Thresholds, ADSM mappings, teams' services, scores with the problem descriptors, and contacts with the
    # referrals.
    assert number == 5
    assert len(outcomes) == count
    assert {outcome.adsm for outcome in outcomes} == {"spin"}
    assert all(outcome.flags.reliable_recovery for outcome in outcomes)


@pytest.mark.parametrize("count", [1, 20])
def test_aggregates_take_a_fixed_number_of_queries(pwp, patient, team, count):
    histories(pwp, patient, team, count)
    number, report = queries(lambda: outcomes_report(day(10, 1), day(10, 31), by="pwp"))
    # Reference data (2), the referrals with their stored outcomes (none yet), the teams' services (twice:
    # for the stored and the derived), the referrals' contacts and scores, the presenting complaints of the ended ones, storing their outcomes (an
    # insert in a savepoint: 3), appointment outcomes by group, and the groups' names.
    assert number == 13
    assert report.groups[0].measures["finished_course"].value == count
    number, again = queries(lambda: outcomes_report(day(10, 1), day(10, 31), by="pwp"))
    # Now every outcome is read from storage: nothing is derived, and nothing stored.
    assert number == 6
    assert again == report
