"""manage.py rebuild_etr_curves and build_starter_etr_table; the shipped starter table (ADR 0010)."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from steptwo.core.models import AuditEvent
from steptwo.supervision import reference_data
from steptwo.supervision.etr import load_curves
from steptwo.supervision.models import EtrCurveSet, EtrPoint, SupervisionSettings
from steptwo.supervision.tests.etr_history import course


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def history(service, team, pwp, patient):
    """Three finished PHQ-9 courses starting severe (20-27): session 1 scores 22, 18, 25; session 2: 19, 14, 24."""
    for slot, (intake, sessions) in enumerate([(24, [22, 19]), (21, [18, 14]), (26, [25, 24])]):
        course(patient, team, pwp, intake=intake, sessions=sessions, slot=slot)


def test_rebuild_prints_episodes_per_band_and_that_the_starter_is_still_used(service, history):
    output = run("rebuild_etr_curves", "--service", service.ods_code, "--min-per-point", "3")

    phq9 = EtrCurveSet.objects.get(service=service, instrument_id="phq9")
    assert f"PHQ-9: built curve set {phq9.pk} from 3 finished episodes, 2 points" in output
    assert "  Severe (20 to 27): 3 episodes, curve to session 2" in output
    assert "  Moderate (10 to 14): 0 episodes, no curve (too few episodes)" in output
    assert "still uses the starter table, built from synthetic data: 3 of the 500 finished episodes needed" in output
    # Session 1: 18 22 25 → median 22, 75th percentile (rank ceil(2.25) = 3) 25; session 2: 14 19 24 → 19, 24.
    assert list(phq9.points.values_list("session_number", "expected", "boundary")) == [
        (1, Decimal(22), Decimal(25)),
        (2, Decimal(19), Decimal(24)),
    ]
    assert AuditEvent.objects.filter(detail__etr_rebuild=True, service_id=service.pk).count() == 1


def test_rebuild_says_when_the_service_now_uses_its_own_curves(service, history):
    SupervisionSettings.objects.create(service=service, etr_minimum_episodes=3)

    output = run("rebuild_etr_curves", "--service", service.ods_code, "--min-per-point", "3")

    assert "The service now uses its own PHQ-9 curves (at least 3 episodes needed)." in output
    assert "GAD-7: built curve set" in output and "still uses the starter table" in output  # no GAD-7 history
    assert load_curves(service)["phq9"].curve_set.service == service


def test_dry_run_prints_the_same_and_saves_nothing(service, history):
    output = run("rebuild_etr_curves", "--service", service.ods_code, "--min-per-point", "3", "--dry-run")

    assert "PHQ-9: would build from 3 finished episodes, 2 points" in output
    assert "Dry run: nothing was saved." in output
    assert not EtrCurveSet.objects.filter(service=service).exists()


def test_rebuild_refuses_an_unknown_service(db):
    with pytest.raises(CommandError, match="No service with ODS code NOPE"):
        run("rebuild_etr_curves", "--service", "NOPE")


def test_starter_table_is_loaded_as_synthetic_sets_without_a_service(service):
    rows = list(reference_data.read_rows())
    starter = EtrCurveSet.objects.filter(service=None, synthetic=True)

    assert sorted(starter.values_list("instrument_id", flat=True)) == ["gad7", "phq9"]
    assert EtrPoint.objects.filter(curve_set__in=starter).count() == len(rows)
    assert all("SYNTHETIC" in method for method in starter.values_list("method", flat=True))
    curves = load_curves(service)
    assert curves["phq9"].synthetic and curves["gad7"].synthetic


def test_starter_table_says_it_is_synthetic_and_covers_every_band():
    text = reference_data.STARTER_CSV.read_text()
    rows = list(reference_data.read_rows())

    assert text.startswith("# SYNTHETIC DATA: built from synthetic episodes, not from any patient.")
    bands = {(row["instrument_id"], row["intake_min"], row["intake_max"]) for row in rows}
    assert bands == {
        ("phq9", "10", "14"), ("phq9", "15", "19"), ("phq9", "20", "27"),
        ("gad7", "8", "9"), ("gad7", "10", "14"), ("gad7", "15", "21"),
    }  # fmt: skip
    assert all(Decimal(row["expected"]) <= Decimal(row["boundary"]) for row in rows)
    assert all(int(row["episodes"]) >= 20 for row in rows)


def test_the_shipped_starter_table_is_exactly_what_the_command_generates(tmp_path):
    output = tmp_path / "starter.csv"

    printed = run("build_starter_etr_table", "--output", str(output))

    assert output.read_text() == reference_data.STARTER_CSV.read_text()
    assert "phq9: 4000 synthetic episodes" in printed


def test_the_command_can_load_a_new_starter_set(db, tmp_path):
    output = tmp_path / "starter.csv"
    before = EtrCurveSet.objects.filter(service=None).count()

    run("build_starter_etr_table", "--output", str(output), "--episodes", "300", "--seed", "7", "--load")

    assert EtrCurveSet.objects.filter(service=None, synthetic=True).count() == before + 2
    assert "--seed 7 --episodes 300" in output.read_text()
