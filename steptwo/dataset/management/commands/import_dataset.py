"""manage.py import_dataset: import another system's NHS Talking Therapies data set (see --help)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from steptwo.accounts.models import User
from steptwo.core.db_stats import refresh_planner_statistics
from steptwo.core.errors import NotAllowed
from steptwo.dataset import services, tables
from steptwo.organisations.models import Service, Team
from steptwo.outcomes import storage as stored_outcomes


class Command(BaseCommand):
    help = (
        "Import the NHS Talking Therapies data set (v2.1) of another system from a directory: one CSV per table, "
        f"{', '.join(tables.file_name(table) for table in tables.TABLES)}, with the columns of "
        "steptwo/dataset/tables.py (the files manage.py export_dataset writes). The first three are required; "
        "a missing other file means no rows. Every row is checked first and every problem listed with its file, "
        "row (the header is row 1) and column; then all rows are imported in one transaction, or, if there is any "
        "problem, nothing. References must point into the same files (a contact's ServiceRequestId into "
        "IDS101Referral.csv, and so on). Rows imported before (matched by their identifiers) are skipped when "
        "unchanged, so the same files import once; Step Two never changes an imported record, so a row imported "
        "before with a changed value (a discharge, an attendance) is a problem and nothing is imported: record "
        'the change in Step Two instead. The data set carries no names: patients are named "Imported patient <LocalPatientId>" '
        "until their details are filled in. Imported contacts, scores, problem descriptors and discharges are "
        'credited to the service\'s inactive "Imported from previous system" account, never to a real person; '
        "open referrals are left unallocated. Scores are kept as imported totals (no item answers). --by is the "
        "member of staff running the import, recorded in the audit log (one event with the counts)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Directory holding the data-set CSV files")
        parser.add_argument("--service", required=True, help="ODS code of the service to import into")
        parser.add_argument("--team", required=True, help="Code of the team the imported referrals belong to")
        parser.add_argument("--by", required=True, help="Username of the member of staff running the import")

    def handle(self, *args, **options):
        directory = Path(options["directory"])
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a directory")
        service = _get(
            Service.objects.filter(ods_code=options["service"]), f"No service has ODS code {options['service']}"
        )
        team = _get(
            Team.objects.filter(service=service, code=options["team"]), f"{service.name} has no team {options['team']}"
        )
        by = _get(User.objects.filter(username=options["by"], is_active=True), f"No active user {options['by']}")
        try:
            result = services.import_dataset(by=by, service=service, team=team, directory=directory)
        except services.ImportRefused as refused:
            for problem in refused.problems:
                self.stderr.write(str(problem))
            raise CommandError(str(refused)) from None
        except NotAllowed as error:
            raise CommandError(str(error)) from None
        stored_outcomes.fill()  # so the first outcomes report reads them (ADR 0012)
        refresh_planner_statistics()  # a bulk load: ADR 0011
        self.stdout.write(f"Imported into {service.name} ({service.ods_code}), team {team.code}:")
        for table, (created, before) in result.counts.items():
            already = f" ({before} imported before, unchanged)" if before else ""
            self.stdout.write(f"  {tables.file_name(table)}: {created} new{already}")


def _get(queryset, message):
    found = queryset.first()
    if found is None:
        raise CommandError(message)
    return found
