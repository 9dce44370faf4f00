# ruff: noqa: INP001
"""What the benchmarks share: which database to use, resource figures, and a seeded throwaway PostgreSQL."""

import os
import resource
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "var" / "bench-large.sqlite3"


def use_database(path, *, missing_hint="make it with bench/seed_demo.py"):
    """Point Django at --db (a SQLite file), else DATABASE_URL, else DEFAULT_DB; exit if that file is missing."""
    os.environ.setdefault("STEPTWO_ENV", "development")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "steptwo.settings")
    if not path and "DATABASE_URL" in os.environ:
        return
    database = Path(path).resolve() if path else DEFAULT_DB
    if not database.exists():
        sys.exit(f"No database at {database}: set DATABASE_URL, pass --db, or {missing_hint}")
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"


def on_seeded_postgres(size, *commands):
    """Run each command (argument lists) against a throwaway PostgreSQL cluster (scripts/with-postgres),
    migrated and seeded with `seed_demo --size SIZE` (today's anchor) once for all of them. Returns the
    exit status. Seeding the large demo there takes 20-35 minutes on 2 cores."""
    python = shlex.quote(sys.executable)
    steps = [
        f"{python} manage.py migrate --verbosity 0",
        f"/usr/bin/time -f 'seeded in %e s, peak %M KiB' {python} manage.py seed_demo --size {size} --letters 0 >/dev/null",
        *(shlex.join(command) for command in commands),
    ]
    env = {**os.environ, "STEPTWO_ENV": "development"}
    command = [str(ROOT / "scripts" / "with-postgres"), "bash", "-c", " && ".join(steps)]
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
