from django.core.management.base import BaseCommand

from steptwo.measures import reference_data
from steptwo.measures.models import AdsmMapping, Threshold


class Command(BaseCommand):
    help = "Load caseness thresholds, reliable-change indices and the ADSM mapping from the versioned CSV files."

    def handle(self, *args, **options):
        reference_data.load(Threshold, AdsmMapping)
        self.stdout.write(f"{Threshold.objects.count()} thresholds, {AdsmMapping.objects.count()} ADSM mappings")
