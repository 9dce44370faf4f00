"""Writes of the data-set app: importing another system's data set (manage.py import_dataset)."""

from dataclasses import dataclass

from django.db import transaction

from steptwo.accounts.models import Role, User
from steptwo.core.errors import NotAllowed
from steptwo.core.models import AuditAction
from steptwo.core.services import audit
from steptwo.dataset import tables
from steptwo.dataset.importing.changes import changed_values
from steptwo.dataset.importing.reading import read_directory
from steptwo.dataset.importing.validation import validate
from steptwo.dataset.importing.writing import Writer
from steptwo.dataset.models import ImportedRecord

IMPORT_ACCOUNT_FIRST_NAME, IMPORT_ACCOUNT_LAST_NAME = "Imported from", "previous system"


class ImportRefused(NotAllowed):
    """The files have problems: nothing was imported. `problems` lists every one (importing.problems)."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(f"Nothing was imported: the files have {len(problems)} problem(s) to fix")


@dataclass(frozen=True)
class ImportResult:
    counts: dict  # table → (rows created, rows already imported before)


@transaction.atomic
def import_dataset(*, by, service, team, directory):
    """Check every row of the data-set files in `directory`, then import them all into `service` (new
    referrals in `team`) or, if any row has a problem, nothing: raise ImportRefused listing them all.
    Rows imported before are skipped when unchanged; a changed value of one is a problem (importing.changes),
    so nothing is imported and nothing silently dropped. One audit event, with the counts and no patient data."""
    if team.service_id != service.pk:
        raise NotAllowed(f"Team {team.code} is not a team of {service.name}")
    if by.service_id != service.pk:
        raise NotAllowed(f"{by.get_username()} is not a member of staff of {service.name}")
    files, problems = read_directory(directory)
    imported_patients = set(
        ImportedRecord.objects.filter(service=service, table=tables.IDS001_MPI).values_list("source_id", flat=True)
    )
    records, row_problems = validate(files, service=service, imported_patients=imported_patients)
    problems = sorted(problems + row_problems + changed_values(files, records, service=service))
    if problems:
        raise ImportRefused(problems)
    counts = Writer(service=service, team=team, account=import_account(by=by, service=service)).write(records)
    audit.record(by=by, action=AuditAction.CREATE, service=service, detail={
        "command": "import_dataset", "team": team.code,
        "created": {table: created for table, (created, _) in counts.items()},
        "already_imported": {table: before for table, (_, before) in counts.items()},
    })  # fmt: skip
    return ImportResult(counts)


def import_account(*, by, service):
    """The service's "Imported from previous system" account: inactive, no usable password, no team, so it
    never signs in or shows in a team; imported work is credited to it rather than to a real person."""
    username = f"imported-{service.ods_code.lower()}"
    account = User.objects.filter(username=username, service=service).first()
    if account is None:
        account = User(username=username, service=service, role=Role.ADMIN_STAFF, is_active=False,
                       first_name=IMPORT_ACCOUNT_FIRST_NAME, last_name=IMPORT_ACCOUNT_LAST_NAME)  # fmt: skip
        account.set_unusable_password()
        account.save()
        audit.record(by=by, action=AuditAction.CREATE, obj=account, service=service, detail={"import_account": True})
    return account
