"""Records cite documents, and both pages say so: the meeting links the plan it was held under,
the plan lists the meetings held under it. Higher apps register as citers, so the library never
imports them."""

import re

import pytest

from documents import citations
from meetings.models import RecordState

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_meeting_page_links_its_basis_document(client, library, make_meeting, site_profile):
    meeting = make_meeting(basis="Kế hoạch công tác thi đua, khen thưởng năm 2017 của UBND tỉnh Lạng Sơn",
                           basis_document=library.plan)
    body = text_of(client.get(meeting.get_absolute_url()))
    assert (f'<dd><a href="{library.plan.get_absolute_url()}">Kế hoạch công tác thi đua, khen thưởng năm 2017 của '
            f'UBND tỉnh Lạng Sơn</a></dd>') in body


def test_the_meeting_page_names_a_numbered_basis_with_its_number(client, library, make_meeting, site_profile):
    meeting = make_meeting(basis="Luật Thi đua, khen thưởng", basis_document=library.law)
    body = text_of(client.get(meeting.get_absolute_url()))
    assert f'<a href="{library.law.get_absolute_url()}">Luật Thi đua, khen thưởng</a> (06/2022/QH15)' in body


def test_a_basis_document_alone_is_shown_by_its_title(client, library, make_meeting, site_profile):
    meeting = make_meeting(basis="", basis_document=library.decree_152)
    body = text_of(client.get(meeting.get_absolute_url()))
    assert f'<a href="{library.decree_152.get_absolute_url()}">Nghị định số 152/2025/NĐ-CP</a>' in body


def test_an_unpublished_basis_document_is_not_linked(client, library, make_meeting, site_profile):
    library.plan.is_published = False
    library.plan.save()
    meeting = make_meeting(basis="Kế hoạch năm 2017", basis_document=library.plan)
    body = text_of(client.get(meeting.get_absolute_url()))
    assert "Kế hoạch năm 2017" in body and library.plan.get_absolute_url() not in body


def test_the_document_page_lists_the_published_meetings_held_under_it(client, library, make_meeting, site_profile):
    held = make_meeting(title="Hội nghị sơ kết theo kế hoạch", basis_document=library.plan)
    draft = make_meeting(title="Hội nghị chưa công bố", basis_document=library.plan,
                         record_state=RecordState.DRAFT)
    make_meeting(title="Hội nghị khác")
    body = text_of(client.get(library.plan.get_absolute_url()))
    assert "Hồ sơ căn cứ vào văn bản này" in body
    assert "<h3>Hội nghị tổ chức theo văn bản này</h3>" in body
    assert f'<a href="{held.get_absolute_url()}">Hội nghị sơ kết theo kế hoạch</a> <span class="meta">(14/7/2017)' \
           in body
    assert draft.get_absolute_url() not in body and "Hội nghị khác" not in body


def test_a_document_nobody_cites_has_no_citations_section(client, library, site_profile):
    assert "Hồ sơ căn cứ vào văn bản này" not in client.get(library.old_law.get_absolute_url()).content.decode()


def test_a_document_cited_by_a_meeting_cannot_be_deleted(library, make_meeting):
    from django.db.models import ProtectedError

    make_meeting(basis_document=library.plan)
    with pytest.raises(ProtectedError):
        library.plan.delete()


@pytest.fixture
def decision_citer(library):
    """A higher app's records citing documents, as awards will register them (here: documents
    standing in for decisions, with a record that has no page of its own)."""

    class Rule:
        def __init__(self, name):
            self.name = name

        def __str__(self):
            return self.name

    class Rows(list):
        def __getitem__(self, item):
            result = super().__getitem__(item)
            return Rows(result) if isinstance(item, slice) else result

    citations.register("test_decisions", label="Quyết định căn cứ văn bản này",
                       records=lambda document: library.law.__class__.objects.filter(pk=library.decree_152.pk)
                       if document.pk == library.law.pk else library.law.__class__.objects.none())
    citations.register("test_rules", label="Quy định khen thưởng căn cứ văn bản này",
                       records=lambda document: Rows([Rule("Bằng khen của Chủ tịch UBND tỉnh")] * 3),
                       meta=lambda rule: "từ 01/07/2025")
    yield
    citations.unregister("test_decisions")
    citations.unregister("test_rules")


def test_any_registered_citer_shows_on_the_document_page(client, library, decision_citer, site_profile):
    body = text_of(client.get(library.law.get_absolute_url()))
    assert "<h3>Quyết định căn cứ văn bản này</h3>" in body
    assert f'<a href="{library.decree_152.get_absolute_url()}">Nghị định số 152/2025/NĐ-CP</a>' in body
    assert "<h3>Quy định khen thưởng căn cứ văn bản này</h3>" in body
    assert "<li>Bằng khen của Chủ tịch UBND tỉnh <span class=\"meta\">(từ 01/07/2025)</span></li>" in body


def test_citing_takes_at_most_the_limit_and_says_there_are_more(library, decision_citer):
    [group] = [g for g in citations.citing(library.plan, limit=2) if g["code"] == "test_rules"]
    assert len(group["items"]) == 2 and group["more"]
