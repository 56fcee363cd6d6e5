"""Files chosen in a form whose save was refused are kept, so nobody has to choose them again.

A browser never sends a chosen file twice: after a refused save the file input is empty. So
the page stores each acceptable new upload as a PendingUpload of the user who sent it
(private storage, images without their metadata), and the form shows it (a thumbnail or its
name, and a "remove" box) with its token in a hidden input. The next POST that carries the
token and no new file uses the kept file as if it had been chosen again. Only the uploader's
own tokens count: anyone else's is ignored, and the thumbnail answers 404 to them
(portal.core.files.private_file).

Forms opt in with PendingUploadFormMixin; a page calls `pending_uploads_keep(forms)` when it
re-renders a POST without saving, and `pending_uploads_consumed(forms)` after a save. The admin
does both through PendingUploadAdminMixin. Kept files older than a day are purged
(opportunistically when a new one is stored, and by `manage.py purge_pending_uploads`)."""

import datetime
import os
import secrets
from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from . import uploads
from .models import PendingUpload

MAX_AGE = datetime.timedelta(days=1)
TOKEN_SUFFIX = "__pending"  # noqa: S105 - a field-name suffix, not a secret
REMOVE_SUFFIX = "__pending_remove"


# --- the rows ----------------------------------------------------------------------------------

def pending_uploads_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete kept uploads older than a day, with their files. Returns how many went."""
    cutoff = (now or timezone.now()) - MAX_AGE
    count = 0
    for row in PendingUpload.objects.filter(created_at__lt=cutoff).only("pk", "file", "thumbnail"):
        row.delete()  # the files go with the row (files.delete_files_with_rows)
        count += 1
    return count


def pending_upload_store(*, user, upload) -> PendingUpload:
    """Keep `upload` for `user`. Images are stored again without EXIF/XMP (a phone's GPS
    position stays private even in a file nobody published) and get a small thumbnail."""
    pending_uploads_purge()
    row = PendingUpload(
        user=user, token=secrets.token_urlsafe(24),
        original_name=os.path.basename(upload.name or "")[:255] or "file",
        content_type=(getattr(upload, "content_type", "") or "")[:100],
    )
    try:
        uploads.validate_image(upload)
    except ValidationError:
        row.file.save(row.original_name, upload, save=False)
    else:
        clean = uploads.strip_metadata(upload)
        row.file.save(clean.name, clean, save=False)
        row.thumbnail.save("thumb.jpg", uploads.make_renditions(clean)["thumb"], save=False)
    upload.seek(0)
    row.save()
    return row


def pending_upload_for(*, user, token: str) -> PendingUpload | None:
    """The user's own kept upload with this token, if it is still there; None for anyone else."""
    if not token or user is None or not user.is_authenticated:
        return None
    cutoff = timezone.now() - MAX_AGE
    return PendingUpload.objects.filter(token=token[:40], user=user, created_at__gte=cutoff).first()


def pending_upload_visible_to(user, row: PendingUpload) -> bool:
    return bool(user and user.is_authenticated and row.user_id == user.pk)


def _as_upload(row: PendingUpload) -> UploadedFile:
    storage = row.file.storage
    return UploadedFile(file=storage.open(row.file.name, "rb"), name=row.original_name,
                        content_type=row.content_type or None, size=storage.size(row.file.name))


# --- the widget ---------------------------------------------------------------------------------

class PendingUploadWidgetMixin:
    """Renders the file input as it is, then the kept upload (if any) with its token."""

    pending = None

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if self.pending is None:
            return html
        extra = render_to_string("core/pending_upload.html", {
            "pending": self.pending, "token_name": name + TOKEN_SUFFIX, "remove_name": name + REMOVE_SUFFIX,
            "id": (attrs or {}).get("id") or self.attrs.get("id") or name,
        })
        return html + extra


_WIDGET_CLASSES: dict[type, type] = {}


def _keeping(widget: forms.Widget) -> forms.Widget:
    # The widget is the form's own deep copy, and may be any FileInput (the admin puts its
    # AdminFileWidget there): give that very object a subclass that knows the kept upload.
    cls = type(widget)
    if not issubclass(cls, PendingUploadWidgetMixin):
        if cls not in _WIDGET_CLASSES:
            _WIDGET_CLASSES[cls] = type(f"Pending{cls.__name__}", (PendingUploadWidgetMixin, cls), {})
        widget.__class__ = _WIDGET_CLASSES[cls]
    return widget


# --- the form -----------------------------------------------------------------------------------

