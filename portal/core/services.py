"""Writes of the bottom app that every other app may call."""

from django.db import transaction

from .models import PathRedirect


@transaction.atomic
def path_redirect_record(*, old_path: str, new_path: str, model=None):
    """Remember that the page at `old_path` now lives at `new_path` (a 301 from then on).

    Every older address that led to `old_path` is pointed straight at `new_path`, so a visitor
    never follows a chain of redirects; and an entry leaving `new_path` is dropped, since that
    address is a live page again (a slug changed back) and the entry could only make a loop.

    `model` is the historical PathRedirect when a data migration calls this (see
    portal.core.slugs.remake_slugs); other code leaves it out. Returns the entry, or None when
    the two addresses are the same."""
    model = model or PathRedirect
    if not old_path or old_path == new_path:
        return None
    model._default_manager.filter(old_path=new_path).delete()
    model._default_manager.filter(new_path=old_path).update(new_path=new_path)
    entry, _created = model._default_manager.update_or_create(old_path=old_path, defaults={"new_path": new_path})
    return entry
