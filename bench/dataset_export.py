# ruff: noqa: INP001
"""Time a one-month data-set export (steptwo.dataset.export.write_dataset) on an existing database.

    .venv/bin/python bench/dataset_export.py                      # DATABASE_URL, else var/bench-large.sqlite3
    .venv/bin/python bench/dataset_export.py --month 2026-09 --out /tmp/steptwo-dataset --quality
    .venv/bin/python bench/dataset_export.py --postgres           # seed a throwaway PostgreSQL, then time there
    DATABASE_URL=postgres://... .venv/bin/python bench/dataset_export.py

Make the large demo database first with `bench/seed_demo.py --size large --db var/bench-large.sqlite3`.
Exports the service with the most referrals for --month (default: the last whole month before the newest
discharge) into --out (default a temporary directory under /tmp), as its first service manager, in a
transaction that is rolled back: the export's audit event is not kept, nothing in the database changes.
Prints wall and CPU time, peak memory, queries, rows per file and the load average (target: under 60 s);
with --quality, the same for the month's data-quality report (steptwo.dataset.quality).
--postgres needs PostgreSQL's server binaries (scripts/with-postgres): it migrates a throwaway cluster,
seeds it with `seed_demo --size large` (today's anchor), exports there and removes the cluster.
"""

import argparse
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

from _support import DEFAULT_DB, ROOT, cpu_seconds, on_seeded_postgres, peak_rss_mib, use_database

TARGET_S = 60


class RolledBack(Exception):
    pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help=f"SQLite file (default: DATABASE_URL, else {DEFAULT_DB})")
    parser.add_argument("--month", help="Reporting month YYYY-MM (default: the last whole month with discharges)")
    parser.add_argument("--out", help="Directory for the files (default: a new directory under /tmp)")
    parser.add_argument("--postgres", action="store_true", help="Seed a throwaway PostgreSQL cluster and time there")
    parser.add_argument("--quality", action="store_true", help="Time the month's data-quality report too")
    parser.add_argument("--size", default="large", choices=["small", "medium", "large"], help="For --postgres")
    args = parser.parse_args()
    if args.postgres and "DATABASE_URL" not in os.environ:
        options = [f"--{name}={value}" for name, value in (("month", args.month), ("out", args.out)) if value]
        me = [sys.executable, str(Path(__file__).resolve()), *options, *(["--quality"] if args.quality else [])]
        sys.exit(on_seeded_postgres(args.size, me))
    use_database(args.db)

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from steptwo.dataset import tables
    from steptwo.dataset.export import write_dataset

    service, manager, start, end = _subject(args.month)
    out = Path(args.out or tempfile.mkdtemp(prefix="steptwo-dataset-", dir="/tmp"))
    rss_before = peak_rss_mib()
    cpu_before, started = cpu_seconds(), time.monotonic()
    try:
        with CaptureQueriesContext(connection) as queries, transaction.atomic():
            counts = write_dataset(service=service, start=start, end=end, directory=out, by=manager)
            raise RolledBack
    except RolledBack:
        pass
    wall, cpu = time.monotonic() - started, cpu_seconds() - cpu_before
    flag = "" if wall < TARGET_S else f"   ABOVE the {TARGET_S} s target"
    print(
        f"data-set export {service.ods_code} {start} to {end}  ({connection.vendor}: {connection.settings_dict['NAME']})"
    )
    print(f"  wall time          {wall:8.2f} s{flag}")
    print(f"  CPU time (this)    {cpu:8.2f} s")
    print(f"  peak RSS           {peak_rss_mib():8.0f} MiB  (after Django start-up: {rss_before:.0f} MiB)")
    print(f"  queries            {len(queries):8d}")
    print(f"  load average       {os.getloadavg()[1]:8.1f}     (5 min, {os.cpu_count()} CPUs)")
    for table, count in counts.items():
        size = (out / tables.file_name(table)).stat().st_size / 1024
        print(f"  {tables.file_name(table):<38} {count:9,d} rows {size:9,.0f} KiB")
    print(f"  files in {out}")
    if args.quality:
        _time_quality(service, start, end)


def _time_quality(service, start, end):
    """The data-quality report of the same month (the page's work, without rendering)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from steptwo.dataset.quality import quality_report
    from steptwo.referrals.models import Referral

    cpu_before, started = cpu_seconds(), time.monotonic()
    with CaptureQueriesContext(connection) as queries:
        report = quality_report(Referral.objects.filter(team__service=service), start, end)
    wall, cpu = time.monotonic() - started, cpu_seconds() - cpu_before
    print(f"data-quality report {start} to {end}: {report.referral_count:,} referrals")
    print(f"  wall time          {wall:8.2f} s")
    print(f"  CPU time (this)    {cpu:8.2f} s")
    print(f"  peak RSS           {peak_rss_mib():8.0f} MiB")
    print(f"  queries            {len(queries):8d}")
    print(f"  load average       {os.getloadavg()[1]:8.1f}")
    found = ", ".join(f"{check.key} {check.count:,}" for check in report.checks if check.count)
    print(f"  found              {found or 'nothing'}")


def _subject(month):
    """The service with the most referrals, its first service manager and the reporting month."""
    from django.db.models import Count, Max

    from steptwo.accounts.models import Role, User
    from steptwo.dataset.export import month_bounds
    from steptwo.organisations.models import Service
    from steptwo.referrals.models import Discharge

    service = Service.objects.annotate(referrals=Count("teams__referrals")).order_by("-referrals").first()
    manager = User.objects.filter(service=service, role=Role.SERVICE_MANAGER, is_active=True).order_by("pk").first()
    if service is None or manager is None:
        sys.exit("The database has no service with a service manager: seed the demo data first (bench/seed_demo.py)")
    if month:
        year, number = (int(part) for part in month.split("-"))
    else:
        newest = Discharge.objects.filter(referral__team__service=service).aggregate(newest=Max("discharge_date"))
        if newest["newest"] is None:
            sys.exit("The service has no discharges: give --month")
        last_whole = newest["newest"].replace(day=1) - datetime.timedelta(days=1)
        year, number = last_whole.year, last_whole.month
    return (service, manager, *month_bounds(year, number))


if __name__ == "__main__":
    main()
