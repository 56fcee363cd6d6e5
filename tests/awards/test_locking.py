"""Two people editing one decision: the second save is refused with what changed meanwhile, and a
change of its attached list (the inline, a line's page, the services, an import) counts as a
change of the decision."""

import pytest
from django.urls import reverse

from awards import imports, services
from awards.models import Decision

from .conftest import individual
from .test_admin import _post_data
from .test_imports import person_row, xlsx

pytestmark = pytest.mark.django_db

REFUSED = "Người khác đã lưu hồ sơ này"


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


def opened(client, url):
    """The hidden version fields of a change form as a browser would post them back."""
    form = client.get(url).context["adminform"].form
    return {"lock_version": form.initial["lock_version"], "lock_snapshot": form.initial["lock_snapshot"]}


def decision_post(decision, units, roles, **extra):
    """The change form of `decision` as saved, with its lines as inline rows."""
    data = _post_data(units, roles, [], number=str(decision.number), number_text=decision.number_text)
    lines = list(decision.lines.order_by("order", "pk"))
    data.update({"lines-TOTAL_FORMS": str(len(lines)), "lines-INITIAL_FORMS": str(len(lines))})
    for i, line in enumerate(lines):
        data.update({f"lines-{i}-id": line.pk, f"lines-{i}-decision": decision.pk, f"lines-{i}-order": line.order,
                     f"lines-{i}-subject_type": line.subject_type, f"lines-{i}-person": line.person_id or "",
                     f"lines-{i}-name_text": line.name_text, f"lines-{i}-award": line.award_id,
                     f"lines-{i}-reason": line.reason, f"lines-{i}-status": line.status})
    data.update(extra)
    return data


@pytest.fixture
def decision(issue, awards, people):
    return issue([individual(people["hoa"], awards["provincial_certificate"])])


def test_the_second_concurrent_save_of_a_decision_is_refused_with_what_changed(admin_client, decision, units,
                                                                               roles):
    url = reverse("admin:awards_decision_change", args=[decision.pk])
    first, second = opened(admin_client, url), opened(admin_client, url)
    saved = admin_client.post(url, decision_post(decision, units, roles, signer_name="Hồ Tiến Thiệu", **first))
    assert saved.status_code == 302, saved.content.decode()[:2000]
    refused = admin_client.post(url, decision_post(decision, units, roles, signer_name="Đoàn Thu Hà",
                                                   subject_line="Không được mất", **second))
    assert refused.status_code == 200
    body = refused.content.decode()
    assert REFUSED in body
    assert "Hồ Tiến Thiệu" in body and "Không được mất" in body  # what changed, and the input kept
    decision.refresh_from_db()
    assert decision.signer_name == "Hồ Tiến Thiệu" and decision.subject_line != "Không được mất"


def test_the_hidden_lock_fields_ride_in_the_decision_form(admin_client, decision):
    body = admin_client.get(reverse("admin:awards_decision_change", args=[decision.pk])).content.decode()
    assert 'name="lock_version"' in body and 'name="lock_snapshot"' in body
    assert 'for="id_lock_version"' not in body


def test_a_line_changed_in_the_inline_refuses_an_editor_who_opened_the_decision_before(admin_client, decision,
                                                                                       units, roles):
    url = reverse("admin:awards_decision_change", args=[decision.pk])
    first, stale = opened(admin_client, url), opened(admin_client, url)
    changed = decision_post(decision, units, roles, **first)
    changed["lines-0-reason"] = "Thành tích xuất sắc năm 2024"
    assert admin_client.post(url, changed).status_code == 302
    assert decision.lines.get().reason == "Thành tích xuất sắc năm 2024"
    refused = admin_client.post(url, decision_post(decision, units, roles, signer_name="Ai đó", **stale))
    assert refused.status_code == 200 and REFUSED in refused.content.decode()
    assert Decision.objects.get(pk=decision.pk).signer_name != "Ai đó"


def test_a_line_changed_on_its_own_page_moves_the_decisions_version(admin_client, decision, units, roles):
    url = reverse("admin:awards_decision_change", args=[decision.pk])
    stale = opened(admin_client, url)
    line = decision.lines.get()
    line_url = reverse("admin:awards_decisionline_change", args=[line.pk])
    response = admin_client.post(line_url, {
        "order": 1, "subject_type": "individual", "person": line.person_id, "name_text": line.name_text,
        "award": line.award_id, "reason": "Sửa trên trang của dòng", "status": "in_force"})
    assert response.status_code == 302
    refused = admin_client.post(url, decision_post(decision, units, roles, **stale))
    assert refused.status_code == 200 and REFUSED in refused.content.decode()


@pytest.mark.parametrize("change", ["add", "change", "delete", "revoke"])
def test_every_service_that_changes_the_list_moves_the_version(decision, issue, awards, people, change):
    before = Decision.objects.get(pk=decision.pk).version
    line = decision.lines.get()
    if change == "add":
        services.decision_save_lines(decision=decision,
                                     lines=[individual(people["binh"], awards["provincial_certificate"])])
    elif change == "change":
        line.reason = "Sửa"
        services.decision_line_change(line=line)
    elif change == "delete":
        services.decision_line_delete(line=line)
    else:
        import datetime

        services.decision_line_revoke(line=line, revoked_on=datetime.date(2025, 1, 5),
                                      basis="Quyết định số 12/QĐ-UBND ngày 05/01/2025")
    assert Decision.objects.get(pk=decision.pk).version == before + 1


def test_an_import_into_the_decision_moves_its_version(decision, units):
    before = Decision.objects.get(pk=decision.pk).version
    rows = imports.read_rows(xlsx([person_row(1, "Vi Văn Sáng")]))
    imports.apply(imports.preview(decision, rows), valid_only=False, confirm=False)
    assert decision.lines.count() == 2
    assert Decision.objects.get(pk=decision.pk).version == before + 1


def test_an_unchanged_decision_saves_as_usual_twice(admin_client, decision, units, roles):
    url = reverse("admin:awards_decision_change", args=[decision.pk])
    assert admin_client.post(url, decision_post(decision, units, roles, **opened(admin_client, url))).status_code == 302
    assert admin_client.post(url, decision_post(decision, units, roles, **opened(admin_client, url))).status_code == 302
