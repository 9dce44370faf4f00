"""Reporting periods: whole days in the service's local time (Europe/London), both ends included."""

import datetime

from django.utils import timezone


def day_bounds(day):
    """(start, end) of a local day as aware datetimes: end is the next day's midnight, so use < end."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    end = timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))
    return start, end


def open_in_period(referrals, start, end):
    """Referrals open at some time in the period: received on or before its last day, and not discharged
    before its first day. The per-referral output and the aggregates both start from these."""
    return referrals.filter(received_date__lte=end).exclude(discharge__discharge_date__lt=start)
