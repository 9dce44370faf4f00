"""manage.py rebuild_etr_curves: a service's own expected-treatment-response curves from its finished episodes."""

from django.core.management.base import BaseCommand, CommandError

from steptwo.organisations.models import Service
from steptwo.supervision import etr_build
from steptwo.supervision.models import SupervisionSettings


class Command(BaseCommand):
    help = (
        "Build new PHQ-9 and GAD-7 expected-treatment-response curves from a service's finished episodes "
        "(referrals discharged after at least two attended treatment sessions, intake score at caseness). Earlier "
        "curve sets are kept unchanged. Prints the episodes per intake-severity band and whether the service now "
        "uses its own curves or still the shipped starter table (built from synthetic data). Audited."
    )

    def add_arguments(self, parser):
        parser.add_argument("--service", required=True, help="ODS code of the service")
        parser.add_argument("--dry-run", action="store_true", help="Build and print the curves without saving them")
        parser.add_argument(
            "--min-per-point", type=int, default=etr_build.MIN_EPISODES_PER_POINT,
            help="Episodes needed at a session for a curve point (default %(default)s)",
        )  # fmt: skip

    def handle(self, *args, **options):
        service = Service.objects.filter(ods_code=options["service"]).first()
        if service is None:
            raise CommandError(f"No service with ODS code {options['service']}")
        if options["min_per_point"] < 1:
            raise CommandError("--min-per-point must be at least 1")
        dry_run = options["dry_run"]
        results = etr_build.rebuild(by=None, service=service, minimum=options["min_per_point"], dry_run=dry_run)
        needed = SupervisionSettings.for_service(service).etr_minimum_episodes
        for built in results:
            self._report(built, needed, dry_run)
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")

    def _report(self, built, needed, dry_run):
        curve_set = built.curve_set
        name = {"phq9": "PHQ-9", "gad7": "GAD-7"}[curve_set.instrument_id]
        saved = "would build" if dry_run else f"built curve set {curve_set.pk}"
        self.stdout.write(f"{name}: {saved} from {curve_set.episodes} finished episodes, {len(built.points)} points")
        for band, episodes in built.episodes_per_band.items():
            sessions = max((p.session_number for p in built.points if p.intake_min == band.low), default=0)
            curve = f"curve to session {sessions}" if sessions else "no curve (too few episodes)"
            self.stdout.write(f"  {band.label}: {episodes} episodes, {curve}")
        if curve_set.episodes >= needed:
            verb = "would use" if dry_run else "now uses"
            self.stdout.write(f"  The service {verb} its own {name} curves (at least {needed} episodes needed).")
        else:
            self.stdout.write(
                f"  The service still uses the starter table, built from synthetic data: {curve_set.episodes} of "
                f"the {needed} finished episodes needed (supervision settings)."
            )
