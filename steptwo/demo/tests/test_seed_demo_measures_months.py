"""A size with questionnaires for its last months only (the large demo: 18 months) still gives every referral
open in those months its scores, from its assessment on, so a year's outcome figures have paired scores."""

import datetime
from dataclasses import replace

import pytest

from steptwo.appointments.codes import ATTENDED_CODES, AppType
from steptwo.demo.build import build_demo
from steptwo.demo.sizes import SIZES
from steptwo.demo.tests.test_seed_demo import ANCHOR
from steptwo.measures.models import QuestionnaireResponse
from steptwo.outcomes.aggregates import outcomes_report
from steptwo.referrals.models import Referral

pytestmark = pytest.mark.django_db
TWO_YEARS = replace(SIZES["small"], name="two years, questionnaires for 6 months", years=2, measures_months=6)
SINCE = ANCHOR - datetime.timedelta(days=round(6 * 365.25 / 12))


def test_every_referral_open_in_the_last_months_has_its_scores_and_none_ended_before_them():
    build_demo(TWO_YEARS, 7, anchor=ANCHOR)
    assessed = Referral.objects.filter(
        appointments__app_type=AppType.ASSESSMENT, appointments__attendance__in=ATTENDED_CODES
    ).distinct()
    ended_before = set(assessed.filter(discharge__discharge_date__lt=SINCE).values_list("pk", flat=True))
    open_since = set(assessed.values_list("pk", flat=True)) - ended_before
    at_assessment = QuestionnaireResponse.objects.filter(appointment__app_type=AppType.ASSESSMENT)
    (service,) = outcomes_report(SINCE, ANCHOR - datetime.timedelta(days=1)).groups

    assert ended_before and open_since
    assert set(QuestionnaireResponse.objects.values_list("referral", flat=True)) == open_since
    assert service.measures["finished_course"].value > 20 and service.measures["paired_scores"].percent == 100
    assert set(at_assessment.values_list("referral", flat=True)) == open_since  # from the start of the course