class PendingUploadFormMixin:
    """For any form (or formset form) with FileFields: a file kept from a refused save is used
    again when the next POST carries its token and no new file.

    `uploader` is the signed-in user; pass it as a keyword (formsets: form_kwargs), or set it
    on a form class made for the request (the admin's get_form/get_formset do)."""

    uploader = None

    def __init__(self, *args, uploader=None, **kwargs):
        super().__init__(*args, **kwargs)
        if uploader is not None:
            self.uploader = uploader
        self._chosen = {}  # field name -> a file sent with this request
        self._used_pending = {}  # field name -> the kept upload standing in for it
        for field in self.fields.values():
            if isinstance(field, forms.FileField):
                field.widget = _keeping(field.widget)
        if self.is_bound:
            self._use_pending()

    def _file_field_names(self):
        return [name for name, field in self.fields.items() if isinstance(field, forms.FileField)]

    def _use_pending(self):
        files = self.files.copy() if self.files else MultiValueDict()
        for name in self._file_field_names():
            key = self.add_prefix(name)
            if files.get(key):
                self._chosen[name] = files[key]
            row = pending_upload_for(user=self.uploader, token=self.data.get(key + TOKEN_SUFFIX, ""))
            if row is None:
                continue  # none sent, expired, or somebody else's: ignored
            if self.data.get(key + REMOVE_SUFFIX) or name in self._chosen:
                row.delete()  # removed, or replaced by a new choice
                continue
            try:
                files[key] = _as_upload(row)
            except OSError:  # its file is gone (a purge in between): as if nothing was kept
                row.delete()
                continue
            self._used_pending[name] = row
            self.fields[name].widget.pending = row
        self.files = files

    def _acceptable(self, name, upload) -> bool:
        """Would this file pass its field's checks (the form field's and the model field's)?"""
        if self._errors is not None and name in self._errors:
            return False
        field = self.fields[name]
        try:
            value = field.clean(upload, self.get_initial_for_field(field, name))
            meta = getattr(self, "_meta", None)
            if meta is not None and getattr(meta, "model", None) is not None:
                meta.model._meta.get_field(name).run_validators(value)
        except (ValidationError, LookupError):
            return False
        finally:
            upload.seek(0)
        return True

    def keep_pending_uploads(self) -> None:
        """Store every acceptable file this request sent, so the re-rendered form shows it."""
        if self.uploader is None or not self.uploader.is_authenticated:
            return
        if self.data.get(self.add_prefix("DELETE")):
            return  # a row being deleted keeps nothing
        for name, upload in self._chosen.items():
            if self._acceptable(name, upload):
                row = pending_upload_store(user=self.uploader, upload=upload)
                self._used_pending[name] = row
                self.fields[name].widget.pending = row

    def consume_pending_uploads(self) -> None:
        """After a save: the kept files now live in the record; their rows go when it commits."""
        for row in self._used_pending.values():
            transaction.on_commit(row.delete)
        self._used_pending = {}


def _forms(forms_and_formsets: Iterable) -> Iterable:
    for item in forms_and_formsets:
        if isinstance(item, forms.BaseForm):
            yield item
        else:  # a formset
            yield from item.forms


def pending_uploads_keep(forms_and_formsets: Iterable) -> None:
    """A POST is shown again unsaved: keep the files it brought."""
    for form in _forms(forms_and_formsets):
        if isinstance(form, PendingUploadFormMixin):
            form.keep_pending_uploads()


def pending_uploads_consumed(forms_and_formsets: Iterable) -> None:
    """A POST was saved: the kept files it used are no longer pending."""
    for form in _forms(forms_and_formsets):
        if isinstance(form, PendingUploadFormMixin):
            form.consume_pending_uploads()


# --- the admin ---------------------------------------------------------------------------------

class PendingUploadAdminMixin:
    """For a ModelAdmin whose form or inlines use PendingUploadFormMixin: files of a refused
    save are kept and shown again, and used on the next save."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.uploader = request.user  # a class made for this request
        return form

    def get_formsets_with_inlines(self, request, obj=None):
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            formset.form.uploader = request.user  # likewise made for this request
            yield formset, inline

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST" and "adminform" in context:  # a refused save
            pending_uploads_keep([
                context["adminform"].form,
                *(inline.formset for inline in context.get("inline_admin_formsets", [])),
            ])
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        pending_uploads_consumed([form, *formsets])


class PendingUploadModelForm(PendingUploadFormMixin, forms.ModelForm):
    """The base form for an admin inline (or any ModelForm) whose files are kept."""
