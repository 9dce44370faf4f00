"""The default SQLite database is set up for a web server with several workers.

WAL (readers never block the writer), a busy timeout (a writer waits for the lock instead of failing
with "database is locked"), and IMMEDIATE transactions (a transaction takes the write lock when it
starts, so it can't fail half-way through on an upgrade from read to write).

The test database is in memory and may differ, so this opens a real connection to a database file,
in a fresh process with the production defaults (no DATABASE_URL), and reports what SQLite says.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[3]

REPORT_CONNECTION = """
import json
import django
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

django.setup()
with connection.cursor() as cursor:
    pragmas = {
        name: cursor.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ["journal_mode", "busy_timeout", "synchronous", "foreign_keys"]
    }
with CaptureQueriesContext(connection) as queries:
    with transaction.atomic():
        connection.cursor().execute("SELECT 1")
print(json.dumps({"vendor": connection.vendor, "name": str(connection.settings_dict["NAME"]),
                  "pragmas": pragmas, "first_statement": queries.captured_queries[0]["sql"]}))
"""


@pytest.fixture(scope="module")
def sqlite_connection(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("var")
    env = {
        "PATH": os.environ["PATH"],
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "steptwo.settings",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "STEPTWO_VAR_DIR": str(var_dir),
    }
    result = subprocess.run(
        [sys.executable, "-c", REPORT_CONNECTION],
        check=False,
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return {**json.loads(result.stdout), "var_dir": var_dir}


def test_sqlite_database_is_in_var_dir_by_default(sqlite_connection):
    assert sqlite_connection["vendor"] == "sqlite"
    assert sqlite_connection["name"] == str(sqlite_connection["var_dir"] / "steptwo.sqlite3")


def test_sqlite_journal_mode_is_wal(sqlite_connection):
    assert sqlite_connection["pragmas"]["journal_mode"] == "wal"  # stored in the file: every connection uses it


def test_sqlite_busy_timeout_is_twenty_seconds(sqlite_connection):
    assert sqlite_connection["pragmas"]["busy_timeout"] == 20_000  # milliseconds


def test_sqlite_synchronous_is_normal(sqlite_connection):
    assert sqlite_connection["pragmas"]["synchronous"] == 1  # NORMAL: safe with WAL, and faster than FULL


def test_sqlite_foreign_keys_are_enforced(sqlite_connection):
    assert sqlite_connection["pragmas"]["foreign_keys"] == 1


def test_sqlite_transactions_begin_immediate(sqlite_connection):
    assert sqlite_connection["first_statement"] == "BEGIN IMMEDIATE"
