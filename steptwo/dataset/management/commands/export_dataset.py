"""manage.py export_dataset: the data-set files of a service for a month or any period (see --help)."""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from steptwo.core.errors import NotAllowed
from steptwo.dataset import score_codes, tables
from steptwo.dataset.export import month_bounds, write_dataset
from steptwo.organisations.models import Service


class Command(BaseCommand):
    help = (
        "Write the NHS Talking Therapies data-set files (one CSV per table: "
        f"{', '.join(tables.file_name(table) for table in tables.TABLES)}) of a service for a reporting "
        "period into --out: the referrals open in the period, their patients and presenting complaints, and "
        "their care contacts, care activities and scores in the period. The files are patient data: the export "
        "is recorded in the audit log against --by, who must be a service manager of the service."
    )

    def add_arguments(self, parser):
        period = parser.add_mutually_exclusive_group(required=True)
        period.add_argument("--month", type=_month, help="Reporting month, YYYY-MM")
        period.add_argument("--from", dest="start", type=_date, help="First day, YYYY-MM-DD (with --to)")
        parser.add_argument("--to", dest="end", type=_date, help="Last day, YYYY-MM-DD")
        parser.add_argument("--out", required=True, help="Directory to write the files into (made if missing)")
        parser.add_argument("--service", required=True, help="ODS code of the service")
        parser.add_argument("--by", required=True, help="Username of the service manager exporting")

    def handle(self, *args, **options):
        start, end = _period(options)
        service = Service.objects.filter(ods_code=options["service"]).first()
        if service is None:
            raise CommandError(f"No service with ODS code {options['service']!r}")
        user = get_user_model().objects.filter(username=options["by"]).first()
        if user is None:
            raise CommandError(f"No user {options['by']!r}")
        try:
            counts = write_dataset(service=service, start=start, end=end, directory=options["out"], by=user)
        except NotAllowed as error:
            raise CommandError(str(error)) from None
        for table, count in counts.items():
            self.stdout.write(f"{tables.file_name(table)}: {count} rows")
        unverified = ", ".join(entry.instrument_id for entry in score_codes.unverified())
        self.stderr.write(f"Unverified (placeholder) score codes: {unverified} (see steptwo/dataset/score_codes.py)")


def _period(options):
    if options["month"]:
        if options["end"]:
            raise CommandError("Give --month or --from and --to, not both")
        return options["month"]
    if not options["end"]:
        raise CommandError("--from needs --to")
    if options["end"] < options["start"]:
        raise CommandError("--to is before --from")
    return options["start"], options["end"]


def _month(value):
    try:
        year, month = (int(part) for part in value.split("-"))
        return month_bounds(year, month)
    except ValueError:
        raise CommandError(f"{value!r} is not a month in the form YYYY-MM") from None


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a date in the form YYYY-MM-DD") from None
