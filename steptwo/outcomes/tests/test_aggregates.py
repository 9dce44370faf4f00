"""Outcome figures for a period, worked out by hand (domain reference §1.1, §1.4, §3, §3.1).

October 2026 is the period unless a test says otherwise. The `referral` fixture is received on 1 Oct.
"""

import datetime
from decimal import Decimal

import pytest

from steptwo.accounts.models import Role
from steptwo.appointments.codes import AppType, AttendOrDNACode
from steptwo.outcomes import rules as outcome_rules
from steptwo.outcomes.aggregates import (
    COUNT_MEASURES,
    RATE_COHORTS,
    Count,
    Rate,
    appointments_of,
    attendance_counts,
    attendance_counts_by_group_and_day,
    cohorts,
    daily_attendance_counts,
    derive_period,
    measures_for,
    outcomes_report,
    publish,
    rate,
    recovery_rate,
    round_for_publication,
)  # fmt: skip
from steptwo.outcomes.tests.histories import (
    assess,
    at,
    day,
    discharge,
    finished_course,
    new_referral,
    treat,
)  # fmt: skip
from steptwo.referrals.codes import EndCode
from steptwo.referrals.models import Referral
from steptwo.tests import builders

OCTOBER = (day(10, 1), day(10, 31))


def figures(*, start=OCTOBER[0], end=OCTOBER[1], **options):
    """The measures of the only group."""
    (group,) = outcomes_report(start, end, **options).groups
    return group.measures


# --- Arithmetic (no database) -----------------------------------------------------------------------------


def test_national_recovery_rate_2024_25():
    # §1.4: 321,061 recovered / (670,419 finished − 35,234 not at caseness) = 321,061 / 635,185 = 50.546 %.
    result = recovery_rate(recovered=321_061, finished=670_419, not_caseness=35_234)
    assert result == Rate(321_061, 635_185, Decimal("50.5"))


def test_rate_rounds_half_up_to_one_decimal_place():
    assert rate(1, 8).percent == Decimal("12.5")  # 12.5 exactly
    assert rate(1, 16).percent == Decimal("6.3")  # 6.25 → 6.3
    assert rate(2, 3).percent == Decimal("66.7")


def test_rate_without_a_denominator_has_no_percentage():
    assert rate(0, 0) == Rate(0, 0, None)


@pytest.mark.parametrize(
    ("count", "published"),
    [(0, None), (4, None), (5, 5), (7, 5), (8, 10), (12, 10), (13, 15), (1234, 1235), (None, None)],
)
def test_publication_rounding(count, published):
    # Under 5 suppressed; otherwise to the nearest 5 (7 → 5, 8 → 10).
    assert round_for_publication(count) == published


def test_published_rates_come_from_the_rounded_counts():
    from steptwo.outcomes.aggregates import Group, Report

    report = Report(*OCTOBER, "service", False, {}, [
        Group("service", 1, "RX1", "Service", {"ended": Count(4), "recovery": Rate(12, 38, Decimal("31.6")),
                                               "dna": Rate(3, 100, Decimal("3.0"))}),
    ])  # fmt: skip
    measures = publish(report).groups[0].measures
    assert measures["ended"] == Count(None)  # 4: suppressed
    assert measures["recovery"] == Rate(10, 40, Decimal("25.0"))  # 12 → 10, 38 → 40: 10 / 40
    assert measures["dna"] == Rate(None, 100, None)  # numerator suppressed: no rate


# --- A month of referrals -----------------------------------------------------------------------------------


@pytest.fixture
def october(pwp, patient, team, referral):
    """Five referrals received on 1 October and ended in it:
    not seen (a DNA'd assessment, end code 50), seen not treated (assessment only), one treatment contact,
    a finished course recovered (PHQ-9 17 → 6, GAD-7 12 → 5), and a finished course not at caseness
    (PHQ-9 9 → 4, GAD-7 7 → 3). Appointments at different hours so the one PWP can hold them all."""
    not_seen = referral
    treat(pwp, not_seen, at(10, 2, 9), attendance=AttendOrDNACode.DID_NOT_ATTEND, app_type=AppType.ASSESSMENT)
    discharge(pwp, not_seen, day(10, 3), EndCode.NOT_ASSESSED)
    seen = new_referral(patient, team, pwp)
    assess(pwp, seen, at(10, 5, 11))
    discharge(pwp, seen, day(10, 6), EndCode.ADVICE_AND_SUPPORT)
    once = new_referral(patient, team, pwp)
    assess(pwp, once, at(10, 5, 12))
    treat(pwp, once, at(10, 12, 12))
    discharge(pwp, once, day(10, 20), EndCode.ENDED_BY_PATIENT)
    finished_course(pwp, new_referral(patient, team, pwp), hour=13)
    finished_course(pwp, new_referral(patient, team, pwp), phq=(9, 4), gad=(7, 3), hour=14)


