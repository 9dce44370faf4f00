"""Display formatting shared by templates and presenters."""

import datetime

from django.utils import timezone


def format_nhs_number(value):
    """Show an NHS number as 3-3-4 digits ("943 476 5919"); anything else unchanged."""
    if not value:
        return ""
    digits = str(value)
    if len(digits) != 10 or not digits.isdigit():
        return digits
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def format_date(value):
    """NHS style: 4 March 2026."""
    if not value:
        return ""
    return f"{value.day} {value:%B %Y}"


def format_datetime(value):
    """NHS style: 4 March 2026 at 2:05pm, in the service's local time."""
    if not value:
        return ""
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    return f"{format_date(local)} at {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


def age_on(date_of_birth, today=None):
    """Age in whole years on a given day (today by default)."""
    if not date_of_birth:
        return None
    today = today or datetime.date.today()
    had_birthday = (today.month, today.day) >= (date_of_birth.month, date_of_birth.day)
    return today.year - date_of_birth.year - (0 if had_birthday else 1)


def format_score(value):
    """A score without trailing zeros: 10.00 → "10", 2.30 → "2.3"."""
    if value is None:
        return ""
    return f"{value.normalize():f}"
