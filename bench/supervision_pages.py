# ruff: noqa: INP001
"""Time the caseload page and the supervisor's review list on an existing database, through Django's test Client.

    .venv/bin/python bench/supervision_pages.py                  # DATABASE_URL, else var/bench-large.sqlite3
    .venv/bin/python bench/supervision_pages.py --build          # make var/bench-large.sqlite3 first if missing
    .venv/bin/python bench/supervision_pages.py --db /tmp/steptwo-bench.sqlite3 --runs 20
    .venv/bin/python bench/supervision_pages.py --postgres       # seed a throwaway PostgreSQL, then time there
    DATABASE_URL=postgres://... .venv/bin/python bench/supervision_pages.py

Renders /supervision/caseload/ signed in (force_login) as the PWP with the most open step 2 referrals, and
/supervision/review/ signed in as the PWP supervisor with the most supervisees, showing the supervisee with the
most open cases (the page lists one supervisee's cases at a time, with counts for the others): a warm-up request each, then
--runs timed requests. Prints the median and slowest milliseconds, the median CPU milliseconds of this
process (what the request costs when the machine is not busy with other work; SQLite runs in-process, so
it includes the queries, PostgreSQL's server work it does not), the queries per request, the caseload
sizes and the load average. Target (issue 6): under 300 ms each on the large demo data.

The pages work out "today" from the clock, so run it on data seeded with today's anchor date (seed_demo's
default) for the figures to mean what they say. Each request writes one audit event (the pages are audited);
nothing else is written, but it refreshes the planner's statistics first (ANALYZE, steptwo.core.db_stats). --build runs bench/seed_demo.py --size large (about 8 minutes on 2 cores) into a
temporary file and moves it into place. --postgres needs PostgreSQL's server binaries (scripts/with-postgres):
it migrates a throwaway cluster, seeds it with `seed_demo --size large` (same seed, today's anchor; longer
than on SQLite), times the pages there, and removes the cluster.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _support import DEFAULT_DB, ROOT, on_seeded_postgres, use_database

TARGET_MS = 300


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help=f"SQLite file (default: DATABASE_URL, else {DEFAULT_DB})")
    parser.add_argument("--runs", type=int, default=10, help="Timed requests per page, after one warm-up")
    parser.add_argument("--build", action="store_true", help="Seed the large demo into the database file if missing")
    parser.add_argument("--postgres", action="store_true", help="Seed a throwaway PostgreSQL cluster and time there")
    parser.add_argument("--explain", action="store_true", help="Print each page's slowest queries and their plans")
    parser.add_argument("--size", default="large", choices=["small", "medium", "large"], help="For --build, --postgres")
    args = parser.parse_args()
    if args.postgres and "DATABASE_URL" not in os.environ:
        me = [sys.executable, str(Path(__file__).resolve()), "--runs", str(args.runs)]
        sys.exit(on_seeded_postgres(args.size, me + (["--explain"] if args.explain else [])))
    _database(args.db, args.build, args.size)

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from steptwo.core.db_stats import refresh_planner_statistics

    refresh_planner_statistics()  # as seed_demo and import_dataset leave them (and autovacuum keeps them)
    print(f"supervision pages  ({connection.vendor}: {connection.settings_dict['NAME']})")
    for label, user, url, size in _pages():
        timings, cpu, queries, slowest = _time(user, url, args.runs)
        flag = "" if statistics.median(timings) < TARGET_MS else f"   ABOVE the {TARGET_MS} ms target"
        print(f"  {label}: {url} as {user.username} ({size})")
        print(f"    median {statistics.median(timings):7.1f} ms   slowest {max(timings):7.1f} ms   "
              f"CPU {statistics.median(cpu):7.1f} ms   over {args.runs} runs   {queries} queries{flag}")  # fmt: skip
        if args.explain:
            _explain(slowest)
    print(f"  load average {os.getloadavg()[1]:.1f}  (5 min, {os.cpu_count()} CPUs: above that, times are inflated)")


def _pages():
    """(label, user, url, what it holds) for the most loaded PWP and the supervisor with the most supervisees."""
    from django.db.models import Count, Q

    from steptwo.accounts.models import Role, User
    from steptwo.referrals.codes import STEP_2_STATUSES
    from steptwo.referrals.models import Referral

    open_cases = Count("caseload", filter=Q(caseload__status__in=STEP_2_STATUSES))
    pwp = User.objects.filter(role=Role.PWP).annotate(cases=open_cases).order_by("-cases", "pk").first()
    supervisor = (
        User.objects.filter(role=Role.PWP_SUPERVISOR).annotate(n=Count("supervisees")).order_by("-n", "pk").first()
    )
    if pwp is None or supervisor is None:
        sys.exit("The database has no PWPs or supervisors: seed the demo data first (bench/seed_demo.py)")
    supervised = Referral.objects.filter(practitioner__supervisor=supervisor, status__in=STEP_2_STATUSES).count()
    busiest = User.objects.filter(supervisor=supervisor).annotate(cases=open_cases).order_by("-cases", "pk").first()
    return [
        ("caseload", pwp, "/supervision/caseload/", f"{pwp.cases} open cases"),
        ("review list", supervisor, f"/supervision/review/?supervisee={busiest.pk}",
         f"{supervisor.n} supervisees, {supervised} open cases between them; showing the busiest's {busiest.cases}"),
    ]  # fmt: skip


def _time(user, url, runs):
    """[wall ms], [CPU ms] of `runs` requests after a warm-up, queries per request, the slowest run's queries."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    _get(client, url)  # warm-up: templates compiled, caches filled
    timings, cpu, slowest = [], [], None
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started, cpu_started = time.perf_counter(), time.process_time()
            _get(client, url)
            elapsed = (time.perf_counter() - started) * 1000
            cpu.append((time.process_time() - cpu_started) * 1000)
        timings.append(elapsed)
        if elapsed >= max(timings):
            slowest = list(captured.captured_queries)
    return timings, cpu, len(slowest), slowest


def _get(client, url):
    response = client.get(url, HTTP_HOST="localhost")
    if response.status_code != 200:
        sys.exit(f"GET {url} answered {response.status_code}")
    return response


def _explain(queries, top=5):
    from django.db import connection

    for query in sorted(queries, key=lambda q: float(q["time"]), reverse=True)[:top]:
        print(f"      {float(query['time']) * 1000:7.1f} ms  {query['sql'][:300]}")
        prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        with connection.cursor() as cursor:
            cursor.execute(prefix + query["sql"])
            for row in cursor.fetchall():
                print(f"                {' '.join(str(part) for part in row)}")


def _database(path, build, size):
    database = Path(path).resolve() if path else DEFAULT_DB
    if build and (path or "DATABASE_URL" not in os.environ) and not database.exists():
        _build(database, size)
    use_database(path, missing_hint="pass --build to seed the large demo there (about 8 minutes)")


def _build(database, size):
    """seed_demo --size SIZE into a temporary file next to `database`, then moved into place."""
    database.parent.mkdir(parents=True, exist_ok=True)
    building = database.with_name(f"{database.name}.building-{os.getpid()}")
    print(f"Seeding the {size} demo into {database} (large: about 10 minutes) ...", flush=True)
    subprocess.run([sys.executable, str(ROOT / "bench" / "seed_demo.py"), "--size", size, "--db", str(building)],
                   cwd=ROOT, check=True)  # fmt: skip
    building.rename(database)


if __name__ == "__main__":
    main()
