"""National figures and targets the dashboards draw as reference lines, each with its source.

Every value here is from the domain reference (/work/shared/domain/talking-therapies.md) and cites its
section; values the reference marks unsourced or from a secondary source say so in their `source`, so the
page can say so too (§10 Q9: verify the planning targets against the NHS England documents).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Reference:
    percent: Decimal
    label: str  # short, drawn next to the line: "England 2024-25"
    source: str  # shown under the chart
    verified: bool = True  # False: unsourced or from a secondary source (§10 Q9)


# England 2024-25, [NHSE-ANNUAL-DATA] (domain reference §1.4). Recovery checked in test_national.py:
# 321,061 / (670,419 − 35,234) = 50.5 %.
_ANNUAL_2024_25 = "NHS England annual data 2024-25 (domain reference §1.4)"
# The reference has no 2024-25 annual figure for waits; the monthly statistics for April 2025 are the only
# national waits it gives ([MONTHLY-APR25], domain reference §9), so they are drawn, named as April 2025.
_MONTHLY_APRIL_2025 = "NHS England monthly statistics, April 2025 (domain reference §9); no 2024-25 annual figure"

NATIONAL = {
    "recovery": Reference(Decimal("50.5"), "England 2024-25", _ANNUAL_2024_25),
    "reliable_improvement": Reference(Decimal("67.5"), "England 2024-25", _ANNUAL_2024_25),
    "reliable_recovery": Reference(Decimal("47.5"), "England 2024-25", _ANNUAL_2024_25),
    "reliable_deterioration": Reference(Decimal("5.8"), "England 2024-25", _ANNUAL_2024_25),
    "waited_6_weeks": Reference(Decimal("90.3"), "England Apr 2025", _MONTHLY_APRIL_2025),
    "waited_18_weeks": Reference(Decimal("98.5"), "England Apr 2025", _MONTHLY_APRIL_2025),
}


@dataclass(frozen=True)
class Target:
    since: datetime.date  # in force from this day until the next target for the measure
    reference: Reference


def _target(percent, label, source, verified=True):
    return Reference(Decimal(percent), label, source, verified)


_WAITS = "NHS England waiting-time standard (domain reference §3)"
_PLANNING_2024 = "2024/25 planning guidance, unsourced: verify (domain reference §3, §10 Q9)"
_PLANNING_2026 = "Medium Term Planning Framework 2026/27, from a secondary source: verify (domain reference §3, §10 Q9)"
_LONG_STANDING = datetime.date(2016, 7, 1)  # the 2016 standards (england.nhs.uk/2016/07, domain reference §3)
_YEAR_2024_25, _YEAR_2026_27 = datetime.date(2024, 4, 1), datetime.date(2026, 4, 1)

TARGETS = {
    "recovery": [
        Target(_LONG_STANDING, _target("50", "Target", "Long-standing standard: at least 50% (domain reference §3)")),
    ],
    "reliable_improvement": [
        Target(_YEAR_2024_25, _target("67", "Target", _PLANNING_2024, verified=False)),
        Target(_YEAR_2026_27, _target("69", "Target", _PLANNING_2026, verified=False)),
    ],
    "reliable_recovery": [
        Target(_YEAR_2024_25, _target("48", "Target", _PLANNING_2024, verified=False)),
        Target(_YEAR_2026_27, _target("51", "Target", _PLANNING_2026, verified=False)),
    ],
    "waited_6_weeks": [Target(_LONG_STANDING, _target("75", "Target", _WAITS))],
    "waited_18_weeks": [Target(_LONG_STANDING, _target("95", "Target", _WAITS))],
    # No national target for reliable deterioration (domain reference §3 lists none).
}


def national(measure):
    """The national figure for a measure, or None."""
    return NATIONAL.get(measure)


def target(measure, on):
    """The target in force on a day (the dashboards ask for today's), or None."""
    in_force = [entry for entry in TARGETS.get(measure, ()) if entry.since <= on]
    return max(in_force, key=lambda entry: entry.since).reference if in_force else None
