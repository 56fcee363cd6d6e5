"""Public pages after the judges' pass: the decision page links its movement when the movement is
public, a movement of unknown period says "chưa rõ" once, the typed-name filters show their hint
and their errors under the ids the control's aria-describedby names, and a document cited by many
records lists the first ten and keeps the rest behind a disclosure."""

import re

import pytest
from django.urls import reverse

from awards.models import Movement, MovementForm, MovementScope
from documents.models import Document, DocumentKind

from .conftest import individual

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def make_movement(name, *, published=True, **fields):
    values = {"form": MovementForm.THEMATIC, "scope": MovementScope.PROVINCE, "is_published": published}
    values.update(fields)
    return Movement.objects.create(name=name, **values)


def test_decision_page_links_its_published_movement(client, site_profile, awards, people, issue):
    movement = make_movement("Chung sức xây dựng nông thôn mới")
    decision = issue([individual(people["hoa"], awards["provincial_certificate"])], movement=movement)
    body = text_of(client.get(decision.get_absolute_url()))
    assert f'<a href="{movement.get_absolute_url()}">Chung sức xây dựng nông thôn mới</a>' in body


def test_decision_page_names_an_unpublished_movement_without_a_link(client, site_profile, awards, people, issue):
    movement = make_movement("Phong trào chưa công bố", published=False)
    decision = issue([individual(people["hoa"], awards["provincial_certificate"])], movement=movement)
    body = text_of(client.get(decision.get_absolute_url()))
    assert "<dd>Phong trào chưa công bố</dd>" in body
    assert movement.get_absolute_url() not in body  # its page is a 404 to the public


def test_movement_of_unknown_period_says_unknown_once(client, site_profile):
    movement = make_movement("Phong trào không rõ thời gian")
    body = text_of(client.get(movement.get_absolute_url()))
    assert "<dt>Khoảng thời gian</dt><dd>chưa rõ</dd>" in body
    assert "thời gian: chưa rõ" not in body


def _described_ids(body, field_id):
    [ids] = re.findall(rf'<input[^>]*aria-describedby="([^"]+)"[^>]*id="{field_id}"', body)
    return ids.split()


def test_meeting_filter_shows_the_hint_and_the_error_it_describes(client, site_profile):
    body = text_of(client.get(reverse("meetings:list")))
    assert '<label for="id_cluster">' in body
    assert '<small class="hint" id="id_cluster_helptext">Một phần của tên, ví dụ “biên giới”.</small>' in body
    assert _described_ids(body, "id_cluster") == ["id_cluster_helptext"]

    body = text_of(client.get(reverse("meetings:list"), {"cluster": "không có cụm này"}))
    assert '<ul class="errorlist" id="id_cluster_error"><li>Không có tên nào như vậy' in body
    assert _described_ids(body, "id_cluster") == ["id_cluster_helptext", "id_cluster_error"]


def test_statistics_filters_show_hints_and_errors_they_describe(client, site_profile):
    body = text_of(client.get(reverse("awards:statistics"), {"unit": "không có đơn vị này"}))
    for field in ("id_cluster", "id_unit"):
        assert f'<small class="hint" id="{field}_helptext">' in body
    assert '<small class="hint" id="id_unit_helptext">Một phần của tên, ví dụ “Lộc Bình”.</small>' in body
    assert '<ul class="errorlist" id="id_unit_error">' in body
    assert _described_ids(body, "id_unit") == ["id_unit_helptext", "id_unit_error"]
    assert "id_unit-errors" not in body  # the old id no aria-describedby named


def test_document_cited_by_many_records_keeps_the_rest_behind_a_disclosure(client, site_profile):
    document = Document.objects.create(kind=DocumentKind.PLAN, number="", issuer_name="UBND tỉnh Lạng Sơn",
                                       title="Kế hoạch phát động", is_published=True)
    for n in range(12):
        make_movement(f"Phong trào số {n:02d}", launch_document_record=document)
    body = text_of(client.get(document.get_absolute_url()))
    shown, rest = body.split('<details class="citing-rest">', 1)
    assert shown.count("Phong trào số ") == 10
    assert "<summary>Xem thêm 2 mục</summary>" in rest
    assert rest.split("</details>", 1)[0].count("Phong trào số ") == 2
