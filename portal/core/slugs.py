"""Remaking slugs that were not made by portal.core.text, and keeping their old addresses.

Until issue 11 some slugs came from the admin's prepopulated-slug script (urlify.js), which has
no Vietnamese map: "Cụm thi đua số 2" was saved as `cm-thi-djua-s-2`. Slugs are now made on the
server only; `remake_slugs`, run from each app's data migration, repairs the saved ones and keeps
every address it changes as a permanent redirect (portal.core.models.PathRedirect)."""

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from .services import path_redirect_record
from .text import unique_slug, vn_slugify

# unique_slug keeps this many characters free for a "-2", "-3"… suffix.
_SUFFIX_ROOM = 6


def slug_is_current(slug: str, text: str, *, max_length: int = 200) -> bool:
    """Would unique_slug make `slug` from `text` today, up to the number a twin gets?

    'cum-thi-dua-so-2-3' for a second "Cụm thi đua số 2" counts as current: renumbering twins
    would move good addresses for nothing."""
    base = vn_slugify(text, max_length=max_length - _SUFFIX_ROOM) or "muc"
    if slug == base:
        return True
    match = re.fullmatch(re.escape(base) + r"-(\d+)", slug or "")
    return match is not None and int(match.group(1)) >= 2


def looks_made_by_urlify(slug: str, text: str) -> bool:
    """Could the admin's urlify.js have made `slug` from `text`? It lower-cases, maps some
    accented letters to their base and drops the others (most Vietnamese vowels with tones),
    turns "đ" into "dj" and runs of spaces or dashes into one dash. A slug a person chose
    ("tdkt") or the server made does not fit that shape and is left alone."""
    parts = []
    for char in (text or "").casefold():
        if char == "đ":
            parts.append("(?:dj|d)?")
        elif char.isascii() and char.isalnum():
            parts.append(re.escape(char))
        elif char.isspace() or char in "-_":
            parts.append("-*")
        else:
            base = unicodedata.normalize("NFD", char)[0]
            parts.append(f"{re.escape(base)}?" if base.isascii() and base.isalnum() else "")
    pattern = "-*" + "".join(parts) + "-*"
    collapsed = re.sub(r"-+", "-", slug or "")
    return bool(slug) and re.fullmatch(pattern, collapsed) is not None


def remake_slugs(
    apps,
    schema_editor,
    *,
    model: str,
    path: Callable[[str, Any], str],
    source_field: str = "name",
    slug_field: str = "slug",
    only: Callable[[str, str], bool] | None = None,
) -> list[tuple[str, str]]:
    """In a data migration: give every row of `model` ("app_label.Model") whose saved slug is not
    what unique_slug makes from `source_field` the slug it would make now, and record the row's
    old address → new address in the redirect table. Returns those (old, new) address pairs.

    `path(slug, row)` is the row's public address for a slug, written out in the migration (not
    reversed from today's URLconf: the migration must keep meaning what the addresses were when
    it was written). The calling migration must depend on ("core", "0002_path_redirects").
    `only(slug, text)`, when given, narrows the rows remade (e.g. looks_made_by_urlify, so
    that slugs people chose on purpose keep their addresses).

        def remake_unit_slugs(apps, schema_editor):
            remake_slugs(apps, schema_editor, model="clusters.Unit", source_field="name",
                         path=lambda slug, unit: f"/don-vi/{slug}/")

        operations = [migrations.RunPython(remake_unit_slugs, migrations.RunPython.noop)]
    """
    Model = apps.get_model(model)
    try:
        Redirect = apps.get_model("core", "PathRedirect")
    except LookupError as error:
        raise LookupError(
            f"remake_slugs({model}): the migration must depend on ('core', '0002_path_redirects')"
        ) from error
    manager = Model._default_manager.db_manager(schema_editor.connection.alias)
    max_length = Model._meta.get_field(slug_field).max_length
    moved = []
    # A list, not a cursor left open while the same table is updated (SQLite dislikes that);
    # tables with typed slugs (units, clusters, categories) are small.
    for row in list(manager.order_by("pk")):
        old_slug = getattr(row, slug_field)
        text = getattr(row, source_field) or ""
        if old_slug and slug_is_current(old_slug, text, max_length=max_length):
            continue
        if old_slug and only is not None and not only(old_slug, text):
            continue
        new_slug = unique_slug(Model, text, field=slug_field, instance=row, max_length=max_length)
        if new_slug == old_slug:
            continue
        # update(), not save(): remaking an address is no edit of the record (updated_at stays).
        manager.filter(pk=row.pk).update(**{slug_field: new_slug})
        if old_slug:
            old_path, new_path = path(old_slug, row), path(new_slug, row)
            path_redirect_record(old_path=old_path, new_path=new_path, model=Redirect)
            moved.append((old_path, new_path))
    return moved
