from django.core.management.base import BaseCommand

from steptwo.core.db_stats import refresh_planner_statistics


class Command(BaseCommand):
    help = "Refresh the database's query-planner statistics (ANALYZE). Run after a bulk load on SQLite."

    def handle(self, *args, **options):
        refresh_planner_statistics()
        self.stdout.write("Planner statistics refreshed.")
