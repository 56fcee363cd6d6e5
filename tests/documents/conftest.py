"""Documents made directly, and the border cluster of the meetings tests for the citations."""

import datetime

import pytest

from documents.models import Document, DocumentKind, DocumentLink, LinkKind
from tests.meetings.conftest import border, make_meeting  # noqa: F401 - fixtures shared with the meetings tests

TODAY = datetime.date(2026, 3, 1)


@pytest.fixture
def make_document(db):
    counter = {"n": 0}

    def make(**fields):
        counter["n"] += 1
        values = {"kind": DocumentKind.DECREE, "number": f"{counter['n']}/2020/NĐ-CP", "issuer_name": "Chính phủ",
                  "is_published": True}
        values.update(fields)
        return Document.objects.create(**values)

    return make


@pytest.fixture
def link(db):
    def make(from_document, kind, to_document, **fields):
        return DocumentLink.objects.create(from_document=from_document, to_document=to_document, kind=kind, **fields)

    return make


class Library:
    """Handles on the fixture rows: the 2022 law and its decrees as the notes give them."""


@pytest.fixture
def library(make_document, link):
    lib = Library()
    lib.old_law = make_document(kind=DocumentKind.LAW, number="15/2003/QH11", title="Luật Thi đua, khen thưởng",
                                issuer_name="Quốc hội")
    lib.law = make_document(kind=DocumentKind.LAW, number="06/2022/QH15", title="Luật Thi đua, khen thưởng",
                            issuer_name="Quốc hội", effective_on=datetime.date(2024, 1, 1))
    lib.decree_98 = make_document(number="98/2023/NĐ-CP")
    lib.decree_152 = make_document(number="152/2025/NĐ-CP", effective_on=datetime.date(2025, 7, 1),
                                   summary="Bãi bỏ Nghị định 98/2023/NĐ-CP.")
    lib.plan = make_document(kind=DocumentKind.PLAN, number="", issuer_name="UBND tỉnh Lạng Sơn",
                             title="Kế hoạch công tác thi đua, khen thưởng năm 2017 của UBND tỉnh Lạng Sơn")
    link(lib.law, LinkKind.REPLACES, lib.old_law)
    link(lib.decree_152, LinkKind.REPLACES, lib.decree_98)
    link(lib.decree_98, LinkKind.GUIDES, lib.law)
    link(lib.decree_152, LinkKind.GUIDES, lib.law)
    return lib
