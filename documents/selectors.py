"""Reads of the document library shared by its pages, its feed, site search and the records
that cite it. Every public read starts from public_documents()."""

import datetime

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from portal.core.cache import cached
from portal.core.text import fold

from .models import LINK_HEADINGS, Document, DocumentLink, LinkKind

MAX_TERMS = 8
MAX_QUERY_LENGTH = 200


def public_documents(*, today: datetime.date | None = None) -> QuerySet[Document]:
    """Published documents with their computed status, newest first."""
    return Document.objects.published().with_status(today).order_by("-sort_date", "-id")


def documents_matching(queryset: QuerySet[Document], query: str) -> QuerySet[Document]:
    """Every word of the query, accents and case ignored: "nghi dinh 152" finds "Nghị định số
    152/2025/NĐ-CP". Documents whose number or title holds every word come first (before those
    that only mention it in their summary), newest first within each."""
    terms = search_terms(query)
    if not terms:
        return queryset
    in_title = Q()
    for term in terms:
        queryset = queryset.filter(search_text__contains=term)
        in_title &= Q(search_title__contains=term)
    return queryset.annotate(
        title_match=Case(When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField())
    ).order_by("-title_match", "-sort_date", "-id")


def search_terms(query: str) -> list[str]:
    terms = []
    for word in fold((query or "")[:MAX_QUERY_LENGTH]).split(" "):
        word = word.strip(".,;:!?\"'()[]")
        if word and word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


def public_document_detail(*, slug: str, preview: bool = False, today: datetime.date | None = None) -> Document:
    """One published document with its status (one query). With `preview` (staff only), an
    unpublished one is found too."""
    base = Document.objects.with_status(today) if preview else public_documents(today=today)
    return get_object_or_404(base.select_related("issuer_unit"), slug=slug)


def document_links(document: Document, *, today: datetime.date | None = None) -> list[dict]:
    """The document's links both ways, to and from published documents, as headed groups in a
    fixed order ("Thay thế", "Được thay thế bởi", "Sửa đổi, bổ sung", …). Two queries: the
    links, then the documents at their other ends with their own status."""
    links = list(
        DocumentLink.objects.filter(Q(from_document=document) | Q(to_document=document))
        .order_by("kind", "date", "id")
    )
    other_ids = {link.to_document_id if link.from_document_id == document.pk else link.from_document_id
                 for link in links}
    others = {doc.pk: doc for doc in public_documents(today=today).filter(pk__in=other_ids)} if other_ids else {}
    groups = []
    for kind in LinkKind:
        outgoing_heading, incoming_heading = LINK_HEADINGS[kind]
        for heading, outgoing in ((outgoing_heading, True), (incoming_heading, False)):
            items = []
            for link in links:
                if link.kind != kind or (link.from_document_id == document.pk) != outgoing:
                    continue
                other = others.get(link.to_document_id if outgoing else link.from_document_id)
                if other is not None:
                    items.append({"document": other, "link": link})
            if items:
                groups.append({"kind": kind, "outgoing": outgoing, "heading": heading, "items": items})
    return groups


def documents_for_feed(limit: int = 20) -> list[Document]:
    """The documents most recently added to the public library (one query)."""
    return list(Document.objects.published().order_by("-published_at", "-id")[:limit])


# --- filter choices: small, cached until the next write (portal.core.cache) ------------------

def issuer_choices() -> list[tuple[str, str]]:
    """(key, issuing body) of the published documents, by name."""
    def compute():
        rows = (Document.objects.published().exclude(issuer_slug="")
                .values_list("issuer_slug", "issuer_name").order_by("issuer_slug", "issuer_name").distinct())
        names = {}
        for slug, name in rows:
            names.setdefault(slug, name)  # one label per key, whatever the spelling variants
        return sorted(names.items(), key=lambda item: fold(item[1]))

    return cached("documents-issuers", (get_language(),), compute)


def year_choices() -> list[int]:
    """The years of issue of the published documents, newest first."""
    def compute():
        years = Document.objects.published().exclude(year__isnull=True).values_list("year", flat=True)
        return sorted(set(years.order_by().distinct()), reverse=True)

    return cached("documents-years", (), compute)

