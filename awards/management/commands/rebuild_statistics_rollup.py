"""Recompute the statistics roll-up (awards/statistics/models.py) from every decision line.

The services keep it equal to the lines as they write; this is for after a bulk job that wrote
lines some other way (bench/generate.py, a restore of part of a backup, a hand-made SQL fix)."""

import time

from django.core.management.base import BaseCommand

from awards.statistics.rollup import statistics_rollup_rebuild
from portal.core.cache import records_written


class Command(BaseCommand):
    help = "Recompute the statistics roll-up of the decision lines (one transaction)."

    def handle(self, *args, **options):
        start = time.monotonic()
        rows = statistics_rollup_rebuild()
        records_written()  # the cached statistics were computed from the old roll-up
        self.stdout.write(self.style.SUCCESS(
            f"Statistics roll-up rebuilt: {rows} rows in {time.monotonic() - start:.1f}s."))
