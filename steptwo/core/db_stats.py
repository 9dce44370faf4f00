"""The query planner's statistics, refreshed after bulk loads (demo seeding, a data-set import) and on demand.

Without statistics both databases guess table sizes and can pick a plan that walks a whole service's
patients: on the large demo the review list's supervisee counts took 110 ms instead of 24, and the
caseload page on PostgreSQL 657 ms instead of 132. PostgreSQL's autovacuum gathers them some minutes after
a load; SQLite never does on its own (sqlite.org/lang_analyze.html recommends running ANALYZE, with
`analysis_limit` to keep it quick: a sampled ANALYZE of the 2 GB large demo takes a fraction of a second).
"""

from django.db import connection

SQLITE_ANALYSIS_LIMIT = 1000  # rows sampled per index: enough for the planner, fast on large tables


def refresh_planner_statistics():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")
