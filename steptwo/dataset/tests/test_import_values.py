"""Reading single data-set values (importing/values.py)."""

import datetime
from decimal import Decimal

import pytest

from steptwo.dataset.importing import values
from steptwo.measures import instruments

LONDON = datetime.timezone(datetime.timedelta(hours=1))


def test_timestamps_keep_their_offset_and_local_time_is_assumed_without_one():
    assert values.timestamp("2026-05-18T10:05:00+01:00") == datetime.datetime(2026, 5, 18, 9, 5, tzinfo=datetime.UTC)
    assert values.timestamp("2026-01-26T10:05:00Z") == datetime.datetime(2026, 1, 26, 10, 5, tzinfo=datetime.UTC)
    # No offset: Europe/London, in summer time on 18 May
    assert values.timestamp("2026-05-18T10:05:00") == datetime.datetime(2026, 5, 18, 10, 5, tzinfo=LONDON)


@pytest.mark.parametrize("text", ["2026-05-18", "18/05/2026 10:05", "2026-05-18T25:00:00"])
def test_a_date_or_a_malformed_time_is_not_a_timestamp(text):
    with pytest.raises(values.Invalid):
        values.timestamp(text)


@pytest.mark.parametrize("text", ["2026-1-5", "05/01/2026", "2026-02-29", "20260105"])
def test_dates_must_be_iso(text):
    with pytest.raises(values.Invalid, match="is not a date in the form YYYY-MM-DD"):
        values.date(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("F41.1", ("ICD-10", "F41.1")), ("F411", ("ICD-10", "F41.1")), ("f42", ("ICD-10", "F42")),
     ("83482000", ("SNOMED CT", "83482000"))],
)  # fmt: skip
def test_problem_descriptors(text, expected):
    assert values.problem_descriptor(text) == expected


@pytest.mark.parametrize("text", ["F4", "anxiety", "0123456", "F41.123"])
def test_what_is_not_a_problem_descriptor(text):
    with pytest.raises(values.Invalid):
        values.problem_descriptor(text)


def test_scores_are_whole_in_range_unless_the_measure_scores_a_mean():
    phq9, mi_alone = instruments.get("phq9"), instruments.get("mi_alone")
    assert values.score("27", phq9) == Decimal(27)
    assert values.score("2.30", mi_alone) == Decimal("2.3")
    with pytest.raises(values.Invalid, match="PHQ-9 totals are whole numbers"):
        values.score("9.5", phq9)
    with pytest.raises(values.Invalid, match="at most two decimal places"):
        values.score("2.305", mi_alone)
    with pytest.raises(values.Invalid, match="outside the"):
        values.score("0.5", mi_alone)
    with pytest.raises(values.Invalid, match="is not a number"):
        values.score("ten", phq9)


def test_nhs_numbers_must_pass_the_check_digit():
    assert values.nhs("9990000042") == "9990000042"
    with pytest.raises(values.Invalid):
        values.nhs("9990000043")


def test_a_contact_time_in_the_repeated_hour_of_the_autumn_clock_change_is_read_as_the_first():
    # 25 Oct 2026: 01:30 happens in BST then in GMT; the data set has no offset, so the first is taken.
    starts_at = values.local_datetime(datetime.date(2026, 10, 25), datetime.time(1, 30))
    # (an ambiguous time never compares equal across zones, PEP 495: compare it in UTC)
    assert starts_at.astimezone(datetime.UTC) == datetime.datetime(2026, 10, 25, 0, 30, tzinfo=datetime.UTC)
    assert starts_at.utcoffset() == datetime.timedelta(hours=1)
