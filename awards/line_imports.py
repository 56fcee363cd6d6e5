"""An attached list uploaded in the admin is read and saved by the task worker (`manage.py
db_worker`), not by the web worker that received it: a list of tens of thousands of rows takes
minutes to parse and save, and a web worker held that long is one fewer for everyone else.

The archive's declared sizes are checked while the upload is received (cheap, and a zip bomb is
refused before any row is read); reading the rows and saving the lines are tasks. The job row
(LineImport) carries the state, the progress and the parsed rows between the steps."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.files import File
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import imports
from .models import Decision, LineImport
from .rules import ConfirmationRequired

State = LineImport.State
# Parsed rows (names of people) are not kept longer than the work needs.
STALE_AFTER = timedelta(days=1)
# A list the admin previews row by row; longer lists go through the import_decision_lines command.
MAX_ROWS = 10_000


def start(*, decision: Decision, upload, user) -> LineImport:
    """Check the archive's declarations, keep the upload privately and queue its reading.
    Raises imports.ImportFileError when the file is refused."""
    declared = imports.check_archive(upload)
    purge_stale()
    if not isinstance(upload, File):  # a stream from a script or a test
        upload = File(upload, name=getattr(upload, "name", None) or "danh-sach.xlsx")
    job = LineImport.objects.create(decision=decision, created_by=user, filename=upload.name[:255],
                                    rows_declared=max(declared - 1, 0) if declared else None, file=upload)
    # The database backend's queue is a table: enqueued after the job row, in the same transaction
    # when there is one, so the worker never picks up a task whose job is not there.
    read_line_import.enqueue(job.pk, translation.get_language())
    return job


def _set(job: LineImport, **fields) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=[*fields, "updated_at"])


def read(job_id: int) -> None:
    job = LineImport.objects.filter(pk=job_id, state=State.QUEUED).first()
    if job is None:  # cancelled or purged meanwhile
        return
    _set(job, state=State.READING)

    def progress(rows_read: int) -> None:
        LineImport.objects.filter(pk=job.pk).update(rows_read=rows_read, updated_at=timezone.now())

    try:
        with job.file.open("rb") as stream:
            rows = imports.read_rows(stream, progress=progress, max_rows=MAX_ROWS)
    except imports.ImportFileError as exc:
        _set(job, state=State.FAILED, message=str(exc))
    except Exception:
        _set(job, state=State.FAILED, message=_("The file could not be read. Save it again in Excel and retry."))
        raise
    else:
        if rows:
            _set(job, state=State.READY, rows=rows, rows_read=len(rows))
        else:
            _set(job, state=State.FAILED, message=_("The file has no rows under the headers."))
    finally:
        # the rows are what the next steps need; the upload itself is not kept
        if job.file:
            job.file.delete(save=False)
            LineImport.objects.filter(pk=job.pk).update(file="")


def check_save(preview: imports.Preview, *, valid_only: bool, confirm: bool) -> str | None:
    """Why this save cannot run (a message for the page), or None."""
    if not valid_only and preview.error_rows:
        return _("Some rows have errors: save the valid rows only, or cancel.")
    if preview.warnings and not confirm:
        return _("Read the warnings and tick the confirmation before saving.")
    if not preview.valid_rows:
        return _("No row can be saved.")
    return None


def request_save(job: LineImport, *, valid_only: bool, confirm: bool, choices: dict[int, str]) -> None:
    updated = LineImport.objects.filter(pk=job.pk, state=State.READY).update(
        state=State.SAVING, message="", updated_at=timezone.now(),
        save_options={"valid_only": valid_only, "confirm": confirm,
                      "choices": {str(k): v for k, v in choices.items()}})
    if updated:  # a second click while the first save runs queues nothing
        save_line_import.enqueue(job.pk, translation.get_language())


def save(job_id: int) -> None:
    job = LineImport.objects.select_related("decision").filter(pk=job_id, state=State.SAVING).first()
    if job is None:
        return
    options = job.save_options
    valid_only, confirm = bool(options.get("valid_only")), bool(options.get("confirm"))
    choices = {int(k): v for k, v in (options.get("choices") or {}).items()}
    # checked again: the database may have changed since the preview was shown
    preview = imports.preview(job.decision, job.rows or [], choices=choices)
    problem = check_save(preview, valid_only=valid_only, confirm=confirm)
    if problem is None:
        try:
            saved = imports.apply(preview, valid_only=valid_only, confirm=confirm)
        except ConfirmationRequired:
            problem = _("Read the warnings and tick the confirmation before saving.")
        except ValidationError as exc:
            problem = " ".join(exc.messages)
        else:
            _set(job, state=State.DONE, saved_count=len(saved), rows=None)
            return
    _set(job, state=State.READY, message=problem)


def cancel(job: LineImport) -> None:
    if job.file:
        job.file.delete(save=False)
    _set(job, state=State.CANCELLED, rows=None, file="")


def purge_stale() -> int:
    """Drop the jobs (and their uploads and rows) untouched for a day."""
    stale = list(LineImport.objects.filter(updated_at__lt=timezone.now() - STALE_AFTER))
    for job in stale:
        if job.file:
            job.file.delete(save=False)
    return LineImport.objects.filter(pk__in=[job.pk for job in stale]).delete()[0]


def _in(language: str | None):
    return translation.override(language or None)


@task()
def read_line_import(job_id: int, language: str | None = None) -> None:
    with _in(language):
        read(job_id)


@task()
def save_line_import(job_id: int, language: str | None = None) -> None:
    with _in(language):
        save(job_id)
