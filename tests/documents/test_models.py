"""What a document record derives by itself, and what it refuses."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from documents import services
from documents.models import Document, DocumentKind, LinkKind, year_from_number

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("number", "year"), [
    ("15/2003/QH11", 2003), ("42/2010", 2010), ("06/2022/QH15", 2022), ("1479/HD-BTĐKT", None), ("", None),
    ("123/KH-UBND", None),
])
def test_the_year_of_issue_is_read_from_the_number(number, year):
    assert year_from_number(number) == year


def test_derived_columns_are_written_on_save(border):
    document = services.document_create(
        kind=DocumentKind.PLAN, title="Kế hoạch công tác thi đua, khen thưởng năm 2018",
        issuer_unit=border.organiser, signed_on=datetime.date(2018, 1, 15),
    )
    assert document.issuer_name == "UBND tỉnh Lạng Sơn"  # from the unit, kept as written
    assert document.issuer_slug == "ubnd-tinh-lang-son"
    assert document.year == 2018 and document.sort_date == datetime.date(2018, 1, 15)
    assert document.slug == "ke-hoach-cong-tac-thi-dua-khen-thuong-nam-2018"
    assert "ke hoach cong tac thi dua" in document.search_text
    assert document.published_at is None


def test_twins_get_distinct_slugs(make_document):
    first = make_document(number="", title="Báo cáo tổng kết")
    second = make_document(number="", title="Báo cáo tổng kết")
    assert (first.slug, second.slug) == ("bao-cao-tong-ket", "bao-cao-tong-ket-2")


def test_a_document_needs_a_number_or_a_title():
    with pytest.raises(ValidationError) as error:
        services.document_create(kind=DocumentKind.DECREE, number="", title="")
    assert "Hãy nhập số, ký hiệu hoặc trích yếu" in str(error.value)


def test_the_signing_year_must_agree_with_the_number():
    with pytest.raises(ValidationError) as error:
        services.document_create(kind=DocumentKind.DECREE, number="91/2017/NĐ-CP", signed_on=datetime.date(2018, 7, 31))
    assert "signed_on" in error.value.message_dict


def test_a_document_ceases_after_it_starts():
    with pytest.raises(ValidationError):
        services.document_create(kind=DocumentKind.DECREE, number="1/2020/NĐ-CP",
                                 effective_on=datetime.date(2020, 5, 1), expires_on=datetime.date(2020, 5, 1))


def test_two_documents_cannot_replace_each_other(make_document):
    first, second = make_document(), make_document()
    services.document_link(from_document=first, to_document=second, kind=LinkKind.REPLACES)
    with pytest.raises(ValidationError):
        services.document_link(from_document=second, to_document=first, kind=LinkKind.REPLACES)


def test_linking_again_updates_the_date_and_note(make_document):
    first, second = make_document(), make_document()
    services.document_link(from_document=first, to_document=second, kind=LinkKind.AMENDS)
    link = services.document_link(from_document=first, to_document=second, kind=LinkKind.AMENDS,
                                  date=datetime.date(2025, 1, 1), note="Điều 5")
    assert second.links_in.get() == link and link.note == "Điều 5"


def test_publication_time_is_kept_when_unpublished_and_published_again(make_document):
    document = make_document(is_published=True)
    first = document.published_at
    services.document_update(document=document, is_published=False)
    services.document_update(document=document, is_published=True)
    assert document.published_at == first


def test_the_citation_names_what_is_known(make_document):
    decree = make_document(number="91/2017/NĐ-CP", signed_on=datetime.date(2017, 7, 31),
                           title="Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng")
    assert decree.citation == ("Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ quy định chi tiết thi hành "
                               "một số điều của Luật Thi đua, khen thưởng")
    law = make_document(kind=DocumentKind.LAW, number="06/2022/QH15", title="Luật Thi đua, khen thưởng",
                        issuer_name="Quốc hội")
    assert law.citation == "Luật Thi đua, khen thưởng số 06/2022/QH15"
    plan = make_document(kind=DocumentKind.PLAN, number="", title="Kế hoạch công tác năm 2017")
    assert plan.citation == "Kế hoạch công tác năm 2017 của Chính phủ"


def test_search_text_holds_the_short_forms(make_document):
    document = make_document(number="152/2025/NĐ-CP")
    assert "nghi dinh" in document.search_text and " nd " in f" {document.search_text} "
    assert "152 2025 nd cp" in document.search_text
    assert Document.objects.filter(search_text__contains="152/2025/nd-cp").exists()


def test_a_corrected_number_corrects_the_year(make_document):
    document = make_document(number="15/2030/QH11")
    assert document.year == 2030
    services.document_update(document=document, number="15/2003/QH11")
    assert document.year == 2003 and document.sort_date == datetime.date(2003, 1, 1)


def test_a_typed_year_stands_when_neither_date_nor_number_gives_one(make_document):
    assert make_document(kind=DocumentKind.GUIDANCE, number="1479/HD-BTĐKT", year=2016).year == 2016
