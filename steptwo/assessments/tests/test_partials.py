"""The partials other pages include: the referral's assessment and risk, and the risk tag macro."""

import datetime

import pytest
from django.template.loader import get_template
from django.utils import timezone

from steptwo.accounts.models import Role
from steptwo.assessments import risk, services
from steptwo.assessments.codes import Decision
from steptwo.assessments.models import RiskAssessment
from steptwo.assessments.tests.conftest import LOW_RISK
from steptwo.tests import builders

pytestmark = pytest.mark.django_db


def render_partial(referral, user):
    return get_template("assessments/_referral_assessment.jinja").render({"referral": referral, "user": user})


def render_tag(level):
    template = get_template("assessments/_risk_tag.jinja").template.environment.from_string(
        '{% from "assessments/_risk_tag.jinja" import risk_tag %}{{ risk_tag(level) }}'
    )
    return " ".join(template.render(level=level).split())


@pytest.mark.parametrize(
    "level,expected",
    [
        ("high", '<strong class="nhsuk-tag nhsuk-tag--red"> High risk </strong>'),
        ("moderate", '<strong class="nhsuk-tag nhsuk-tag--orange"> Moderate risk </strong>'),
        ("low", '<strong class="nhsuk-tag nhsuk-tag--green"> Low risk </strong>'),
        ("", '<strong class="nhsuk-tag nhsuk-tag--grey"> Risk not assessed </strong>'),
    ],
)
def test_risk_tag_says_the_level_in_words_and_colours_it(level, expected):
    assert render_tag(level) == expected


def test_not_started_offers_to_start_and_to_record_risk(pwp, referral):
    html = render_partial(referral, pwp)

    assert "not started" in html and f"/assessments/start/{referral.pk}/" in html
    assert f"/assessments/risk/{referral.pk}/new/" in html
    assert "Risk not assessed" in html and "Risk history" not in html


def test_in_progress_offers_to_continue(pwp, referral, assessment):
    html = render_partial(referral, pwp)

    assert "in progress, started" in html
    assert "Continue the assessment" in html and f"/assessments/{assessment.pk}/" in html


def test_completed_shows_the_decision_and_date(pwp, referral, ready_assessment):
    services.complete_assessment(
        by=pwp, assessment=ready_assessment, expected_version=ready_assessment.version,
        decision=Decision.STEP_UP, reason="Risk above step 2",
    )  # fmt: skip
    referral.refresh_from_db()

    html = render_partial(referral, pwp)

    today = timezone.localdate()
    assert f"completed {today.day} {today:%B %Y}: Step up to high-intensity therapy" in html
    assert "View the assessment" in html and "Start the assessment" not in html


def test_risk_shows_the_level_and_how_it_changed(pwp, referral):
    for day, level in [(1, "low"), (3, "high")]:
        row = risk.record_risk_assessment(by=pwp, referral=referral, **(LOW_RISK | {"level": level}))
        RiskAssessment.objects.filter(pk=row.pk).update(
            recorded_at=timezone.make_aware(datetime.datetime(2026, 3, day))
        )
    referral.refresh_from_db()

    html = render_partial(referral, pwp)

    assert "High risk" in html and "nhsuk-tag--red" in html
    assert "Raised from low to high on 3 March 2026" in html
    assert f"/assessments/risk/{referral.pk}/" in html


def test_staff_who_do_not_record_care_get_no_recording_links(service, team, referral, assessment):
    admin = builders.make_staff(service, Role.ADMIN_STAFF, teams=[team])

    html = render_partial(referral, admin)

    assert "View the assessment" in html
    assert "/new/" not in html and "Continue the assessment" not in html