@pytest.mark.django_db
def test_referrals_through_a_month(october):
    measures = figures()
    counts = {name: value.value for name, value in measures.items() if isinstance(value, Count)}
    assert counts == {
        "referrals_received": 5,
        "entered_treatment": 3,  # first treatment on 12 Oct: one-treatment and the two finished courses
        "ended": 5,
        "ended_not_seen": 1,
        "ended_seen_not_treated": 1,
        "ended_one_treatment": 1,
        "finished_course": 2,
        "finished_at_caseness": 1,
        "not_at_caseness": 1,  # 9 < 10 and 7 < 8
    }
    # Recovery: 1 / (2 finished − 1 not at caseness) = 100 %.
    assert measures["recovery"] == Rate(1, 1, Decimal("100.0"))
    # Reliable improvement over all finished: 17 → 6 (fall 11 >= 6) and GAD-7 7 → 3 (fall 4 >= 4): 2 / 2.
    assert measures["reliable_improvement"] == Rate(2, 2, Decimal("100.0"))
    # Reliable recovery: recovered and improved, 1, over finished at caseness, 1 (§10 Q5 official).
    assert measures["reliable_recovery"] == Rate(1, 1, Decimal("100.0"))
    assert measures["reliable_deterioration"] == Rate(0, 2, Decimal("0.0"))
    assert measures["no_reliable_change"] == Rate(0, 2, Decimal("0.0"))
    # Both finished courses waited 11 days (1 → 12 Oct) for first treatment.
    assert measures["waited_6_weeks"] == Rate(2, 2, Decimal("100.0"))
    assert measures["waited_18_weeks"] == Rate(2, 2, Decimal("100.0"))
    assert measures["paired_scores"] == Rate(2, 2, Decimal("100.0"))
    # Second treatment in October: the two finished courses (12 → 19 Oct, 7 days).
    assert measures["first_to_second_over_90_days"] == Rate(0, 2, Decimal("0.0"))
    # Appointments with an outcome: 1 DNA + 1 + 2 + 3 + 3 attended = 10; 1 DNA = 10 %.
    assert measures["dna"] == Rate(1, 10, Decimal("10.0"))
    assert measures["patient_cancellation"] == Rate(0, 10, Decimal("0.0"))


@pytest.mark.django_db
def test_reliable_recovery_denominator_setting(settings, october):
    # §10 Q5 alternative: over every finished course, 1 / 2.
    settings.OUTCOMES_RELIABLE_RECOVERY_DENOMINATOR = "finished"
    assert figures()["reliable_recovery"] == Rate(1, 2, Decimal("50.0"))


@pytest.mark.django_db
def test_publication_mode(october):
    measures = figures(publication=True)
    assert measures["referrals_received"] == Count(5)  # 5 stays 5
    assert measures["ended_not_seen"] == Count(None)  # 1 suppressed
    assert measures["dna"] == Rate(None, 10, None)  # 1 DNA suppressed, so no rate
    assert measures["recovery"] == Rate(None, None, None)


@pytest.mark.django_db
def test_period_edges(pwp, patient, team):
    # Received on 30 Sep, 1 Oct, 31 Oct and 1 Nov: only the middle two are received in October.
    for received in (day(9, 30), day(10, 1), day(10, 31), day(11, 1)):
        new_referral(patient, team, pwp, received=received)
    assert figures()["referrals_received"] == Count(2)


@pytest.mark.django_db
def test_ended_after_the_period_is_not_ended_in_it(pwp, referral):
    finished_course(pwp, referral)  # discharged 20 Oct
    assert figures(end=day(10, 19))["ended"] == Count(0)
    assert outcomes_report(day(10, 21), day(10, 31)).groups == []  # not open in the period at all
    assert figures(start=day(10, 20), end=day(10, 20))["finished_course"] == Count(1)


