"""The query planner's statistics are refreshed after migrate and on demand: SQLite keeps none
unless asked, and then picks indexes blindly (a cluster's chart walked every published meeting)."""

from django.core.management import call_command
from django.db import connection


def test_analyze_db_refreshes_the_planners_statistics(db):
    call_command("analyze_db", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        else:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'awards_award'")
        assert cursor.fetchone()[0] >= 1
