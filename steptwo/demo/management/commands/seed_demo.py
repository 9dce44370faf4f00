"""manage.py seed_demo: fill an empty database with a synthetic NHS Talking Therapies provider."""

import datetime
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from steptwo.demo import letters, sign_ins
from steptwo.demo.build import build_demo
from steptwo.demo.sizes import SIZES
from steptwo.organisations.models import Service


class Command(BaseCommand):
    help = (
        "Fill an empty database with a synthetic NHS Talking Therapies provider: one service, its teams, "
        "staff in every role, patients, referrals at every stage of the pathway (triage, waiting list, "
        "assessment, treatment, step-up, discharge) with their appointments, assessments, risk assessments, "
        "session notes, tasks and session-by-session questionnaires, and half a year of case-management and "
        "clinical-skills supervision with case discussions and actions. "
        "The same --size, --seed and --anchor always give the same data. Refuses to run in production, or when the database already has a service."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=list(SIZES), default="small",
                            help="small: about 200 patients; medium: a median provider, 9,000 referrals a year "
                                 "for 5 years; large: the biggest provider, 60,000 a year for 5 years "
                                 "(questionnaires only for the referrals open in the last 18 months)")  # fmt: skip
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1)")
        parser.add_argument("--anchor", type=datetime.date.fromisoformat, default=None,
                            help="The demo's 'today', YYYY-MM-DD: every event happens before it (default today)")  # fmt: skip
        parser.add_argument("--letters", type=int, default=letters.RECENT_DISCHARGES,
                            help="Render discharge letters (PDF) for this many of the newest discharges "
                                 f"(default {letters.RECENT_DISCHARGES}; each pair takes about half a second)")  # fmt: skip
        parser.add_argument("--if-empty", action="store_true",
                            help="If the database already has a service, do nothing (and still print the sign-ins)")  # fmt: skip

    def handle(self, *args, size, seed, anchor, if_empty, verbosity, letters, **options):
        if settings.IS_PRODUCTION:
            raise CommandError(
                "seed_demo makes made-up patients and never runs in production (STEPTWO_ENV=production)."
            )
        if Service.objects.exists():
            if not if_empty:
                raise CommandError(
                    "The database already has a service, so seed_demo will not add demo data to it. "
                    "Use a new, empty database, or --if-empty to leave existing data alone."
                )
            self.stdout.write("The database already has data: nothing added.\n")
        else:
            self._seed(size, seed, anchor, verbosity, letters)
        self.stdout.write(sign_ins.text())

    def _seed(self, size, seed, anchor, verbosity, letters):
        started = time.monotonic()
        progress = self._progress if verbosity >= 2 else None
        counts = build_demo(size, seed, anchor=anchor, progress=progress, letters=letters)
        rows = ", ".join(f"{name.replace('_', ' ')}: {count:,}" for name, count in counts.items())
        self.stdout.write(
            f"Seeded a {size} demo provider (seed {seed}). Rows: {rows}. Took {time.monotonic() - started:.1f} s.\n"
        )

    def _progress(self, counts):
        self.stderr.write(
            f"  {counts['patients']:,} patients, {counts['referrals']:,} referrals, "
            f"{counts['questionnaire_responses']:,} questionnaire responses written"
        )
