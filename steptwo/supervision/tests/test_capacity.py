"""Capacity, worked by hand (supervision/capacity.py; trainee ramp from domain reference §5)."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from steptwo.accounts.models import Role
from steptwo.referrals import services as referrals
from steptwo.referrals.codes import ReferralStatus
from steptwo.supervision.capacity import (
    capacity_of,
    explain_capacity,
    open_caseload_counts,
    round_half_up,
    trainee_percent,
    training_month,
)
from steptwo.supervision.models import SupervisionSettings
from steptwo.tests import builders

TODAY = datetime.date(2027, 3, 1)


def settings_of(service, **values):
    return SupervisionSettings(service=service, **values)


def staff(role, *, fte="1", started=None, override=None):
    """An unsaved member of staff: capacity needs no database (the settings are passed in)."""
    from steptwo.accounts.models import User

    return User(role=role, fte=Decimal(fte), training_started_on=started, caseload_capacity=override)


def test_full_time_qualified_pwp_has_the_service_capacity(service):
    assert capacity_of(staff(Role.PWP), today=TODAY, settings=settings_of(service)) == 45


def test_part_time_pwp_scales_by_fte(service):
    # 45 × 0.6 = 27 exactly (no floating-point 26.999… rounding).
    assert capacity_of(staff(Role.PWP, fte="0.6"), today=TODAY, settings=settings_of(service)) == 27


def test_pwp_supervisor_holds_a_caseload_at_their_fte(service):
    assert capacity_of(staff(Role.PWP_SUPERVISOR, fte="0.5"), today=TODAY, settings=settings_of(service)) == 23


@pytest.mark.parametrize("role", [Role.HIGH_INTENSITY, Role.ADMIN_STAFF, Role.SERVICE_MANAGER, Role.SYSTEM_ADMIN])
def test_staff_who_hold_no_caseload_have_no_capacity(service, role):
    assert capacity_of(staff(role, override=30), today=TODAY, settings=settings_of(service)) is None


def test_explicit_capacity_overrides_the_worked_out_one(service):
    person = staff(Role.TRAINEE_PWP, fte="0.5", started=TODAY, override=12)
    assert capacity_of(person, today=TODAY, settings=settings_of(service)) == 12


def test_explicit_capacity_of_zero_is_kept(service):
    assert capacity_of(staff(Role.PWP, override=0), today=TODAY, settings=settings_of(service)) == 0


def test_trainee_six_months_in(service):
    # 182 of 365 days from 20 % to 70 %: 20 + 50 × 182/365 = 44.93 %; 45 × 44.93 % = 20.2 → 20.
    person = staff(Role.TRAINEE_PWP, started=TODAY - datetime.timedelta(days=182))
    settings = settings_of(service)
    assert trainee_percent(person, today=TODAY, settings=settings) == 20 + Fraction(50 * 182, 365)
    assert capacity_of(person, today=TODAY, settings=settings) == 20


def test_trainee_on_their_first_day_has_the_start_percent(service):
    # 45 × 20 % = 9.
    person = staff(Role.TRAINEE_PWP, started=TODAY)
    assert capacity_of(person, today=TODAY, settings=settings_of(service)) == 9


def test_trainee_whose_training_has_not_begun_has_the_start_percent(service):
    person = staff(Role.TRAINEE_PWP, started=TODAY + datetime.timedelta(days=10))
    assert capacity_of(person, today=TODAY, settings=settings_of(service)) == 9


def test_trainee_at_the_end_of_the_year_has_the_end_percent(service):
    # Day 365: 45 × 70 % = 31.5 → 32 (half up).
    person = staff(Role.TRAINEE_PWP, started=TODAY - datetime.timedelta(days=365))
    assert capacity_of(person, today=TODAY, settings=settings_of(service)) == 32


def test_trainee_past_the_year_stays_at_the_end_percent(service):
    person = staff(Role.TRAINEE_PWP, started=TODAY - datetime.timedelta(days=400))
    assert capacity_of(person, today=TODAY, settings=settings_of(service)) == 32


def test_trainee_with_no_training_start_date_has_the_start_percent(service):
    person = staff(Role.TRAINEE_PWP, started=None)
    assert capacity_of(person, today=TODAY, settings=settings_of(service)) == 9


def test_part_time_trainee_scales_by_fte_and_ramp(service):
    # 45 × 0.5 × 70 % = 15.75 → 16.
    person = staff(Role.TRAINEE_PWP, fte="0.5", started=TODAY - datetime.timedelta(days=365))
    assert capacity_of(person, today=TODAY, settings=settings_of(service)) == 16


def test_ramp_follows_the_service_settings(service):
    settings = settings_of(service, qualified_caseload_capacity=40, trainee_start_percent=50, trainee_end_percent=80)
    person = staff(Role.TRAINEE_PWP, started=TODAY - datetime.timedelta(days=73))  # a fifth of the year
    # 50 + 30 × 73/365 = 56 %; 40 × 56 % = 22.4 → 22.
    assert capacity_of(person, today=TODAY, settings=settings) == 22


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Fraction(41, 2), 21), (Fraction(2049, 100), 20), (Fraction(2051, 100), 21), (0, 0), (Fraction(1, 2), 1)],
)
def test_round_half_up(value, expected):
    assert round_half_up(value) == expected


def test_capacity_at_a_half_rounds_up_and_below_it_down(service):
    # 35 × 0.3 = 10.5 exactly → 11 (a float product would be 10.499… and round down).
    settings = settings_of(service, qualified_caseload_capacity=35)
    assert capacity_of(staff(Role.PWP, fte="0.3"), today=TODAY, settings=settings) == 11
    # 35 × 0.29 = 10.15 → 10.
    assert capacity_of(staff(Role.PWP, fte="0.29"), today=TODAY, settings=settings) == 10


def test_capacity_reads_the_service_settings_when_not_given(pwp):
    SupervisionSettings.objects.create(service=pwp.service, qualified_caseload_capacity=30)
    assert capacity_of(pwp, today=TODAY) == 30


def test_capacity_uses_the_defaults_for_a_service_that_saved_no_settings(pwp):
    assert capacity_of(pwp, today=TODAY) == 45


@pytest.mark.parametrize(("days", "month"), [(0, 1), (30, 1), (31, 2), (182, 6), (364, 12), (365, 12), (400, 12)])
def test_training_month(days, month):
    person = staff(Role.TRAINEE_PWP, started=TODAY - datetime.timedelta(days=days))
    assert training_month(person, today=TODAY) == month


def test_training_month_is_unknown_without_a_start_date():
    assert training_month(staff(Role.TRAINEE_PWP), today=TODAY) is None


def test_open_caseload_counts_only_step_2_referrals_of_each_practitioner(
    service, team, pwp, trainee, supervisor, patient, django_assert_num_queries
):
    waiting = builders.make_referral(patient, team, pwp)
    assessed = builders.make_referral(patient, team, pwp)
    referrals.change_status(by=pwp, referral=assessed, to=ReferralStatus.ASSESSED)
    treated = builders.make_referral(patient, team, pwp)
    referrals.change_status(by=pwp, referral=treated, to=ReferralStatus.IN_TREATMENT)
    discharged = builders.make_referral(patient, team, pwp)
    referrals.change_status(by=pwp, referral=discharged, to=ReferralStatus.DISCHARGED)
    stepped_up = builders.make_referral(patient, team, pwp)
    referrals.change_status(by=pwp, referral=stepped_up, to=ReferralStatus.STEPPED_UP)
    builders.make_referral(patient, team, trainee)
    builders.make_referral(patient, team, pwp, practitioner=None)
    assert waiting.status == ReferralStatus.WAITING

    with django_assert_num_queries(1):
        counts = open_caseload_counts([pwp, trainee, supervisor])
    assert counts == {pwp.pk: 3, trainee.pk: 1, supervisor.pk: 0}


def test_open_caseload_counts_of_nobody_needs_no_query(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert open_caseload_counts([]) == {}


def test_explanation_of_a_part_time_qualified_pwp(service):
    words = explain_capacity(staff(Role.PWP, fte="0.60"), today=TODAY, settings=settings_of(service))
    assert (
        words
        == "45 open cases for a full-time qualified PWP × 0.6 whole-time equivalent = 27, rounded to a whole case."
    )


def test_explanation_of_a_trainee_names_the_month_and_percent(service):
    person = staff(Role.TRAINEE_PWP, started=TODAY - datetime.timedelta(days=182))
    words = explain_capacity(person, today=TODAY, settings=settings_of(service))
    assert "× 1.0 whole-time equivalent × 44.9% (month 6 of training) = 20" in words


def test_explanation_of_a_trainee_without_a_start_date(service):
    words = explain_capacity(staff(Role.TRAINEE_PWP), today=TODAY, settings=settings_of(service))
    assert "× 20% (no training start date recorded, so the start percentage) = 9" in words


def test_explanation_of_an_override_and_of_no_caseload(service):
    settings = settings_of(service)
    assert explain_capacity(staff(Role.PWP, override=12), today=TODAY, settings=settings) == (
        "Set for them by a service manager: 12 open cases."
    )
    assert explain_capacity(staff(Role.ADMIN_STAFF), today=TODAY, settings=settings) == (
        "Holds no caseload (admin and booking staff)."
    )
