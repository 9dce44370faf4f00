"""LocalDate's shortcut on SQLite (which UTC hours keep their date in the service's time zone), local date
ranges as ranges of stored times, and InIds."""

import datetime

import pytest
from django.db.models import F, Value

from steptwo.appointments.codes import AppType
from steptwo.appointments.models import Appointment
from steptwo.letters.tests.pathway import contact
from steptwo.outcomes.derivation import derive
from steptwo.outcomes.sql import (
    InIds,
    LocalDate,
    LocalDateOnOrAfter,
    LocalDateOnOrBefore,
    _last_safe_utc_hour,
    on_local_days,
)
from steptwo.outcomes.tests.histories import assess, at, finished_course, new_referral
from steptwo.referrals.models import Referral
from steptwo.tests import builders


@pytest.mark.parametrize(
    ("zone", "last_hour"),
    [
        ("UTC", 23),  # never moves
        ("Europe/London", 22),  # +1 in summer: 23:00 UTC is the next day's 00:00
        ("Europe/Berlin", 21),  # +2 in summer
        ("America/New_York", None),  # west of UTC: early UTC hours are the day before
        ("Asia/Kolkata", None),  # +5:30, not whole hours
    ],
)
def test_last_safe_utc_hour(zone, last_hour):
    assert _last_safe_utc_hour(zone) == last_hour


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("starts_at", "inside"),
    [
        (datetime.datetime(2026, 3, 31, 23, 0, tzinfo=datetime.UTC), True),  # 1 April 00:00 BST: the first day
        (datetime.datetime(2026, 3, 31, 22, 59, tzinfo=datetime.UTC), False),  # 31 March 23:59 BST
        (datetime.datetime(2026, 4, 30, 22, 59, tzinfo=datetime.UTC), True),  # 30 April 23:59 BST: the last day
        (datetime.datetime(2026, 4, 30, 23, 0, tzinfo=datetime.UTC), False),  # 1 May 00:00 BST
    ],
)
def test_on_local_days_is_the_local_date_range(pwp, referral, starts_at, inside):
    appointment = contact(pwp, referral, starts_at, AppType.ASSESSMENT)
    in_range = Appointment.objects.filter(
        on_local_days("starts_at", datetime.date(2026, 4, 1), datetime.date(2026, 4, 30))
    )
    by_local_date = Appointment.objects.annotate(day=LocalDate("starts_at")).filter(
        day__gte=datetime.date(2026, 4, 1), day__lte=datetime.date(2026, 4, 30)
    )
    assert (appointment in in_range, appointment in by_local_date) == (inside, inside)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("starts_at", "after_received", "by_10_october"),
    [
        (datetime.datetime(2026, 9, 30, 22, 59, tzinfo=datetime.UTC), False, True),  # 30 September 23:59 BST
        (datetime.datetime(2026, 9, 30, 23, 0, tzinfo=datetime.UTC), True, True),  # 1 October 00:00 BST
        (datetime.datetime(2026, 10, 9, 23, 30, tzinfo=datetime.UTC), True, True),  # 10 October 00:30 BST
        (datetime.datetime(2026, 10, 10, 22, 59, tzinfo=datetime.UTC), True, True),  # 10 October 23:59 BST
        (datetime.datetime(2026, 10, 10, 23, 0, tzinfo=datetime.UTC), True, False),  # 11 October 00:00 BST
    ],
)
def test_local_date_bounds_with_their_shortcut(pwp, referral, starts_at, after_received, by_10_october):
    # The referral fixture is received on 1 October 2026; British Summer Time (UTC+1) until 25 October.
    appointment = contact(pwp, referral, starts_at, AppType.ASSESSMENT)
    day = LocalDate("starts_at")
    on_or_after = Appointment.objects.filter(LocalDateOnOrAfter(day, F("referral__received_date")))
    on_or_before = Appointment.objects.filter(LocalDateOnOrBefore(day, Value(datetime.date(2026, 10, 10))))
    assert (appointment in on_or_after, appointment in on_or_before) == (after_received, by_10_october)


@pytest.mark.django_db
@pytest.mark.parametrize("chosen", [[], [0], [0, 2], [0, 1, 2]])
def test_in_ids_is_the_same_as_in(patient, team, pwp, chosen):
    referrals = [builders.make_referral(patient, team, pwp) for _ in range(3)]
    ids = [referrals[index].pk for index in chosen]
    assert sorted(Referral.objects.filter(InIds("pk", ids)).values_list("pk", flat=True)) == ids
    assert list(Referral.objects.exclude(InIds("pk", ids)).filter(pk__in=ids)) == []


@pytest.mark.django_db
def test_derive_takes_a_list_of_ids_as_it_takes_a_queryset(pwp, patient, team):
    referral = finished_course(pwp, new_referral(patient, team, pwp))
    other = new_referral(patient, team, pwp)
    assess(pwp, other, at(10, 6))
    by_queryset = derive(Referral.objects.all(), scores_for=Referral.objects.filter(pk=referral.pk))
    assert derive([referral.pk, other.pk], scores_for=[referral.pk]) == by_queryset
    assert by_queryset[0].phq9 is not None and by_queryset[1].phq9 is None
