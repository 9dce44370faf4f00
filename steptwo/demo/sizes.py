"""How big each demo provider is. Referral volumes come from the domain reference §9."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    name: str
    teams: int
    pwps_per_team: int
    trainees_per_team: int
    high_intensity_per_team: int
    admins_per_team: int  # besides the `admin` persona, who books for every team
    referrals_per_year: int
    years: int
    supervisors_per_team: int = 1  # each supervises a share of the team's PWPs and trainees
    # Questionnaire responses only for referrals open at some time in the last this many months (None: all).
    measures_months: int | None = None

    @property
    def referrals(self):
        return self.referrals_per_year * self.years

    @property
    def days(self):
        return 365 * self.years


SIZES = {
    size.name: size
    for size in (
        # Enough for tests and a click-through demo: about 200 patients.
        Size("small", teams=2, pwps_per_team=2, trainees_per_team=1, high_intensity_per_team=1,
             admins_per_team=0, referrals_per_year=220, years=1),
        # A median provider: 8,825 referrals a year in 2024-25. One supervisor a team, to 6 PWPs and 2 trainees.
        # High-intensity therapists: enough to see the referrals stepped up to them (~4 sessions a day each).
        Size("medium", teams=4, pwps_per_team=6, trainees_per_team=2, high_intensity_per_team=4,
             admins_per_team=1, referrals_per_year=9_000, years=5),
        # England's largest provider: Norfolk & Suffolk, 64,470 referrals in 2024-25.
        # Three supervisors a team: one to 7-8 PWPs and trainees, as services staff case-management supervision.
        Size("large", teams=8, pwps_per_team=20, trainees_per_team=3, high_intensity_per_team=14,
             admins_per_team=3, referrals_per_year=60_000, years=5, supervisors_per_team=3,
             # Questionnaires only for the referrals open in the last 18 months: all five years would be
             # ~3M responses and ~28M item answers (about 10 minutes and 2.5 GB more on SQLite). 18 months
             # still cover every open caseload and every course that ends in the last year, from its
             # first score to its last, at England's biggest provider.
             measures_months=18),
    )
}  # fmt: skip
