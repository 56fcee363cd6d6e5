"""`manage.py backup`: the database and every stored file, checksummed, in a dated folder
(portal.core.backup). Run it from cron or a systemd timer; see the README."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.core import backup


class Command(BaseCommand):
    help = "Back up the database and every stored file into a dated folder under BACKUP_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("--to", dest="root", type=Path, default=None,
                            help="Folder that receives the dated backup folder (default: BACKUP_ROOT).")
        parser.add_argument("--keep", type=int, default=None,
                            help="Afterwards delete all but the newest KEEP complete backups there.")

    def handle(self, *args, root=None, keep=None, **options):
        root = root or Path(settings.BACKUP_ROOT)
        if keep is not None and keep < 1:
            raise CommandError("--keep must be at least 1.")
        try:
            folder = backup.backup(root, log=self.stdout.write)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
        if keep is not None:
            for old in backup.prune(root, keep):
                self.stdout.write(f"deleted the older backup {old}")
