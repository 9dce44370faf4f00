import getpass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from steptwo.accounts import services
from steptwo.accounts.models import Role, User
from steptwo.organisations.models import Service


class Command(BaseCommand):
    help = "Add a member of staff to a service. The password is asked for (or read from STEPTWO_NEW_PASSWORD)."

    def add_arguments(self, parser):
        parser.add_argument("--service", required=True, help="ODS code of the service")
        parser.add_argument("--username", required=True)
        parser.add_argument("--first-name", required=True)
        parser.add_argument("--last-name", required=True)
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--team", action="append", default=[], help="Team code (repeatable)")
        parser.add_argument("--email", default="")
        parser.add_argument("--supervisor", help="Username of their PWP supervisor in the same service")

    def handle(self, *args, **options):
        service = Service.objects.filter(ods_code=options["service"]).first()
        if service is None:
            raise CommandError(f"No service with ODS code {options['service']}")
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError(f"The username {options['username']} is taken")
        teams = list(service.teams.filter(code__in=options["team"]))
        missing = set(options["team"]) - {team.code for team in teams}
        if missing:
            raise CommandError(f"No team with code(s) {', '.join(sorted(missing))} in {service}")
        supervisor = self._supervisor(service, options["supervisor"])
        password = self._password(options)
        user = services.create_staff(
            by=None, service=service, username=options["username"], password=password,
            first_name=options["first_name"], last_name=options["last_name"], role=options["role"],
            teams=teams, email=options["email"], supervisor=supervisor,
        )  # fmt: skip
        self.stdout.write(f"Added {user} ({user.get_role_display()}) to {service}")

    def _supervisor(self, service, username):
        if not username:
            return None
        supervisor = User.objects.filter(service=service, username=username, is_active=True).first()
        if supervisor is None:
            raise CommandError(f"No active member of staff {username} in {service}")
        if supervisor.role != Role.PWP_SUPERVISOR:
            raise CommandError(f"{username} is not a PWP supervisor, so could not sign off notes")
        return supervisor

    def _password(self, options):
        import os

        password = os.environ.get("STEPTWO_NEW_PASSWORD") or getpass.getpass("Password: ")
        candidate = User(username=options["username"], first_name=options["first_name"], last_name=options["last_name"])
        try:
            validate_password(password, candidate)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        return password
