"""`manage.py analyze_db`: refresh the query planner's statistics (portal.core.dbstats); run daily."""

from django.core.management.base import BaseCommand

from portal.core.dbstats import refresh_planner_statistics


class Command(BaseCommand):
    help = "Refresh the database's query planner statistics (ANALYZE). Run it daily and after bulk loads."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database, **options):
        refresh_planner_statistics(database)
        self.stdout.write("planner statistics refreshed")
