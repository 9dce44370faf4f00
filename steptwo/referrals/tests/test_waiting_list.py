"""Waiting-time arithmetic (domain reference §3, [NHSE-META-M] M036) and the waiting list's query."""

import datetime

import pytest
from django.utils import timezone

from steptwo.appointments.codes import AppType, AttendOrDNACode
from steptwo.appointments.tests.make import assess, attend, book, days_from_now, discharge
from steptwo.referrals import services as referrals
from steptwo.referrals import waiting_list
from steptwo.referrals.codes import ReferralStatus
from steptwo.referrals.models import Referral
from steptwo.tests import builders

JAN_1 = datetime.date(2026, 1, 1)


def day(n):
    """The day n days after 1 January 2026."""
    return JAN_1 + datetime.timedelta(days=n)


def test_first_treatment_on_day_42_is_within_6_weeks_and_day_43_is_not():
    assert waiting_list.within(JAN_1, day(42), waiting_list.SIX_WEEKS_DAYS)
    assert not waiting_list.within(JAN_1, day(43), waiting_list.SIX_WEEKS_DAYS)


def test_first_treatment_on_day_126_is_within_18_weeks_and_day_127_is_not():
    assert waiting_list.within(JAN_1, day(126), waiting_list.EIGHTEEN_WEEKS_DAYS)
    assert not waiting_list.within(JAN_1, day(127), waiting_list.EIGHTEEN_WEEKS_DAYS)


def test_target_dates_are_the_last_days_within_each_standard():
    assert waiting_list.target_date(JAN_1, 42) == datetime.date(2026, 2, 12)
    assert waiting_list.target_date(JAN_1, 126) == datetime.date(2026, 5, 7)


def test_booked_after_the_target_date_will_breach():
    assert waiting_list.breach(JAN_1, 42, today=day(10), booked=day(42)) is None
    assert waiting_list.breach(JAN_1, 42, today=day(10), booked=day(43)) == waiting_list.WILL_BREACH
    assert waiting_list.breach(JAN_1, 126, today=day(10), booked=day(127)) == waiting_list.WILL_BREACH
    assert waiting_list.breach(JAN_1, 42, today=day(10)) is None


def test_waiting_past_the_target_date_has_breached():
    assert waiting_list.breach(JAN_1, 42, today=day(42)) is None
    assert waiting_list.breach(JAN_1, 42, today=day(43), booked=day(50)) == waiting_list.BREACHED
    assert waiting_list.breach(JAN_1, 126, today=day(127)) == waiting_list.BREACHED


def test_days_waiting():
    assert waiting_list.days_waiting(JAN_1, day(43)) == 43


@pytest.mark.django_db
class TestWaitingQuery:
    def rows(self, user, team, **filters):
        waiting = waiting_list.waiting(Referral.objects.for_user(user), team=team)
        return list(waiting_list.filtered(waiting, waiting_list.Filters(**filters)))

    def test_lists_waiting_and_untreated_referrals_oldest_first(self, pwp, patient, team):
        newer = builders.make_referral(patient, team, pwp, received_date=datetime.date(2026, 10, 5))
        older = builders.make_referral(patient, team, pwp, received_date=datetime.date(2026, 9, 1))
        assessed = builders.make_referral(patient, team, pwp, received_date=datetime.date(2026, 9, 20))
        assess(assessed, by=pwp)

        assert self.rows(pwp, team) == [older, assessed, newer]

    def test_first_attended_treatment_takes_a_referral_off_the_list(self, pwp, referral, team):
        assess(referral, by=pwp)
        session = book(referral, by=pwp, starts_at=days_from_now(-1))
        assert self.rows(pwp, team) == [referral]

        attend(session, by=pwp)

        assert self.rows(pwp, team) == []

    def test_missed_treatment_and_attended_assessment_keep_it_on_the_list(self, pwp, referral, team):
        attend(book(referral, by=pwp, starts_at=days_from_now(-9), app_type=AppType.ASSESSMENT), by=pwp)
        assess(referral, by=pwp)
        attend(book(referral, by=pwp, starts_at=days_from_now(-2)), by=pwp, attendance=AttendOrDNACode.DID_NOT_ATTEND)

        assert self.rows(pwp, team) == [referral]

    def test_discharged_and_stepped_up_referrals_are_not_waiting(self, pwp, patient, team):
        discharge(builders.make_referral(patient, team, pwp), by=pwp)
        referrals.change_status(
            by=pwp, referral=builders.make_referral(patient, team, pwp), to=ReferralStatus.STEPPED_UP
        )

        assert self.rows(pwp, team) == []

    def test_booked_first_appointment_is_the_earliest_without_an_outcome(self, pwp, referral, team):
        cancelled = book(referral, by=pwp, starts_at=days_from_now(1), app_type=AppType.ASSESSMENT)
        attend(cancelled, by=pwp, attendance=AttendOrDNACode.CANCELLED_BY_SERVICE)
        later = book(referral, by=pwp, starts_at=days_from_now(9), app_type=AppType.ASSESSMENT)
        book(referral, by=pwp, starts_at=days_from_now(20), app_type=AppType.ASSESSMENT)

        [row] = self.rows(pwp, team)

        assert (row.booked_starts_at, row.booked_app_type) == (later.starts_at, AppType.ASSESSMENT)

    def test_filters(self, pwp, service, patient, team):
        other_pwp = builders.make_staff(service, teams=[team], first_name="Ola", last_name="Other")
        gp = builders.make_referral(patient, team, pwp)
        self_referred = builders.make_referral(patient, team, other_pwp, source="B1", practitioner=other_pwp)
        unallocated = builders.make_referral(patient, team, pwp, practitioner=None)
        referrals.record_presenting_complaint(
            by=pwp, referral=gp, code_system="ICD-10", code="F40.1", label="Social phobias"
        )
        assess(unallocated, by=pwp)

        assert self.rows(pwp, team, problem="F40.1") == [gp]
        assert self.rows(pwp, team, source="B1") == [self_referred]
        assert self.rows(pwp, team, practitioner=str(other_pwp.pk)) == [self_referred]
        assert self.rows(pwp, team, practitioner=waiting_list.NOT_ALLOCATED) == [unallocated]
        assert self.rows(pwp, team, waiting_for=("treatment",)) == [unallocated]
        assert set(self.rows(pwp, team, waiting_for=("assessment",))) == {gp, self_referred}

    def test_other_teams_and_services_are_left_out(self, pwp, service, patient, team, other_patient, other_pwp):
        builders.make_referral(patient, builders.make_team(service, name="South team"), pwp)
        other_team = other_pwp.teams.get()
        builders.make_referral(other_patient, other_team, other_pwp)

        assert self.rows(pwp, team) == []
        assert self.rows(pwp, other_team) == []


@pytest.mark.django_db
def test_row_flags_a_booking_after_the_6_week_date(pwp, patient, team):
    today = timezone.localdate()
    referral = builders.make_referral(patient, team, pwp, received_date=today - datetime.timedelta(days=10))
    book(referral, by=pwp, starts_at=days_from_now(40), app_type=AppType.ASSESSMENT)  # day 50
    annotated = waiting_list.waiting(Referral.objects.for_user(pwp), team=team).get()

    row = waiting_list.row(annotated, today)

    assert [flag.text for flag in row.flags] == ["Will breach 6 weeks"]
    assert (row.waiting_for, row.days_waiting) == ("assessment", 10)
    assert row.six_week_date == referral.received_date + datetime.timedelta(days=42)
    assert row.booked_type == "Assessment"
