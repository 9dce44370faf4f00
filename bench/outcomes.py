# ruff: noqa: INP001
"""Time a 12-month outcomes run (steptwo.outcomes.aggregates.outcomes_report) on an existing database.

    .venv/bin/python bench/outcomes.py                       # DATABASE_URL, else var/bench-large.sqlite3
    .venv/bin/python bench/outcomes.py --db /tmp/steptwo-bench.sqlite3 --by team
    DATABASE_URL=postgres://... .venv/bin/python bench/outcomes.py --to 2026-10-31

Make the large demo database first with `bench/seed_demo.py --size large --db var/bench-large.sqlite3`.
The period is the 12 months up to --to (default: the newest discharge date in the database). Nothing is
written. Prints wall and CPU time, peak memory, and the headline figures (target: under 2 s for a year).
"""

import argparse
import datetime
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "var" / "bench-large.sqlite3"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help=f"SQLite file (default: DATABASE_URL, else {DEFAULT_DB})")
    parser.add_argument("--to", type=datetime.date.fromisoformat, help="Last day (default: newest discharge)")
    parser.add_argument("--by", default="service", choices=["service", "team", "pwp"])
    parser.add_argument("--runs", type=int, default=3, help="Timed runs; the fastest and slowest are printed")
    args = parser.parse_args()
    _database(args.db)

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Max

    from steptwo.outcomes.aggregates import outcomes_report
    from steptwo.referrals.models import Discharge

    end = args.to or Discharge.objects.aggregate(newest=Max("discharge_date"))["newest"]
    if end is None:
        sys.exit("The database has no discharges: seed the demo data first (bench/seed_demo.py)")
    start = end.replace(year=end.year - 1) + datetime.timedelta(days=1)
    rss_before = peak_rss_mib()
    timings = []
    for _ in range(args.runs):
        cpu_before, started = cpu_seconds(), time.monotonic()
        report = outcomes_report(start, end, by=args.by)
        timings.append((time.monotonic() - started, cpu_seconds() - cpu_before))
    print(f"outcomes {start} to {end}, by {args.by}  ({connection.vendor}: {connection.settings_dict['NAME']})")
    print(f"  wall time          {min(timings)[0]:8.2f} s   (slowest of {args.runs}: {max(timings)[0]:.2f} s)")
    print(f"  CPU time (this)    {min(timings)[1]:8.2f} s")
    print(f"  peak RSS           {peak_rss_mib():8.0f} MiB  (after Django start-up: {rss_before:.0f} MiB)")
    print(f"  load average       {os.getloadavg()[1]:8.1f}     (5 min, {os.cpu_count()} CPUs)")
    print(f"  groups             {len(report.groups):8d}")
    for group in report.groups[:5]:
        measures = group.measures
        print(
            f"  {group.name[:30]:<30} received {measures['referrals_received'].value:,}, finished "
            f"{measures['finished_course'].value:,}, recovery {measures['recovery'].percent} %, reliable "
            f"improvement {measures['reliable_improvement'].percent} %, reliable recovery "
            f"{measures['reliable_recovery'].percent} %, waited <= 6 weeks {measures['waited_6_weeks'].percent} %"
        )


def _database(path):
    os.environ.setdefault("STEPTWO_ENV", "development")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "steptwo.settings")
    if path:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(path).resolve()}"
    elif "DATABASE_URL" not in os.environ:
        if not DEFAULT_DB.exists():
            sys.exit(f"No database: set DATABASE_URL, pass --db, or make {DEFAULT_DB} with bench/seed_demo.py")
        os.environ["DATABASE_URL"] = f"sqlite:///{DEFAULT_DB}"


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
