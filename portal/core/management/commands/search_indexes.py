"""Create the PostgreSQL trigram search indexes the migrations could not (portal.core.trigram)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from portal.core import trigram


class Command(BaseCommand):
    help = "Create the trigram search indexes on PostgreSQL (after a DBA has created the pg_trgm extension)."

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Not PostgreSQL: search reads the folded columns without these indexes.")
            return
        made = trigram.create_indexes(connection)
        if not made:
            raise CommandError("pg_trgm is not installed and this role may not create it: "
                               "ask a DBA to run CREATE EXTENSION pg_trgm; in this database.")
        self.stdout.write(f"{len(made)} search indexes present: {', '.join(made)}")
