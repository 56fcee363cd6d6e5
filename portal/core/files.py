"""Where uploaded files live, who may fetch them, and how they are handed out.

Every upload is stored under a random name (an address cannot be guessed or derived from
another), and under one of two storages, chosen by the name's first folder:

- ``private/…`` lives in the "private" storage (``STORAGES["private"]``), which no web server
  exposes. Its address (``FieldFile.url``) is the permission-checked view below.
- anything else lives in the "public" storage (``STORAGES["public"]``), served as it is at
  MEDIA_URL (by the proxy, the object store or, on a single host, by Django).

A record's files move between the two when it is published or withdrawn (``set_private``), so
the files of a draft are never public and a withdrawn record's files stop being public at once.
Apps say which of their models own files and who may see them with ``register``; the checked
view looks a file up there and answers 404 to anyone else.

Both storages are ordinary Django storage backends named in settings, so moving the files to an
S3-compatible store (django-storages) is a change of settings: a private object is then handed
out as a short-lived signed address. On local disk the view gives the file to the proxy with
X-Accel-Redirect when MEDIA_ACCEL_REDIRECT names its internal location, and streams it otherwise."""

import mimetypes
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import Storage, storages
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.deconstruct import deconstructible
from django.views.decorators.http import require_safe

PRIVATE_PREFIX = "private/"

INLINE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def is_private(name: str) -> bool:
    return (name or "").startswith(PRIVATE_PREFIX)


def random_name(folder: str, filename: str, *, private: bool = True) -> str:
    """``private/<folder>/<random>.<ext>``: nothing of the uploader's file name is kept but a
    lower-cased extension, so neither the name nor a rendition's name gives the address away."""
    extension = os.path.splitext(filename or "")[1].lower()[:10]
    if not extension.replace(".", "").isalnum():
        extension = ""
    name = f"{folder.strip('/')}/{secrets.token_urlsafe(18)}{extension}"
    return f"{PRIVATE_PREFIX}{name}" if private else name


def private_upload_to(folder: str) -> Callable:
    """An ``upload_to`` for FileFields: new files always start private; publishing moves them."""

    def upload_to(instance, filename):
        return random_name(folder, filename, private=True)

    upload_to.__qualname__ = upload_to.__name__ = f"private_upload_to_{folder.replace('/', '_')}"
    return upload_to


@deconstructible
class RoutedStorage(Storage):
    """The "default" storage: routes each name to the public or the private backend by its
    prefix. The backends are looked up lazily by their STORAGES alias (tests override them)."""

    def __init__(self, public: str = "public", private: str = "private"):
        self.public_alias, self.private_alias = public, private

    def _route(self, name: str) -> tuple[Storage, str]:
        name = (name or "").replace("\\", "/")
        if is_private(name):
            return storages[self.private_alias], name[len(PRIVATE_PREFIX):]
        return storages[self.public_alias], name

    def _open(self, name, mode="rb"):
        backend, inner = self._route(name)
        return backend.open(inner, mode)

    def _save(self, name, content):
        backend, inner = self._route(name)
        saved = backend.save(inner, content)
        return f"{PRIVATE_PREFIX}{saved}" if is_private(name) else saved

    def get_available_name(self, name, max_length=None):
        backend, inner = self._route(name)
        prefix = PRIVATE_PREFIX if is_private(name) else ""
        limit = max_length - len(prefix) if max_length else None
        return prefix + backend.get_available_name(inner, max_length=limit)

    def delete(self, name):
        if name:
            backend, inner = self._route(name)
            backend.delete(inner)

    def exists(self, name):
        backend, inner = self._route(name)
        return backend.exists(inner)

    def size(self, name):
        backend, inner = self._route(name)
        return backend.size(inner)

    def listdir(self, path):
        backend, inner = self._route(path)
        return backend.listdir(inner)

    def path(self, name):
        backend, inner = self._route(name)
        return backend.path(inner)

    def get_modified_time(self, name):
        backend, inner = self._route(name)
        return backend.get_modified_time(inner)

    def url(self, name):
        if is_private(name):
            return reverse("private_file", kwargs={"path": name[len(PRIVATE_PREFIX):]})
        backend, inner = self._route(name)
        return backend.url(inner)


