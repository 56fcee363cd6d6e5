"""The library's admin opens, searches without accents, edits links inline, and shows the
computed status; the meeting admin picks its basis document by autocomplete."""

import json

import pytest
from django.urls import reverse

from documents.models import Document, DocumentKind, DocumentLink, LinkKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


def test_changelist_change_and_add_pages_open(admin_client, library):
    changelist = reverse("admin:documents_document_changelist")
    assert admin_client.get(changelist).status_code == 200
    for status in ("replaced", "in_force", "unknown"):
        assert admin_client.get(changelist, {"status": status}).status_code == 200
    assert admin_client.get(changelist, {"kind__exact": "law", "year": "2022"}).status_code == 200
    response = admin_client.get(reverse("admin:documents_document_change", args=[library.decree_98.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "đã được thay thế" in body  # the computed status, read-only
    assert "Được thay thế bởi: Nghị định số 152/2025/NĐ-CP" in body  # the links made to it
    assert admin_client.get(reverse("admin:documents_document_add")).status_code == 200


def test_admin_status_filter_uses_the_computed_status(admin_client, library):
    response = admin_client.get(reverse("admin:documents_document_changelist"), {"status": "replaced"})
    shown = {doc.pk for doc in response.context["cl"].result_list}
    assert shown == {library.old_law.pk, library.decree_98.pk}


def test_admin_search_ignores_accents(admin_client, library):
    response = admin_client.get(reverse("admin:documents_document_changelist"), {"q": "nghi dinh 152"})
    assert [doc.pk for doc in response.context["cl"].result_list] == [library.decree_152.pk]


def test_documents_autocomplete_ignores_accents(admin_client, library):
    response = admin_client.get(reverse("admin:autocomplete"), {
        "term": "ke hoach 2017", "app_label": "meetings", "model_name": "meeting", "field_name": "basis_document"})
    assert response.status_code == 200
    results = json.loads(response.content)["results"]
    assert [row["id"] for row in results] == [str(library.plan.pk)]


def add_post(**extra):
    data = {
        "kind": DocumentKind.DECREE, "number": "152/2025/NĐ-CP", "title": "", "slug": "", "issuer_name": "Chính phủ",
        "issuer_unit": "", "signer": "", "signed_on": "", "effective_on": "01/07/2025", "expires_on": "", "year": "",
        "summary": "", "source_note": "", "is_published": "on",
        "links_out-TOTAL_FORMS": "0", "links_out-INITIAL_FORMS": "0", "links_out-MIN_NUM_FORMS": "0",
        "links_out-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_a_document_added_in_the_admin_gets_its_slug_year_and_links(admin_client, make_document):
    old = make_document(number="98/2023/NĐ-CP")
    response = admin_client.post(reverse("admin:documents_document_add"), add_post(**{
        "links_out-TOTAL_FORMS": "1", "links_out-0-kind": LinkKind.REPLACES, "links_out-0-to_document": old.pk,
        "links_out-0-date": "", "links_out-0-note": ""}))
    assert response.status_code == 302, response.context["adminform"].form.errors
    new = Document.objects.get(number="152/2025/NĐ-CP")
    assert new.slug == "nghi-dinh-so-152-2025-nd-cp"
    assert new.year == 2025 and new.issuer_slug == "chinh-phu"
    assert new.published_at is not None
    assert DocumentLink.objects.filter(from_document=new, to_document=old, kind=LinkKind.REPLACES).exists()
    assert Document.objects.with_status().get(pk=old.pk).status == "replaced"


def test_a_document_linked_to_itself_is_a_form_error(admin_client, make_document):
    document = make_document(number="5/2020/NĐ-CP")
    data = add_post(number="5/2020/NĐ-CP", effective_on="", **{
        "links_out-TOTAL_FORMS": "1", "links_out-0-kind": LinkKind.CITES, "links_out-0-to_document": document.pk,
        "links_out-0-from_document": document.pk, "links_out-0-date": "", "links_out-0-note": "",
        "_version": document.version})
    response = admin_client.post(reverse("admin:documents_document_change", args=[document.pk]), data)
    assert response.status_code == 200
    assert "không thể liên kết với chính nó" in response.content.decode()
    assert not DocumentLink.objects.exists()


def test_a_document_with_neither_number_nor_title_is_refused_with_a_message(admin_client):
    response = admin_client.post(reverse("admin:documents_document_add"), add_post(number=""))
    assert response.status_code == 200
    assert "Hãy nhập số, ký hiệu hoặc trích yếu" in response.content.decode()
    assert not Document.objects.exists()


def test_meeting_admin_shows_the_basis_document_field(admin_client, make_meeting, library):
    meeting = make_meeting(basis_document=library.plan)
    response = admin_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="basis_document"' in body and "Kế hoạch công tác thi đua" in body
