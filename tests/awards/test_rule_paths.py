"""Issue 13, "Paths that skip the rules": every path (the admin, the import, the service, a long
list, a single line's page) runs the same checks, and every write goes through the service."""


import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import admin as awards_admin
from awards import imports, services
from awards.models import Decision, DecisionLine
from awards.services import decision_change

from .conftest import collective, individual
from .test_admin import _post_data
from .test_imports import person_row, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def long_decision(issue, awards, units, monkeypatch):
    """A provincial Bằng khen decision whose list is longer than the admin shows inline."""
    from clusters.models import Person

    monkeypatch.setattr(awards_admin, "INLINE_LIMIT", 1)
    people = [Person.objects.create(full_name=f"Người {i}", slug=f"nguoi-dai-{i}") for i in range(3)]
    return issue([individual(p, awards["provincial_certificate"]) for p in people], number=777,
                 number_text="777/QĐ-UBND")


def _header_data(decision, units, roles, **fields):
    return _post_data(units, roles, [], number=str(decision.number), number_text=decision.number_text, **fields) | {
        "lines-TOTAL_FORMS": "0", "lines-INITIAL_FORMS": "0"}


def _without_inline(data):
    return {k: v for k, v in data.items() if not k.startswith("lines-")}


def test_R5_a_header_change_of_a_list_too_long_for_the_inline_rechecks_every_line_in_the_admin(
    admin_client, long_decision, units, roles
):
    url = reverse("admin:awards_decision_change", args=[long_decision.pk])
    assert "lines-TOTAL_FORMS" not in admin_client.get(url).content.decode()
    # a commune chair does not grant the provincial Bằng khen, and does not sign for UBND tỉnh
    data = _without_inline(_header_data(long_decision, units, roles, issuer_role=roles["commune_chair"].pk))
    response = admin_client.post(url, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dòng 3:" in body and "R5.no-authority" in body
    long_decision.refresh_from_db()
    assert long_decision.issuer_role == roles["provincial_chair"]
    # the achievement year and the date are header fields the rules read too
    data = _without_inline(_header_data(long_decision, units, roles, achievement_year="2023"))
    assert admin_client.post(url, data).status_code == 302
    long_decision.refresh_from_db()
    assert long_decision.achievement_year == 2023


def test_R5_a_header_change_rechecks_every_line_through_the_service(long_decision, roles, units):
    long_decision.issuer_role = roles["commune_chair"]
    long_decision.issuer_unit = units["ubnd_xa"]
    with pytest.raises(ValidationError) as refused:
        decision_change(decision=long_decision)
    assert any("R5.no-authority" in m for m in refused.value.messages)
    assert Decision.objects.get(pk=long_decision.pk).issuer_role == roles["provincial_chair"]


def test_D4_a_collective_line_with_a_gender_is_refused_with_a_message_by_the_service(issue, awards, units):
    with pytest.raises(ValidationError) as refused:  # not an IntegrityError
        issue([collective(units["village"], awards["provincial_certificate"], gender="female")])
    assert refused.value.messages[0].startswith("Dòng 1:")
    assert "Chỉ cá nhân mới có thành phần và giới tính" in refused.value.messages[0]
    assert Decision.objects.count() == 0


def test_D4_a_collective_line_with_a_gender_is_a_form_error_in_the_admin(admin_client, units, roles, awards):
    lines = [{"subject_type": "collective", "unit": units["village"].pk, "gender": "female",
              "award": awards["provincial_certificate"].pk}]
    response = admin_client.post(reverse("admin:awards_decision_add"), _post_data(units, roles, lines))
    assert response.status_code == 200
    assert "Chỉ cá nhân mới có thành phần và giới tính" in response.content.decode()
    assert Decision.objects.count() == 0


def test_D4_a_collective_row_with_a_gender_is_an_error_of_the_import_preview(issue, units):
    decision = issue([], number=501, number_text="501/QĐ-UBND")
    row = person_row(1, "Thôn Nà Pàn", c1="Tập thể", c3="", c7="Nữ", c8="")
    result = imports.preview(decision, imports.read_rows(xlsx([row])))
    [preview_row] = result.rows
    assert any("Chỉ cá nhân mới có thành phần và giới tính" in e for e in preview_row.errors)


def test_every_admin_write_of_a_decision_or_its_lines_goes_through_the_service(
    admin_client, issue, units, roles, awards, people, monkeypatch
):
    calls = []
    real = services.decision_save

    def spy(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(awards_admin, "decision_save", spy)
    monkeypatch.setattr(services, "decision_save", spy)  # the line services call it by name
    lines = [{"subject_type": "individual", "person": people["hoa"].pk, "award": awards["provincial_certificate"].pk}]
    assert admin_client.post(reverse("admin:awards_decision_add"), _post_data(units, roles, lines)).status_code == 302
    assert len(calls) == 1 and len(calls[0]["add"]) == 1
    decision = Decision.objects.get()
    line = decision.lines.get()
    url = reverse("admin:awards_decisionline_change", args=[line.pk])
    data = {"order": 1, "subject_type": "individual", "person": people["hoa"].pk, "name_text": "Hoàng Thị Hoa",
            "award": awards["provincial_certificate"].pk, "reason": "Sửa lý do", "status": "in_force"}
    assert admin_client.post(url, data).status_code == 302
    assert len(calls) == 2 and calls[1]["change"] == [line]
    delete = reverse("admin:awards_decisionline_delete", args=[line.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert len(calls) == 3 and [ln.name_text for ln in calls[2]["delete"]] == ["Hoàng Thị Hoa"]
    assert not DecisionLine.objects.exists()
