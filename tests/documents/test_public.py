"""The public library: only published documents, filters, accent-insensitive search, the
document page with its links both ways, the feed, the full text, and constant query counts."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from documents.models import Document, DocumentKind, LinkKind

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def listed(client, **params) -> str:
    response = client.get(reverse("documents:list"), params)
    assert response.status_code == 200
    return text_of(response)


# --- the list and its filters -------------------------------------------------------------

def test_list_shows_published_documents_with_their_status(client, library, site_profile):
    body = listed(client)
    assert "Luật Thi đua, khen thưởng số 06/2022/QH15" in body
    assert "Nghị định số 152/2025/NĐ-CP" in body
    assert "Kế hoạch công tác thi đua, khen thưởng năm 2017 của UBND tỉnh Lạng Sơn" in body
    assert "Còn hiệu lực" in body and "Đã được thay thế" in body and "Chưa rõ hiệu lực" in body


def test_unpublished_documents_are_never_listed_and_their_page_is_404(client, make_document, site_profile):
    draft = make_document(number="7/2026/NĐ-CP", is_published=False)
    assert "7/2026/NĐ-CP" not in listed(client)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "7/2026" not in client.get(reverse("documents:rss")).content.decode()


def test_staff_may_preview_an_unpublished_document_which_is_never_cached(client, staff_user, make_document):
    draft = make_document(number="7/2026/NĐ-CP", is_published=False)
    client.force_login(staff_user)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "chưa công bố" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    assert "7/2026/NĐ-CP" not in listed(client)  # the list stays public-only, even for staff


def test_filter_by_kind(client, library, site_profile):
    body = listed(client, kind=DocumentKind.LAW)
    assert "06/2022/QH15" in body and "15/2003/QH11" in body and "152/2025" not in body


def test_filter_by_issuer(client, library, site_profile):
    body = listed(client, issuer="quoc-hoi")
    assert "06/2022/QH15" in body and "152/2025" not in body
    body = listed(client, issuer="ubnd-tinh-lang-son")
    assert "Kế hoạch công tác thi đua" in body and "06/2022/QH15" not in body


def test_filter_by_year_of_issue(client, library, site_profile):
    body = listed(client, year=2025)
    assert "152/2025/NĐ-CP" in body and "98/2023" not in body and "06/2022" not in body


def test_filter_by_computed_status(client, library, site_profile):
    body = listed(client, status="replaced")
    assert "15/2003/QH11" in body and "98/2023/NĐ-CP" in body
    assert "06/2022/QH15" not in body and "152/2025/NĐ-CP" not in body
    body = listed(client, status="unknown")
    assert "Kế hoạch công tác thi đua" in body and "15/2003" not in body


def test_filters_combine(client, library, site_profile):
    body = listed(client, kind=DocumentKind.DECREE, status="in_force")
    assert "152/2025/NĐ-CP" in body and "06/2022" not in body and "98/2023" not in body


def test_unknown_filter_values_are_a_form_error_not_a_500(client, library, site_profile):
    response = client.get(reverse("documents:list"), {"status": "typed", "kind": "x", "year": "abc"})
    assert response.status_code == 200


def test_filter_choices_follow_new_documents(client, library, make_document, site_profile):
    assert 'value="bo-noi-vu"' not in listed(client)
    make_document(kind=DocumentKind.CIRCULAR, number="02/2023/TT-BNV", issuer_name="Bộ Nội vụ")
    assert '<option value="bo-noi-vu">Bộ Nội vụ</option>' in listed(client)


# --- search --------------------------------------------------------------------------------

def test_search_ignores_accents_and_case(client, library, site_profile):
    body = listed(client, q="nghi dinh 152")
    assert "Nghị định số 152/2025/NĐ-CP" in body
    assert "06/2022/QH15" not in body
    body = listed(client, q="KẾ HOẠCH lang son")
    assert "Kế hoạch công tác thi đua" in body and "152/2025" not in body


def test_search_finds_the_short_forms_people_type(client, library, site_profile):
    assert "Nghị định số 152/2025/NĐ-CP" in listed(client, q="nđ 152")
    assert "Nghị định số 152/2025/NĐ-CP" in listed(client, q="152 2025")
    assert "Luật Thi đua, khen thưởng số 06/2022/QH15" in listed(client, q="luat thi dua 06/2022")


def test_a_search_lists_documents_numbered_so_before_those_that_mention_it(client, library, make_document,
                                                                           site_profile):
    make_document(number="999/2026/NĐ-CP", summary="Nhắc tới Nghị định 152/2025/NĐ-CP.")
    body = listed(client, q="nghi dinh 152")
    assert body.index("Nghị định số 152/2025/NĐ-CP</a>") < body.index("Nghị định số 999/2026/NĐ-CP</a>")


# --- the document page ----------------------------------------------------------------------

def test_document_page_shows_its_facts_and_unknowns(client, library, site_profile):
    body = text_of(client.get(library.decree_152.get_absolute_url()))
    assert "<h1 class=\"page-title\">Nghị định số 152/2025/NĐ-CP" in body
    assert "Cơ quan ban hành</dt> <dd>Chính phủ</dd>" in body
    assert "Ngày có hiệu lực</dt> <dd><time datetime=\"2025-07-01\">01/07/2025</time>" in body
    assert "Người ký</dt> <dd>chưa rõ</dd>" in body
    assert "Ngày hết hiệu lực</dt> <dd>chưa rõ</dd>" in body
    assert "Ngày ký</dt> <dd>chưa rõ (ban hành năm 2025)</dd>" in body


def test_a_document_without_a_number_says_so(client, library, site_profile):
    body = text_of(client.get(library.plan.get_absolute_url()))
    assert "Kế hoạch công tác thi đua, khen thưởng năm 2017 của UBND tỉnh Lạng Sơn" in body
    assert "Số, ký hiệu</dt> <dd>chưa rõ</dd>" in body


def test_document_page_lists_its_links_both_ways(client, library, site_profile):
    body = text_of(client.get(library.decree_152.get_absolute_url()))
    assert "<h3>Thay thế</h3>" in body and library.decree_98.get_absolute_url() in body
    assert "<h3>Hướng dẫn</h3>" in body and library.law.get_absolute_url() in body
    body = text_of(client.get(library.decree_98.get_absolute_url()))
    assert "<h3>Được thay thế bởi</h3>" in body and library.decree_152.get_absolute_url() in body
    body = text_of(client.get(library.law.get_absolute_url()))
    assert "<h3>Được hướng dẫn bởi</h3>" in body
    assert library.decree_98.get_absolute_url() in body and library.decree_152.get_absolute_url() in body
    assert "<h3>Thay thế</h3>" in body and library.old_law.get_absolute_url() in body


def test_links_to_unpublished_documents_stay_hidden(client, library, make_document, link, site_profile):
    draft = make_document(number="8/2026/NĐ-CP", is_published=False)
    link(draft, LinkKind.GUIDES, library.law)
    assert "8/2026" not in client.get(library.law.get_absolute_url()).content.decode()


def test_a_summary_written_by_us_says_so(client, make_document, site_profile):
    ours = make_document(summary="Tóm tắt của chúng tôi.", summary_by_us=True)
    theirs = make_document(summary="Nguyên văn trích yếu.", summary_by_us=False)
    assert "không phải nguyên văn văn bản" in client.get(ours.get_absolute_url()).content.decode()
    assert "không phải nguyên văn văn bản" not in client.get(theirs.get_absolute_url()).content.decode()


def test_pages_answer_head_like_get(client, library, site_profile):
    for url in (reverse("documents:list"), library.law.get_absolute_url(), reverse("documents:rss")):
        assert client.head(url).status_code == 200


# --- the full text ----------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_published_documents_full_text_downloads_as_an_attachment(client, make_document, site_profile):
    document = make_document(number="91/2017/NĐ-CP", file=ContentFile(PDF, name="bat-ky.pdf"))
    assert document.file.name.startswith("private/documents/full-text/")
    assert "bat-ky" not in document.file.name  # a random name
    body = client.get(document.get_absolute_url()).content.decode()
    assert f'href="{document.file.url}"' in body and "Tải về (PDF)" in body
    response = client.get(document.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="nghi-dinh-so-91-2017-nd-cp.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_an_unpublished_documents_full_text_is_404_for_the_public(client, staff_user, make_document):
    document = make_document(is_published=False, file=ContentFile(PDF, name="a.pdf"))
    assert client.get(document.file.url).status_code == 404
    client.force_login(staff_user)
    assert client.get(document.file.url).status_code == 200


def test_the_full_text_must_really_be_a_pdf_or_docx(make_document):
    from django.core.exceptions import ValidationError

    document = Document(kind=DocumentKind.DECREE, number="1/2020/NĐ-CP",
                        file=ContentFile(b"<html><script>alert(1)</script>", name="van-ban.pdf"))
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert "file" in error.value.message_dict
    xlsx_like = ContentFile(b"%PDF-1.4\n", name="bang.xlsx")
    document.file = xlsx_like
    with pytest.raises(ValidationError):
        document.full_clean()


# --- the feed -------------------------------------------------------------------------------

def test_feed_lists_new_documents_newest_first_with_escaped_text(client, make_document):
    make_document(number="1/2024/NĐ-CP")
    newest = make_document(number="2/2024/NĐ-CP", summary="Có <script>alert(1)</script> trong tóm tắt.",
                           summary_by_us=True)
    response = client.get(reverse("documents:rss"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own feed
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Nghị định số 2/2024/NĐ-CP", "Nghị định số 1/2024/NĐ-CP"]
    assert items[0].findtext("link").endswith(newest.get_absolute_url())
    description = items[0].findtext("description")
    assert "<script>" not in description and "&lt;script&gt;" in description
    assert "ban biên tập" in description
    assert items[0].findtext("category") == "Nghị định"


def test_list_and_page_announce_the_feed(client, library, site_profile):
    feed = reverse("documents:rss")
    assert f'type="application/rss+xml" href="{feed}"' in client.get(reverse("documents:list")).content.decode()
    assert f'href="{feed}"' in client.get(library.law.get_absolute_url()).content.decode()


# --- query budgets ----------------------------------------------------------------------------

# With a cold cache, as in each test: the site context (profile, link lists, links: 3), the
# count, the page, and the issuer and year choices (cached until the next write).
LIST_QUERIES = 7
# The site context (3), the document with its status, its links, the documents at their other
# ends, and one query per citer (the meetings held under it).
DETAIL_QUERIES = 10  # one query per kind of citing record (meetings, decisions, rules, movements)


def test_list_query_count_is_constant(client, make_document, link, django_assert_max_num_queries, site_profile):
    documents = [make_document(number=f"{n}/2021/NĐ-CP", issuer_name=f"Cơ quan {n}") for n in range(3)]
    with django_assert_max_num_queries(LIST_QUERIES):
        assert client.get(reverse("documents:list")).status_code == 200
    for n in range(45):
        new = make_document(number=f"{n}/2024/NĐ-CP", issuer_name=f"Cơ quan {n}",
                            effective_on=datetime.date(2024, 1, 1))
        if n < 3:
            link(new, LinkKind.REPLACES, documents[n])
        else:
            link(new, LinkKind.CITES, documents[0])
    with django_assert_max_num_queries(LIST_QUERIES):
        assert client.get(reverse("documents:list"), {"page": 2}).status_code == 200
    with django_assert_max_num_queries(LIST_QUERIES):
        assert client.get(reverse("documents:list"), {"q": "nghi dinh", "status": "in_force"}).status_code == 200


def test_detail_query_count_is_constant(client, make_document, link, make_meeting, django_assert_max_num_queries,
                                        site_profile):
    small, large = make_document(), make_document()
    link(make_document(), LinkKind.GUIDES, small)
    for _ in range(25):
        link(make_document(), LinkKind.GUIDES, large)
        link(large, LinkKind.CITES, make_document())
        make_meeting(basis_document=large)
    with django_assert_max_num_queries(DETAIL_QUERIES):
        assert client.get(small.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(DETAIL_QUERIES):
        assert client.get(large.get_absolute_url()).status_code == 200


def test_feed_query_count_is_constant(client, make_document, django_assert_max_num_queries):
    for n in range(30):
        make_document(number=f"{n}/2022/NĐ-CP")
    with django_assert_max_num_queries(1):
        assert client.get(reverse("documents:rss")).status_code == 200
