from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from steptwo.organisations import services
from steptwo.organisations.models import Service, ods_code_validator


class Command(BaseCommand):
    help = "Add an NHS Talking Therapies service (the tenant) and its teams."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="e.g. 'Northshire Talking Therapies'")
        parser.add_argument("--ods-code", required=True, help="The provider service's ODS code, e.g. RX4")
        parser.add_argument(
            "--team", action="append", default=[], metavar="CODE:NAME", help="A team, e.g. N:North team (repeatable)"
        )

    def handle(self, *args, name, ods_code, team, **options):
        try:
            ods_code_validator(ods_code)
        except ValidationError as error:
            raise CommandError(error.messages[0]) from None
        if Service.objects.filter(ods_code=ods_code).exists():
            raise CommandError(f"A service with ODS code {ods_code} already exists")
        teams = [_parse_team(value) for value in team]
        service = services.create_service(by=None, name=name, ods_code=ods_code)
        for code, team_name in teams:
            services.create_team(by=None, service=service, name=team_name, code=code)
        self.stdout.write(f"Added {service} ({ods_code}) with {len(teams)} team(s)")


def _parse_team(value):
    code, _, name = value.partition(":")
    if not code or not name:
        raise CommandError(f"--team must look like CODE:NAME, not {value!r}")
    return code.strip(), name.strip()
