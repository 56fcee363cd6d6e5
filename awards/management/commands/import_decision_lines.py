"""Import a large "danh sách kèm theo" into a decision from the command line, with a progress bar.

The rows are checked first, as in the admin preview; nothing is saved while a row has an error
unless --valid-only is given, and warnings need --confirm. Rows where several people fit the
name and unit are errors unless --new-on-ambiguous creates a new person for them."""

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from awards import imports
from awards.models import Decision
from awards.services import ConfirmationRequired

CHUNK = 1000


class ProgressBar:
    def __init__(self, stream, total: int, label: str, width: int = 40):
        self.stream, self.total, self.label, self.width = stream, max(total, 1), label, width
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def update(self, done: int) -> None:
        filled = int(self.width * min(done, self.total) / self.total)
        line = f"{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {done}/{self.total}"
        # a terminal redraws one line; a log file gets one line per step
        self.stream.write(("\r" + line) if self.tty else (line + "\n"))
        self.stream.flush()

    def finish(self) -> None:
        self.update(self.total)
        if self.tty:
            self.stream.write("\n")


class Command(BaseCommand):
    help = "Import the attached list (xlsx) of a decision: import_decision_lines DECISION_ID FILE.xlsx"

    def add_arguments(self, parser):
        parser.add_argument("decision_id", type=int)
        parser.add_argument("file")
        parser.add_argument("--valid-only", action="store_true", help="Save the valid rows and skip the others.")
        parser.add_argument("--confirm", action="store_true", help="Confirm the warnings (no rules loaded, …).")
        parser.add_argument("--new-on-ambiguous", action="store_true",
                            help="Create a new person where several records fit a row.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, decision_id, file, valid_only, confirm, new_on_ambiguous, no_progress, **options):
        try:
            decision = Decision.objects.select_related("issuer_role", "issuer_unit").get(pk=decision_id)
        except Decision.DoesNotExist:
            raise CommandError(f"No decision with id {decision_id}.") from None
        stream = open("/dev/null", "w") if no_progress else sys.stderr  # noqa: SIM115
        try:
            with open(file, "rb") as handle:
                rows = imports.read_rows(handle, progress=lambda n: stream.write(f"read {n} rows\n"))
        except (OSError, imports.ImportFileError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{len(rows)} rows read from {file}")

        checked = []
        bar = ProgressBar(stream, len(rows), "check")
        choices = {}
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start:start + CHUNK]
            result = imports.preview(decision, chunk)
            if new_on_ambiguous:
                choices = {r.row: imports.NEW for r in result.rows if r.needs_choice}
                if choices:
                    result = imports.preview(decision, chunk, choices=choices)
            checked.append(result)
            bar.update(start + len(chunk))
        bar.finish()

        errors = [(r.row, e) for result in checked for r in result.error_rows for e in r.errors]
        warnings = [w for result in checked for w in result.warnings]
        for row, error in errors[:50]:
            self.stderr.write(f"row {row}: {error}")
        if len(errors) > 50:
            self.stderr.write(f"… and {len(errors) - 50} more errors")
        for warning in warnings[:20]:
            self.stdout.write(f"warning: {warning}")
        if errors and not valid_only:
            raise CommandError(f"{len(errors)} errors: nothing saved (use --valid-only to save the valid rows).")
        if warnings and not confirm:
            raise CommandError(f"{len(warnings)} warnings: nothing saved (use --confirm after reading them).")

        saved = 0
        bar = ProgressBar(stream, sum(len(r.valid_rows) for r in checked), "save")
        try:
            # all chunks or none: a refusal in a late chunk (a duplicate of an earlier one) undoes all
            with transaction.atomic():
                for result in checked:
                    saved += len(imports.apply(result, valid_only=True, confirm=confirm))
                    bar.update(saved)
        except (ConfirmationRequired, ValidationError) as exc:
            raise CommandError(f"refused, nothing saved: {'; '.join(exc.messages[:5])}") from exc
        bar.finish()
        self.stdout.write(self.style.SUCCESS(f"{saved} lines saved to decision {decision.number_text}."))
