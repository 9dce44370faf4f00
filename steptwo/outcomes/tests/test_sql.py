"""LocalDate's shortcut on SQLite: which UTC hours keep their date in the service's time zone."""

import pytest

from steptwo.outcomes.sql import _last_safe_utc_hour


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
