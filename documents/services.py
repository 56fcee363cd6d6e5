"""Writes to the document library. The derived columns (slug, year, issuer key, search text)
are written by Document.save; these functions add the checks and the transaction."""

import datetime

from django.db import transaction

from .models import Document, DocumentLink


def _by(user):
    return user if user is not None and user.is_authenticated else None


@transaction.atomic
def document_create(*, kind: str, user=None, **fields) -> Document:
    """A new document record, as far as its source gives it: every fact but the kind and one of
    number or subject line may be left unknown."""
    document = Document(kind=kind, **fields)
    document.created_by = document.updated_by = _by(user)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def document_update(*, document: Document, user=None, **fields) -> Document:
    for name, value in fields.items():
        setattr(document, name, value)
    if _by(user):
        document.updated_by = user
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def document_link(*, from_document: Document, to_document: Document, kind: str,
                  date: datetime.date | None = None, note: str = "") -> DocumentLink:
    """Record (or update the date and note of) `from_document` `kind` `to_document`: "Nghị định
    152/2025 replaces Nghị định 98/2023". The replaced document's status follows by itself."""
    link = DocumentLink.objects.filter(from_document=from_document, to_document=to_document, kind=kind).first()
    link = link or DocumentLink(from_document=from_document, to_document=to_document, kind=kind)
    link.date, link.note = date, note
    link.full_clean()
    link.save()
    return link
