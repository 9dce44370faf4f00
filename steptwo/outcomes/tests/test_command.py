"""manage.py outcomes: aggregates as CSV or JSON, and the per-referral CSV."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from steptwo.core.models import AuditAction, AuditEvent
from steptwo.outcomes.derivation import CSV_COLUMNS, EXTRA_COLUMNS
from steptwo.outcomes.management.commands.outcomes import Command
from steptwo.outcomes.tests.histories import day, finished_course, new_referral
from steptwo.tests import builders

pytestmark = pytest.mark.django_db
OCTOBER = ("--from", "2026-10-01", "--to", "2026-10-31")


def run(*arguments):
    out = io.StringIO()
    call_command(Command(), *arguments, stdout=out)
    return out.getvalue()


def test_per_referral_csv(service, pwp, referral):
    finished_course(pwp, referral)
    rows = list(csv.DictReader(io.StringIO(run(*OCTOBER, "--per-referral", "--format", "csv"))))
    assert tuple(rows[0]) == (*CSV_COLUMNS, *EXTRA_COLUMNS)
    assert rows == [
        {
            "ServiceRequestId": f"{service.ods_code}-{referral.pk}", "TherapySession_FirstDate": "2026-10-12",
            "TherapySession_SecondDate": "2026-10-19", "TherapySession_LastDate": "2026-10-19",
            "CareContact_Count": "3", "TreatmentCareContact_Count": "2", "CompletedTreatment_Flag": "True",
            "PHQ9_FirstScore": "17", "PHQ9_LastScore": "6", "ADSM": "gad7", "ADSM_FirstScore": "12",
            "ADSM_LastScore": "5", "GAD_FirstScore": "12", "GAD_LastScore": "5", "NotCaseness_Flag": "False",
            "Recovery_Flag": "True", "ReliableImprovement_Flag": "True", "ReliableDeterioration_Flag": "False",
            "NoChange_Flag": "False", "ReliableRecovery_Flag": "True", "Assessment_FirstDate": "2026-10-05",
            "ReferralToFirstTreatment_Days": "11", "FirstToSecondTreatment_Days": "7",
        }
    ]  # fmt: skip


def test_per_referral_is_audited(pwp, referral):
    run(*OCTOBER, "--per-referral")
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.detail == {
        "command": "outcomes --per-referral", "from": "2026-10-01", "to": "2026-10-31", "referrals": 1,
    }  # fmt: skip


def test_per_referral_covers_referrals_open_in_the_period(pwp, patient, team, referral):
    # Received 1 Oct and discharged 20 Oct: in a November report it is not open, so not listed; a
    # referral received 2 Nov is listed for November only.
    finished_course(pwp, referral)
    november = new_referral(patient, team, pwp, received=day(11, 2))
    ids = [row["ServiceRequestId"] for row in csv.DictReader(io.StringIO(
        run("--from", "2026-11-01", "--to", "2026-11-30", "--per-referral")))]  # fmt: skip
    assert ids == [f"{november.patient.service.ods_code}-{november.pk}"]


def test_per_referral_json(pwp, referral):
    rows = json.loads(run(*OCTOBER, "--per-referral", "--format", "json"))
    assert rows[0]["CareContact_Count"] == "0" and rows[0]["TherapySession_FirstDate"] == ""


def test_aggregates_json(service, pwp, referral):
    finished_course(pwp, referral)
    report = json.loads(run(*OCTOBER, "--format", "json"))
    assert (report["from"], report["to"], report["by"], report["publication"]) == (
        "2026-10-01",
        "2026-10-31",
        "service",
        False,
    )
    assert report["rules"]["OUTCOMES_RELIABLE_CHANGE_BOUNDARY"] == "at_least"
    (group,) = report["groups"]
    assert (group["code"], group["measures"]["finished_course"]) == (service.ods_code, {"count": 1})
    assert group["measures"]["recovery"] == {"numerator": 1, "denominator": 1, "percent": 100.0}


def test_aggregates_csv_by_team(team, pwp, referral):
    finished_course(pwp, referral)
    rows = list(csv.DictReader(io.StringIO(run(*OCTOBER, "--by", "team"))))
    recovery = next(row for row in rows if row["measure"] == "recovery")
    assert recovery == {
        "group": "team", "code": team.code, "name": team.name, "measure": "recovery", "label": "Recovery",
        "count": "", "numerator": "1", "denominator": "1", "percent": "100.0",
    }  # fmt: skip


def test_publication_csv_marks_suppressed_counts(pwp, referral):
    finished_course(pwp, referral)
    rows = {row["measure"]: row for row in csv.DictReader(io.StringIO(run(*OCTOBER, "--publication")))}
    assert rows["finished_course"]["count"] == "*"
    assert (rows["recovery"]["numerator"], rows["recovery"]["percent"]) == ("*", "")


def test_team_and_service_filters(service, team, pwp, referral, other_service, other_pwp, other_patient):
    # The other service has a team with the same code: --team alone is ambiguous.
    other_team = builders.make_team(other_service, code=team.code)
    finished_course(pwp, referral)
    with pytest.raises(CommandError, match="2 services have a team"):
        run(*OCTOBER, "--team", team.code)
    rows = list(csv.DictReader(io.StringIO(run(*OCTOBER, "--team", team.code, "--service", service.ods_code))))
    assert {row["code"] for row in rows} == {service.ods_code}
    assert other_team.code == team.code


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--team", "NOPE"), "No team with code NOPE"),
        (("--service", "XXX"), "No service with ODS code XXX"),
        (("--from", "2026-11-01", "--to", "2026-10-01"), "--to is before --from"),
        (("--from", "1 Oct"), "'1 Oct' is not a date in the form YYYY-MM-DD"),
    ],
)
def test_refused_options(arguments, message):
    options = dict(zip(OCTOBER[::2], OCTOBER[1::2], strict=True)) | dict(
        zip(arguments[::2], arguments[1::2], strict=True)
    )
    with pytest.raises(CommandError, match=message):
        run(*[part for pair in options.items() for part in pair])


def test_output_file(tmp_path, pwp, referral):
    target = tmp_path / "outcomes.csv"
    assert run(*OCTOBER, "--per-referral", "--output", str(target)) == ""
    assert target.read_text().startswith("ServiceRequestId,")
