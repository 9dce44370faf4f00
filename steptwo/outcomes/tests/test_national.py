"""National figures and targets (domain reference §1.4, §3, §9, §10 Q9)."""

import datetime
from decimal import Decimal

from steptwo.outcomes import national
from steptwo.outcomes.aggregates import recovery_rate


def test_national_recovery_line_is_the_published_arithmetic():
    # §1.4: 321,061 / (670,419 − 35,234) = 50.5 %; the line drawn is that figure.
    assert recovery_rate(recovered=321_061, finished=670_419, not_caseness=35_234).percent == Decimal("50.5")
    assert national.national("recovery").percent == Decimal("50.5")


def test_national_2024_25_figures():
    figures = {measure: national.national(measure).percent for measure in national.NATIONAL}
    assert figures == {
        "recovery": Decimal("50.5"), "reliable_improvement": Decimal("67.5"), "reliable_recovery": Decimal("47.5"),
        "reliable_deterioration": Decimal("5.8"), "waited_6_weeks": Decimal("90.3"), "waited_18_weeks": Decimal("98.5"),
    }  # fmt: skip
    assert "§1.4" in national.national("recovery").source
    assert "April 2025" in national.national("waited_6_weeks").source  # not an annual 2024-25 figure


def test_waiting_time_targets_are_75_and_95_percent():
    today = datetime.date(2026, 11, 23)
    assert national.target("waited_6_weeks", today).percent == Decimal(75)
    assert national.target("waited_18_weeks", today).percent == Decimal(95)
    assert national.target("recovery", today).percent == Decimal(50)


def test_planning_targets_change_with_the_year_and_are_marked_unverified():
    assert national.target("reliable_improvement", datetime.date(2026, 3, 31)).percent == Decimal(67)
    assert national.target("reliable_improvement", datetime.date(2026, 4, 1)).percent == Decimal(69)
    assert national.target("reliable_recovery", datetime.date(2026, 4, 1)).percent == Decimal(51)
    assert not national.target("reliable_recovery", datetime.date(2026, 4, 1)).verified
    assert "§10 Q9" in national.target("reliable_recovery", datetime.date(2026, 4, 1)).source


def test_no_target_before_one_existed_or_for_deterioration():
    assert national.target("reliable_improvement", datetime.date(2024, 3, 31)) is None
    assert national.target("reliable_deterioration", datetime.date(2026, 11, 23)) is None
    assert national.national("dna") is None
