"""Reporting periods: whole days in the service's local time (Europe/London), both ends included."""


def open_in_period(referrals, start, end):
    """Referrals open at some time in the period: received on or before its last day, and not discharged
    before its first day. The per-referral output and the aggregates both start from these."""
    return referrals.filter(received_date__lte=end).exclude(discharge__discharge_date__lt=start)
