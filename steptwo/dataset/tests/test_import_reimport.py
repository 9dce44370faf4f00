"""Importing again, and rows that are the same row however written (importing/validation.py, changes.py)."""

import pytest

from steptwo.dataset.tests.test_import import (
    PHQ9_CODE,
    counts,
    refused,
    with_rows,
    write_files,
)

pytestmark = pytest.mark.django_db

REFERRAL_SCORES = "IDS606CodedScoreAssessmentRefer.csv"


def test_the_same_score_moment_written_with_two_offsets_is_a_duplicate(tmp_path, service, team, pwp):
    scores = [f"R1,{PHQ9_CODE},17,2026-01-12T10:05:00+00:00", f"R1,{PHQ9_CODE},15,2026-01-12T10:05:00Z"]
    before = counts()
    problems = refused(write_files(tmp_path, with_rows(IDS606CodedScoreAssessmentRefer=scores)), service, team, pwp)
    assert [(p.file, p.row, p.column, p.message) for p in problems] == [
        (
            REFERRAL_SCORES,
            3,
            "",
            "Duplicate ServiceRequestId, CodedAssToolType, AssToolCompTimestamp: row 2 has the same",
        )
    ]
    assert counts() == before


def test_a_score_row_repeated_word_for_word_is_reported_once(tmp_path, service, team, pwp):
    scores = [f"R1,{PHQ9_CODE},17,2026-01-12T10:05:00+00:00"] * 2
    problems = refused(write_files(tmp_path, with_rows(IDS606CodedScoreAssessmentRefer=scores)), service, team, pwp)
    assert [(p.file, p.row) for p in problems] == [(REFERRAL_SCORES, 3)]