def set_private(field_file, private: bool) -> bool:
    """Move one stored file to the private or the public storage, keeping its random name.
    Returns True when it moved (the caller saves the row's new name).

    The copy is made now and the old file deleted when the transaction commits: a rolled-back
    change leaves the row pointing at a file that still exists."""
    from django.db import transaction

    name = field_file.name
    if not name or is_private(name) == private:
        return False
    storage = field_file.storage
    target = f"{PRIVATE_PREFIX}{name}" if private else name[len(PRIVATE_PREFIX):]
    if storage.exists(name):
        with storage.open(name, "rb") as source:
            target = storage.save(target, File(source, name=os.path.basename(target)))
        transaction.on_commit(lambda: storage.delete(name))
    field_file.name = target
    return True


def sync_privacy(row, fields, *, private: bool) -> bool:
    """Put every file of `row`'s `fields` in the private or the public storage and save the new
    names without a signal (the caller is usually a post_save receiver). True if any moved."""
    moved = [field for field in fields if set_private(getattr(row, field), private)]
    if moved:
        type(row)._default_manager.filter(pk=row.pk).update(**{f: getattr(row, f).name for f in moved})
    return bool(moved)


# --- who owns a file, and who may see it ------------------------------------------------------

@dataclass(frozen=True)
class Owner:
    model: type
    fields: tuple[str, ...]
    can_view: Callable  # (user, obj) -> bool
    attachment: bool  # documents always download; images display
    filename: Callable | None = None  # (obj) -> the name a download is saved under


_OWNERS: list[Owner] = []


def register(model, fields, *, can_view, attachment=False, filename=None) -> None:
    """Declare that `model`'s `fields` hold files served by the checked view to users for whom
    `can_view(user, obj)` is true. Called from the owning app's AppConfig.ready()."""
    if not any(o.model is model and o.fields == tuple(fields) for o in _OWNERS):
        _OWNERS.append(Owner(model, tuple(fields), can_view, attachment, filename))


def find_owner(name: str):
    for owner in _OWNERS:
        condition = Q()
        for field in owner.fields:
            condition |= Q(**{field: name})
        obj = owner.model._default_manager.filter(condition).first()
        if obj is not None:
            return owner, obj
    return None, None