@pytest.mark.django_db
@pytest.mark.parametrize(("received", "six", "eighteen"), [
    ((8, 31), 1, 1), ((8, 30), 0, 1), ((6, 8), 0, 1), ((6, 7), 0, 0),
])  # fmt: skip
def test_waits_to_first_treatment(pwp, patient, team, received, six, eighteen):
    # First treatment 12 Oct: received 31 Aug is 42 days (<= 42: within 6 weeks, §3), 30 Aug is 43 (not);
    # 8 Jun is 126 (within 18 weeks), 7 Jun is 127 (not).
    finished_course(pwp, new_referral(patient, team, pwp, received=day(*received)))
    measures = figures()
    assert (measures["waited_6_weeks"].numerator, measures["waited_18_weeks"].numerator) == (six, eighteen)
    assert measures["waited_6_weeks"].denominator == 1


@pytest.mark.django_db
def test_first_to_second_waits_over_90_days(pwp, patient, team):
    # First treatment on 1 Jul for both; second on 29 Sep (90 days: not over) and 30 Sep (91: over).
    # Reported for September, the month of the second treatment (§3): 1 of 2.
    for hour, second in ((10, day(9, 29)), (11, day(9, 30))):
        referral = new_referral(patient, team, pwp, received=day(6, 1))
        assess(pwp, referral, at(6, 20, hour))
        treat(pwp, referral, at(7, 1, hour), at(second.month, second.day, hour))
    assert figures(start=day(9, 1), end=day(9, 30))["first_to_second_over_90_days"] == Rate(1, 2, Decimal("50.0"))


@pytest.mark.django_db
def test_cancellation_rates(pwp, referral):
    assess(pwp, referral, at(10, 5))
    treat(pwp, referral, at(10, 12), attendance=AttendOrDNACode.CANCELLED_BY_PATIENT)
    treat(pwp, referral, at(10, 13), attendance=AttendOrDNACode.CANCELLED_BY_SERVICE)
    treat(pwp, referral, at(10, 14), at(10, 15))
    treat(pwp, referral, at(11, 2), attendance=AttendOrDNACode.CANCELLED_BY_SERVICE)  # November: not counted
    treat(pwp, referral, at(10, 28), attendance=None)  # no outcome recorded: not counted
    measures = figures()
    # October appointments with an outcome: 5 (assessment, two cancelled, two attended).
    assert measures["patient_cancellation"] == Rate(1, 5, Decimal("20.0"))
    assert measures["service_cancellation"] == Rate(1, 5, Decimal("20.0"))
    assert measures["dna"] == Rate(0, 5, Decimal("0.0"))


@pytest.mark.django_db
def test_by_team_and_pwp(service, team, pwp, patient, referral):
    east = builders.make_team(service, name="East team", code="EAST")
    other = builders.make_staff(service, Role.PWP, teams=[east], first_name="Omar", last_name="Other")
    finished_course(pwp, referral)
    finished_course(other, new_referral(patient, east, other), hour=11)
    builders.make_referral(patient, east, pwp, practitioner=None)  # not allocated
    by_team = {
        group.code: group.measures["referrals_received"].value for group in outcomes_report(*OCTOBER, by="team").groups
    }
    assert by_team == {team.code: 1, "EAST": 2}
    report = outcomes_report(*OCTOBER, by="pwp")
    by_pwp = {group.name: group.measures["finished_course"].value for group in report.groups}
    assert by_pwp == {"Not allocated": 0, "Omar Other": 1, "Priya Shah": 1}
    # A PWP's DNA rate counts the appointments they held: 3 each.
    assert {group.name: group.measures["dna"].denominator for group in report.groups} == {
        "Not allocated": 0, "Omar Other": 3, "Priya Shah": 3,
    }  # fmt: skip


@pytest.mark.django_db
def test_only_the_referrals_given(service, pwp, referral, other_patient, other_team, other_pwp):
    finished_course(pwp, referral)
    finished_course(other_pwp, new_referral(other_patient, other_team, other_pwp))
    (group,) = outcomes_report(*OCTOBER, referrals=Referral.objects.filter(patient__service=service)).groups
    assert (group.code, group.measures["finished_course"]) == (service.ods_code, Count(1))


