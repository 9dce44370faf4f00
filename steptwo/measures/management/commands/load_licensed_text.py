"""manage.py load_licensed_text: a service's licensed wording for a data-only instrument, from a CSV file.

CSV format: see steptwo.measures.licensed_text (header item_id,text; item_id is "stem" or q1, q2, ...).
"""

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from steptwo.accounts.models import User
from steptwo.measures import instruments, licensed_text
from steptwo.organisations.models import Service


class Command(BaseCommand):
    help = (
        "Load a service's licensed wording for a data-only instrument (for example WSAS, SPIN, PDSS) from a CSV "
        "file. The file is UTF-8 with the header row item_id,text and one row per item: item_id is 'stem' (the "
        "introduction) or an item id of the instrument (q1, q2, ...); text is the wording, quoted if it contains "
        "commas, quotes or line breaks. Text already loaded for the same item is replaced; one audit event is "
        "written. The acting user (--username) must be a service manager or system administrator of the service. "
        "Instruments with public-domain wording (PHQ-9, GAD-7, PHQ-15, PCL-5) are refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("--service", required=True, help="ODS code of the service")
        parser.add_argument("--instrument", required=True, help="Instrument id, for example wsas or spin")
        parser.add_argument("--file", required=True, help="Path of the CSV file (columns item_id,text)")
        parser.add_argument("--username", required=True, help="The service manager or system administrator loading it")

    def handle(self, *args, **options):
        service = Service.objects.filter(ods_code=options["service"]).first()
        if service is None:
            raise CommandError(f"No service with ODS code {options['service']}")
        user = User.objects.filter(username=options["username"], service=service).first()
        if user is None:
            raise CommandError(f"No member of staff {options['username']} in {service}")
        if not licensed_text.may_load(user, service):
            raise CommandError(
                f"{options['username']} is not an active service manager or system administrator of {service}"
            )
        try:
            with open(options["file"], encoding="utf-8-sig", newline="") as file:
                texts = licensed_text.read_csv(file)
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{options['file']} is not UTF-8 text") from None
        except licensed_text.LicensedTextError as error:
            raise CommandError(f"{options['file']}: {error}") from None
        try:
            loaded = licensed_text.load_licensed_text(
                by=user, service=service, instrument_id=options["instrument"], texts=texts
            )
        except (licensed_text.LicensedTextError, PermissionDenied) as error:
            raise CommandError(str(error)) from None
        name = instruments.get(options["instrument"]).short_name
        self.stdout.write(f"Loaded {len(loaded)} texts for {name} in {service}: {', '.join(loaded)}")
