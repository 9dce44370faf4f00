# ruff: noqa: INP001
"""Time `manage.py seed_demo` into a fresh, throwaway SQLite database and print the figures.

    .venv/bin/python bench/seed_demo.py --size large
    .venv/bin/python bench/seed_demo.py --size medium --seed 2 --db /tmp/medium.sqlite3

The database file is deleted first. Migrations run in a child process, so the peak memory
printed is Django's start-up plus the seeding alone.
"""

import argparse
import os
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

from _support import ROOT, cpu_seconds, peak_rss_mib


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="large", choices=["small", "medium", "large"])
    parser.add_argument("--seed", default="1")
    parser.add_argument("--anchor", help="YYYY-MM-DD (default: today)")
    parser.add_argument("--db", default="/tmp/steptwo-bench.sqlite3", help="deleted and recreated")
    args = parser.parse_args()

    database = Path(args.db).resolve()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.environ.update(STEPTWO_ENV="development", DATABASE_URL=f"sqlite:///{database}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "steptwo.settings")
    subprocess.run([sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, check=True)

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    options = ["--size", args.size, "--seed", args.seed] + (["--anchor", args.anchor] if args.anchor else [])
    rss_before = peak_rss_mib()
    cpu_before, started = cpu_seconds(), time.monotonic()
    call_command("seed_demo", *options, stdout=StringIO())
    wall, cpu = time.monotonic() - started, cpu_seconds() - cpu_before
    counts = row_counts()
    from django.db import connection

    connection.close()  # the last connection to close checkpoints the WAL into the database file

    print(f"seed_demo {' '.join(options)}  ({database})")
    print(f"  wall time            {wall:8.1f} s")
    print(f"  CPU time (this)      {cpu:8.1f} s")
    print(f"  peak RSS             {peak_rss_mib():8.0f} MiB  (after Django start-up: {rss_before:.0f} MiB)")
    print(f"  database on disk     {disk_mib(database):8.1f} MiB")
    print(
        f"  load average         {os.getloadavg()[1]:8.1f}     (5 min, {os.cpu_count()} CPUs: above that, wall time is inflated)"
    )
    for label, count in counts:
        print(f"  {label:<20} {count:>9,}")


def row_counts():
    from steptwo.accounts.models import User
    from steptwo.appointments.models import Appointment
    from steptwo.assessments.models import Assessment, Goal, RiskAssessment
    from steptwo.core.models import AuditEvent
    from steptwo.letters.models import Letter
    from steptwo.measures.models import CompletionRequest, ItemAnswer, QuestionnaireResponse
    from steptwo.organisations.models import Team
    from steptwo.patients.models import Patient
    from steptwo.referrals.models import (
        Discharge,
        IncomingReferral,
        PresentingComplaint,
        Referral,
        ReferralStatusChange,
    )
    from steptwo.supervision.models import CaseDiscussion, SupervisionAction, SupervisionSession
    from steptwo.tasks.models import Task
    from steptwo.treatment.models import PlannedIntervention, SessionNote, Signposting, StepUp

    models = [("teams", Team), ("staff", User), ("patients", Patient), ("incoming referrals", IncomingReferral),
              ("referrals", Referral), ("status changes", ReferralStatusChange), ("appointments", Appointment),
              ("assessments", Assessment), ("goals", Goal), ("risk assessments", RiskAssessment),
              ("problem descriptors", PresentingComplaint), ("questionnaires", QuestionnaireResponse),
              ("item answers", ItemAnswer), ("completion links", CompletionRequest),
              ("interventions", PlannedIntervention), ("session notes", SessionNote), ("step-ups", StepUp),
              ("signpostings", Signposting), ("discharges", Discharge), ("tasks", Task), ("letters", Letter),
              ("supervision sessions", SupervisionSession), ("case discussions", CaseDiscussion),
              ("supervision actions", SupervisionAction), ("audit events", AuditEvent)]  # fmt: skip
    return [(label, model._default_manager.count()) for label, model in models]


def disk_mib(database):
    return (
        sum(
            Path(f"{database}{suffix}").stat().st_size
            for suffix in ("", "-wal")
            if Path(f"{database}{suffix}").exists()
        )
        / 2**20
    )


if __name__ == "__main__":
    main()