def test_unknown_grouping_is_refused():
    with pytest.raises(ValueError, match="by must be one of service, team, pwp"):
        outcomes_report(*OCTOBER, by="region")


@pytest.mark.django_db
def test_the_rules_used_are_reported(settings):
    settings.OUTCOMES_DETERIORATION_RULE = "not_mixed"
    report = outcomes_report(datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))
    assert report.rules["OUTCOMES_DETERIORATION_RULE"] == "not_mixed"
    assert report.groups == []


# --- The pieces the dashboards use -------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_figure_counts_its_cohorts(october):
    # The drill-downs list cohorts(): each count and each rate's numerator and denominator is its cohort's size.
    rules = outcome_rules.current()
    outcomes = derive_period(*OCTOBER, rules=rules)
    groups = cohorts(outcomes, *OCTOBER, rules)
    measures = measures_for(outcomes, {}, *OCTOBER, rules)
    for name in COUNT_MEASURES:
        assert measures[name] == Count(len(groups[name])), name
    for name, (numerator, denominator) in RATE_COHORTS.items():
        assert (measures[name].numerator, measures[name].denominator) == (
            len(groups[numerator]), len(groups[denominator]),
        ), name  # fmt: skip
    assert [outcome.referral_id for outcome in groups["recovery"]] == [
        outcome.referral_id for outcome in groups["finished_at_caseness"]
    ]  # the one finished at caseness recovered


@pytest.mark.django_db
def test_measures_for_leave_out_what_is_not_in_the_period(october):
    rules = outcome_rules.current()
    outcomes = derive_period(*OCTOBER, rules=rules)
    november = measures_for(outcomes, {}, day(11, 1), day(11, 30), rules)
    assert november["referrals_received"] == Count(0)
    assert november["recovery"] == Rate(0, 0, None)


@pytest.mark.django_db
@pytest.mark.parametrize("by", ["service", "team", "pwp"])
def test_appointment_rates_count_the_local_days_of_the_period(pwp, referral, by):
    assess(pwp, referral, at(9, 1))
    treat(pwp, referral, at(9, 30, 23, 30))  # 23:30 BST on 30 September: September
    treat(pwp, referral, at(10, 1, 0, 30), attendance=AttendOrDNACode.DID_NOT_ATTEND)  # 00:30 BST, 1 October
    treat(pwp, referral, at(10, 31, 23, 30))  # 23:30 GMT on 31 October: October
    treat(pwp, referral, at(11, 1, 0, 30), attendance=AttendOrDNACode.DID_NOT_ATTEND)  # November
    (group,) = outcomes_report(*OCTOBER, by=by).groups
    assert group.measures["dna"] == Rate(1, 2, Decimal("50.0"))


@pytest.mark.django_db
def test_appointment_counts_by_day(pwp, referral):
    assess(pwp, referral, at(10, 5))
    treat(pwp, referral, at(10, 12), attendance=AttendOrDNACode.DID_NOT_ATTEND)
    treat(pwp, referral, at(10, 31, 23, 30))  # 23:30 on 31 Oct (GMT) is still 31 Oct locally
    counts = daily_attendance_counts(appointments_of(None), *OCTOBER)
    assert counts == {
        day(10, 5): {AttendOrDNACode.ATTENDED: 1},
        day(10, 12): {AttendOrDNACode.DID_NOT_ATTEND: 1},
        day(10, 31): {AttendOrDNACode.ATTENDED: 1},
    }


@pytest.mark.django_db
def test_appointment_counts_by_group_and_day_add_up_to_the_others(october, service, pwp):
    appointments = appointments_of(None)
    by_pwp = attendance_counts_by_group_and_day(appointments, *OCTOBER, "pwp")
    assert set(by_pwp) == {pwp.pk}
    assert by_pwp[pwp.pk] == daily_attendance_counts(appointments, *OCTOBER)
    summed = {}
    for codes in by_pwp[pwp.pk].values():
        for code, number in codes.items():
            summed[code] = summed.get(code, 0) + number
    assert summed == attendance_counts(appointments, *OCTOBER, "pwp")[pwp.pk]
    assert attendance_counts_by_group_and_day(appointments, *OCTOBER, None)[None] == by_pwp[pwp.pk]
