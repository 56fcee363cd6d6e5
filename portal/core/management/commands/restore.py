"""`manage.py restore <folder>`: put a backup made by `manage.py backup` back, database and files.

Every file is checked against the manifest first; a mismatch is refused before anything is
touched. Stop the application processes while it runs; run `manage.py migrate` afterwards when
the code is newer than the backup."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from portal.core import backup


class Command(BaseCommand):
    help = "Restore the database and the stored files from a backup folder, after checking its checksums."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="A folder written by `manage.py backup`.")
        parser.add_argument("--check", action="store_true",
                            help="Only check the folder against its manifest; change nothing.")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help="Do not ask for confirmation.")

    def handle(self, *args, folder, check=False, interactive=True, **options):
        try:
            manifest = backup.verify(folder)
            backup.check_compatible(manifest)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{folder}: {len(manifest['files'])} files match the manifest "
                          f"(made {manifest['created']}).")
        if check:
            return
        if interactive:
            answer = input(
                f"This replaces every table of the database {connection.settings_dict['NAME']!r} and every "
                f"file of the storages {', '.join(manifest['storages'])} with the backup's.\n"
                "Type 'yes' to continue, or anything else to cancel: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled.")
        try:
            backup.restore(folder, manifest=manifest, log=self.stdout.write)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Restored from {folder}."))
