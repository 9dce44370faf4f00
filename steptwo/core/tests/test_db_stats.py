"""refresh_statistics: the planner's statistics exist afterwards, on either database."""

import pytest
from django.core.management import call_command
from django.db import connection

from steptwo.tests import builders

pytestmark = pytest.mark.django_db


def test_refresh_statistics_gathers_the_planners_statistics(service, pwp, capsys):
    builders.make_patient(service, pwp)

    call_command("refresh_statistics")

    assert "Planner statistics refreshed." in capsys.readouterr().out
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'patients_patient'")
        else:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'patients_patient'")
        assert cursor.fetchone()[0] > 0
