"""Records of other apps that cite a document, for the document's page, without this app
importing them.

The library sits low (only portal.core and clusters below it); the records that cite its
documents sit above it: meetings cite the plan they follow, and award rules their legal basis,
movements their launching decision, decisions their bases will. Each such app registers a
*citer* in its AppConfig.ready():

    from documents import citations

    citations.register(
        "meetings",
        label=_("Meetings held under it"),
        records=lambda document: public_meetings().filter(basis_document=document),
        meta=lambda meeting: meeting.date_short,
    )

`records(document)` returns the *public* records citing the document, in the order to show
them, as a queryset: a foreign key (`basis_document=document`) and a many-to-many through
table (`legal_bases=document`) read the same way. The document page takes at most
CITATIONS_PER_CITER + 1 rows of each, so its cost is one query per citer whatever the data.
Each record is shown by its str() and linked to its get_absolute_url() when it has one."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch

CITATIONS_PER_CITER = 50


@dataclass(frozen=True)
class Citer:
    code: str
    label: Any  # the heading on the document's page (lazy translation)
    records: Callable  # (document) -> QuerySet of public records citing it
    meta: Callable | None = None  # (record) -> a short line shown after it (a date), or ""


_citers: dict[str, Citer] = {}


def register(code: str, *, label, records: Callable, meta: Callable | None = None) -> None:
    """Add (or, under the same code, replace) a kind of record that cites documents."""
    _citers[code] = Citer(code, label, records, meta)


def unregister(code: str) -> None:
    _citers.pop(code, None)


def citers() -> list[Citer]:
    return list(_citers.values())


def _url(record) -> str:
    try:
        return record.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return ""


def citing(document, *, limit: int = CITATIONS_PER_CITER) -> list[dict]:
    """The records citing `document`, grouped by citer (one query per citer); groups with no
    record are left out. Each group: label, items (title, url, meta) and whether there are more."""
    groups = []
    for citer in _citers.values():
        rows = list(citer.records(document)[: limit + 1])
        if not rows:
            continue
        items = [
            {"title": str(row), "url": _url(row), "meta": citer.meta(row) if citer.meta else "",
             "is_sample": getattr(row, "is_sample", False)}
            for row in rows[:limit]
        ]
        groups.append({"code": citer.code, "label": citer.label, "items": items, "more": len(rows) > limit})
    return groups