def content_type_for(filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension in DOCUMENT_TYPES:
        return DOCUMENT_TYPES[extension]
    guessed, _encoding = mimetypes.guess_type(filename)
    return guessed if guessed in INLINE_TYPES else "application/octet-stream"


def protect_download(response, filename: str, *, attachment: bool | None = None):
    """Uploaded files never run in a browser: no sniffing, a sandbox CSP, and every document
    (anything but an image) is an attachment."""
    content_type = content_type_for(filename)
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    if attachment or content_type not in INLINE_TYPES:
        ascii_name = filename.encode("ascii", "ignore").decode() or "tai-lieu"
        response["Content-Disposition"] = f'attachment; filename="{ascii_name}"; filename*=UTF-8\'\'{quote(filename)}'
    return response


def serve_stored(request, name: str, *, attachment: bool = False, download_name: str | None = None):
    """Hand a stored file to the browser the cheapest way this installation allows."""
    storage = storages["default"]
    backend_alias = "private" if is_private(name) else "public"
    backend = storages[backend_alias]
    inner = name[len(PRIVATE_PREFIX):] if is_private(name) else name
    filename = download_name or os.path.basename(inner)
    accel = getattr(settings, "MEDIA_ACCEL_REDIRECT", "")
    if getattr(settings, "PRIVATE_MEDIA_SIGNED_URLS", False):
        # object storage: a short-lived signed address, never cached by anyone; the store is asked
        # to answer with the download name and type this view would have sent
        signed = getattr(backend, "signed_download_url", None)
        url = signed(inner, filename=filename, attachment=attachment) if signed else backend.url(inner)
        response = HttpResponseRedirect(url)
    elif accel:
        response = HttpResponse()
        response["X-Accel-Redirect"] = f"{accel.rstrip('/')}/{backend_alias}/{quote(inner)}"
    else:
        if not storage.exists(name):
            raise Http404
        response = FileResponse(storage.open(name, "rb"))
    protect_download(response, filename, attachment=attachment)
    if request.method == "HEAD" and isinstance(response, FileResponse):
        response.file_to_stream.close()
        response = HttpResponse(headers=dict(response.headers))
    return response


@require_safe
def private_file(request, path: str):
    """A private file, for the users its owner lets see it; 404 for everyone else (not 403:
    the existence of a draft's file is nothing to tell)."""
    name = f"{PRIVATE_PREFIX}{path}"
    owner, obj = find_owner(name)
    if owner is None:
        # Published since the link was written (an article body keeps old addresses): the file
        # now lives in the public storage under the same random name.
        public_owner, _public_obj = find_owner(path)
        if public_owner is not None:
            return HttpResponseRedirect(storages["default"].url(path))
    if owner is None or not owner.can_view(request.user, obj):
        raise Http404
    response = serve_stored(request, name, attachment=owner.attachment,
                            download_name=owner.filename(obj) if owner.filename else None)
    # Private: never in a shared cache; a browser may keep it for the session only.
    patch_cache_control(response, private=True, no_store=True)
    return response


# --- files follow their rows -------------------------------------------------------------------

def _delete_replaced(sender, instance, **kwargs):
    """Before a row is saved with a new file in a field, the file it replaces goes (with no
    trace left in either storage)."""
    if not instance.pk:
        return
    fields = _CLEANUP.get(sender, ())
    old = sender._default_manager.filter(pk=instance.pk).values(*fields).first()
    if not old:
        return
    for field in fields:
        previous, current = old[field], getattr(instance, field).name
        if previous and previous != current:
            getattr(instance, field).storage.delete(previous)


def _delete_all(sender, instance, **kwargs):
    for field in _CLEANUP.get(sender, ()):
        file = getattr(instance, field)
        if file and file.name:
            file.storage.delete(file.name)


_CLEANUP: dict[type, tuple[str, ...]] = {}


def delete_files_with_rows(model, fields) -> None:
    """A replaced file is deleted when its row is saved, and a deleted row's files go with it."""
    from django.db.models.signals import post_delete, pre_save

    _CLEANUP[model] = tuple(fields)
    pre_save.connect(_delete_replaced, sender=model, dispatch_uid=f"files-replaced-{model._meta.label}")
    post_delete.connect(_delete_all, sender=model, dispatch_uid=f"files-deleted-{model._meta.label}")


def rehome_files(apps, schema_editor, *, model: str, fields, folder: str, private) -> int:
    """In a data migration: give every stored file of `model` a random name in `folder`, in the
    private or public storage as `private(row)` says, deleting the old file. Files already under
    random names in the right storage, and files missing from disk, are left as they are.
    Returns how many files moved."""
    storage = storages["default"]
    Model = apps.get_model(model)
    manager = Model._default_manager.db_manager(schema_editor.connection.alias)
    moved = 0
    for row in list(manager.all()):
        want_private = bool(private(row))
        changes = {}
        for field in fields:
            name = getattr(row, field).name if getattr(row, field) else ""
            if not name or not storage.exists(name):
                continue
            wanted = random_name(folder, name, private=want_private)
            with storage.open(name, "rb") as source:
                changes[field] = storage.save(wanted, File(source, name=os.path.basename(wanted)))
            storage.delete(name)
            moved += 1
        if changes:
            manager.filter(pk=row.pk).update(**changes)
    return moved
