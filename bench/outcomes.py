# ruff: noqa: INP001
"""Time a 12-month outcomes run (steptwo.outcomes.aggregates.outcomes_report) on an existing database.

    .venv/bin/python bench/outcomes.py                       # DATABASE_URL, else var/bench-large.sqlite3
    .venv/bin/python bench/outcomes.py --db /tmp/steptwo-bench.sqlite3 --by team
    .venv/bin/python bench/outcomes.py --postgres                # seed a throwaway PostgreSQL, then time there
    DATABASE_URL=postgres://... .venv/bin/python bench/outcomes.py --to 2026-10-31

Make the large demo database first with `bench/seed_demo.py --size large --db var/bench-large.sqlite3`.
The period is the 12 months up to --to (default: the newest discharge date in the database). It refreshes
the planner's statistics first (ANALYZE, steptwo.core.db_stats: new indexes have none until then). A report
stores the outcomes it derives (ADR 0012): seeding stores every referral's as at the day it ran, so the first
run here derives those still open on the period's last day (and any written since) and stores them, and the
later runs read them. Prints the first run's time, the fastest and slowest of the others, CPU time, peak
memory, the load average and the headline figures (target: under 2 s for a year). CPU time is this process's: on SQLite it includes the queries, on PostgreSQL the
server's share is not in it (compare the wall time, on a quiet machine).

--postgres needs PostgreSQL's server binaries (scripts/with-postgres): it migrates a throwaway cluster,
seeds it with `seed_demo --size SIZE` (large: 10-20 minutes of both cores), times there and removes the
cluster.
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

from _support import DEFAULT_DB, ROOT, cpu_seconds, on_seeded_postgres, peak_rss_mib, use_database


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help=f"SQLite file (default: DATABASE_URL, else {DEFAULT_DB})")
    parser.add_argument("--to", type=datetime.date.fromisoformat, help="Last day (default: newest discharge)")
    parser.add_argument("--by", default="service", choices=["service", "team", "pwp"])
    parser.add_argument("--runs", type=int, default=5, help="Timed runs after the first; fastest and slowest printed")
    parser.add_argument("--postgres", action="store_true", help="Seed a throwaway PostgreSQL cluster and time there")
    parser.add_argument("--size", default="large", choices=["small", "medium", "large"], help="For --postgres")
    args = parser.parse_args()
    if args.postgres and "DATABASE_URL" not in os.environ:
        me = [sys.executable, str(Path(__file__).resolve()), "--runs", str(args.runs), "--by", args.by]
        sys.exit(on_seeded_postgres(args.size, me + (["--to", str(args.to)] if args.to else [])))
    use_database(args.db)

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Max

    from steptwo.core.db_stats import refresh_planner_statistics
    from steptwo.outcomes.aggregates import outcomes_report
    from steptwo.referrals.models import Discharge

    refresh_planner_statistics()
    end = args.to or Discharge.objects.aggregate(newest=Max("discharge_date"))["newest"]
    if end is None:
        sys.exit("The database has no discharges: seed the demo data first (bench/seed_demo.py)")
    start = end.replace(year=end.year - 1) + datetime.timedelta(days=1)
    rss_before = peak_rss_mib()
    timings = []
    for _ in range(args.runs + 1):
        cpu_before, started = cpu_seconds(), time.monotonic()
        report = outcomes_report(start, end, by=args.by)
        timings.append((time.monotonic() - started, cpu_seconds() - cpu_before))
    print(f"outcomes {start} to {end}, by {args.by}  ({connection.vendor}: {connection.settings_dict['NAME']})")
    first, later = timings[0], timings[1:]
    print(f"  first run          {first[0]:8.2f} s   (derives and stores what has no current stored outcome)")
    print(f"  wall time          {min(later)[0]:8.2f} s   (fastest of {args.runs} more; slowest {max(later)[0]:.2f} s)")
    print(f"  CPU time (this)    {min(cpu for _, cpu in later):8.2f} s   (the least of those {args.runs})")
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


if __name__ == "__main__":
    main()
