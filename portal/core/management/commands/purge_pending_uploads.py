"""Delete files kept from refused saves (portal.core.pending) once they are a day old.

Forms purge opportunistically whenever they keep a new file; run this daily (cron or a
systemd timer) so a quiet site does not hold old uploads either."""

from django.core.management.base import BaseCommand

from portal.core.pending import pending_uploads_purge


class Command(BaseCommand):
    help = "Delete uploads kept from refused saves that are more than a day old, with their files."

    def handle(self, *args, **options):
        count = pending_uploads_purge()
        self.stdout.write(f"{count} pending upload(s) deleted.")
