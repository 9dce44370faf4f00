"""Saving the assessment as it goes: optimistic concurrency, goals, and no changes once completed."""

import pytest

from steptwo.assessments import services
from steptwo.assessments.codes import Decision, EmploymentStatus, PsychotropicMedication
from steptwo.core.errors import NotAllowed, StaleEditError

pytestmark = pytest.mark.django_db


def test_saving_writes_the_fields_and_goals_and_bumps_the_version(pwp, assessment):
    services.save_assessment(
        by=pwp, assessment=assessment, expected_version=1, what="Stays in bed", why_now="Partner worried",
        medication=PsychotropicMedication.PRESCRIBED_TAKING, employment_status=EmploymentStatus.UNEMPLOYED_SEEKING_WORK,
        goals=[("Walk three times a week", 2), ("See a friend each week", 0)],
    )  # fmt: skip

    assessment.refresh_from_db()
    assert (assessment.what, assessment.medication, assessment.employment_status) == ("Stays in bed", "02", "02")
    assert [(goal.description, goal.rating, goal.position) for goal in assessment.goals.all()] == [
        ("Walk three times a week", 2, 0), ("See a friend each week", 0, 1),
    ]  # fmt: skip
    assert assessment.version == 2


def test_saving_goals_again_replaces_them(pwp, assessment):
    services.save_assessment(by=pwp, assessment=assessment, expected_version=1, goals=[("Walk", 2), ("Sleep", 3)])
    services.save_assessment(by=pwp, assessment=assessment, expected_version=2, goals=[("Sleep better", 4)])

    assert [(goal.description, goal.rating) for goal in assessment.goals.all()] == [("Sleep better", 4)]


def test_an_edit_based_on_an_old_version_is_refused_and_changes_nothing(pwp, assessment):
    services.save_assessment(by=pwp, assessment=assessment, expected_version=1, what="First save")

    with pytest.raises(StaleEditError):
        services.save_assessment(by=pwp, assessment=assessment, expected_version=1, what="Late save", goals=[("A", 1)])
    assessment.refresh_from_db()
    assert assessment.what == "First save"
    assert not assessment.goals.exists()


@pytest.mark.parametrize(
    "goals,message",
    [
        ([("Walk", 11)], "^Rate goal 1 from 0 to 10$"),
        ([("Walk", 2), ("Sleep", -1)], "^Rate goal 2 from 0 to 10$"),
        ([("Walk", 2), ("  ", 3)], "^Describe goal 2$"),
        ([(f"Goal {n}", 5) for n in range(6)], "^Agree up to 5 goals$"),
    ],
)
def test_goals_need_a_description_and_a_rating_from_0_to_10(pwp, assessment, goals, message):
    with pytest.raises(NotAllowed, match=message):
        services.save_assessment(by=pwp, assessment=assessment, expected_version=1, goals=goals)


def test_ratings_0_and_10_are_allowed(pwp, assessment):
    services.save_assessment(by=pwp, assessment=assessment, expected_version=1, goals=[("A", 0), ("B", 10)])

    assert [goal.rating for goal in assessment.goals.all()] == [0, 10]


def test_unknown_fields_are_a_programming_error(pwp, assessment):
    with pytest.raises(TypeError, match="decision"):
        services.save_assessment(by=pwp, assessment=assessment, expected_version=1, decision="treat")


def test_a_completed_assessment_cannot_be_saved(pwp, ready_assessment):
    services.complete_assessment(
        by=pwp, assessment=ready_assessment, expected_version=ready_assessment.version,
        decision=Decision.DECLINED, reason="Wants to wait until after moving house",
    )  # fmt: skip

    with pytest.raises(NotAllowed, match="^This assessment was completed on .*: it can no longer be changed$"):
        services.save_assessment(
            by=pwp, assessment=ready_assessment, expected_version=ready_assessment.version, what="x"
        )
