"""manage.py outcomes: outcome figures, or the per-referral derivation, for a period (see --help)."""

import csv
import datetime
import io
import json

from django.core.management.base import BaseCommand, CommandError

from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.organisations.models import Service, Team
from steptwo.outcomes.aggregates import GROUPINGS, MEASURES, Count, outcomes_report
from steptwo.outcomes.derivation import CSV_COLUMNS, EXTRA_COLUMNS, derive
from steptwo.outcomes.periods import open_in_period
from steptwo.referrals.models import Referral

SUPPRESSED = "*"
AGGREGATE_COLUMNS = ("group", "code", "name", "measure", "label", "count", "numerator", "denominator", "percent")


class Command(BaseCommand):
    help = (
        "Outcome figures for a period (dates inclusive): referrals received, entered treatment, ended (not seen, "
        "seen not treated, one treatment, finished a course), caseness, recovery, reliable improvement, reliable "
        "recovery, deterioration, waits, DNA and cancellation rates, paired-score completeness, by service, team or "
        "PWP. With --per-referral, one row per referral open at some time in the period (received on or before "
        "--to and not discharged before --from), derived as at --to, with the data-set column names "
        f"({', '.join(CSV_COLUMNS)}, then {', '.join(EXTRA_COLUMNS)}); flags True/False, empty cells where a value "
        "does not exist. The per-referral output is patient data: it is recorded in the audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, type=_date, help="First day, YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, type=_date, help="Last day, YYYY-MM-DD")
        parser.add_argument("--service", help="ODS code of the service (default: every service)")
        parser.add_argument("--team", help="Team code (add --service if two services use the code)")
        parser.add_argument("--format", choices=["json", "csv"], default="csv")
        parser.add_argument("--per-referral", action="store_true", help="One row per referral")
        parser.add_argument("--by", choices=GROUPINGS, default="service", help="Group figures by (default service)")
        parser.add_argument(
            "--publication", action="store_true",
            help="Suppress counts under 5 and round the rest to the nearest 5; rates from the rounded counts",
        )  # fmt: skip
        parser.add_argument("--output", help="Write to this file instead of standard output")

    def handle(self, *args, **options):
        start, end = options["start"], options["end"]
        if end < start:
            raise CommandError("--to is before --from")
        referrals, scope = _referrals(options.get("service"), options.get("team"))
        if options["per_referral"]:
            text = _per_referral(referrals, start, end, options["format"], scope)
        else:
            report = outcomes_report(
                start, end, referrals=referrals, by=options["by"], publication=options["publication"]
            )
            text = _report_json(report) if options["format"] == "json" else _report_csv(report)
        if options.get("output"):
            with open(options["output"], "w", encoding="utf-8", newline="") as file:
                file.write(text)
        else:
            self.stdout.write(text, ending="")


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def _referrals(ods_code, team_code):
    """The referrals to report on, and what the options chose (for the audit record)."""
    referrals = Referral.objects.all()
    scope = {}
    service = None
    if ods_code:
        service = Service.objects.filter(ods_code=ods_code).first()
        if service is None:
            raise CommandError(f"No service with ODS code {ods_code}")
        referrals = referrals.filter(patient__service=service)
        scope["service"] = ods_code
    if team_code:
        teams = Team.objects.filter(code=team_code, **({"service": service} if service else {}))
        if not teams:
            raise CommandError(f"No team with code {team_code}" + (f" in {service}" if service else ""))
        if len(teams) > 1:
            raise CommandError(f"{len(teams)} services have a team {team_code}: add --service")
        referrals = referrals.filter(team=teams[0])
        scope["team"] = team_code
    return referrals, scope


def _per_referral(referrals, start, end, output_format, scope):
    outcomes = derive(open_in_period(referrals, start, end), as_of=end)
    audit.record(
        by=None, action=AuditAction.EXPORT,
        detail={"command": "outcomes --per-referral", "from": start.isoformat(), "to": end.isoformat(),
                "referrals": len(outcomes), **scope},
    )  # fmt: skip
    rows = [outcome.csv_row() for outcome in outcomes]
    if output_format == "json":
        return json.dumps(rows, indent=2) + "\n"
    return _csv((*CSV_COLUMNS, *EXTRA_COLUMNS), rows)


def _report_json(report):
    return (
        json.dumps(
            {
                "from": report.start.isoformat(), "to": report.end.isoformat(), "by": report.by,
                "publication": report.publication, "rules": report.rules, "measures": MEASURES,
                "groups": [
                    {"group": group.kind, "code": group.code, "name": group.name,
                     "measures": {name: _json_value(value) for name, value in group.measures.items()}}
                    for group in report.groups
                ],
            },
            indent=2,
        )
        + "\n"
    )  # fmt: skip


def _json_value(value):
    if isinstance(value, Count):
        return {"count": value.value}
    percent = None if value.percent is None else float(value.percent)
    return {"numerator": value.numerator, "denominator": value.denominator, "percent": percent}


def _report_csv(report):
    rows = []
    for group in report.groups:
        for name, value in group.measures.items():
            row = {
                "group": group.kind,
                "code": group.code,
                "name": group.name,
                "measure": name,
                "label": MEASURES[name],
            }
            if isinstance(value, Count):
                row["count"] = _cell(value.value, report.publication)
            else:
                row |= {
                    "numerator": _cell(value.numerator, report.publication),
                    "denominator": _cell(value.denominator, report.publication),
                    "percent": "" if value.percent is None else str(value.percent),
                }
            rows.append(row)
    return _csv(AGGREGATE_COLUMNS, rows)


def _cell(count, publication):
    if count is None:
        return SUPPRESSED if publication else ""
    return str(count)


def _csv(columns, rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
