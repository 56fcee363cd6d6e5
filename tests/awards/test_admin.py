"""The admin: every page opens; a decision saved through it obeys the rule service."""

import datetime

import pytest
from django.urls import reverse

from awards.models import (
    Award,
    AwardRule,
    BaseSalary,
    Decision,
    DecisionLine,
    Household,
    IssuerRole,
    Movement,
    ProposalMemo,
)

from .conftest import individual

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.mark.parametrize("model", [Award, AwardRule, BaseSalary, Decision, DecisionLine, Household, IssuerRole,
                                   Movement, ProposalMemo])
def test_admin_list_and_add_pages_open(admin_client, model):
    opts = model._meta
    if opts.model_name == "decisionline":
        return  # edited inline only
    assert admin_client.get(reverse(f"admin:awards_{opts.model_name}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:awards_{opts.model_name}_add")).status_code == 200


def test_admin_decision_change_page_opens(admin_client, issue, awards, people):
    decision = issue([individual(people["hoa"], awards["provincial_certificate"])])
    response = admin_client.get(reverse("admin:awards_decision_change", args=[decision.pk]))
    assert response.status_code == 200
    assert "Nhập danh sách từ Excel" in response.content.decode()


def _post_data(units, roles, lines, **extra):
    data = {
        "number": "321", "symbol": "QĐ-UBND", "number_text": "321/QĐ-UBND", "signed_on": "20/12/2024",
        "issuer_role": roles["provincial_chair"].pk, "issuer_unit": units["ubnd_tinh"].pk, "signer_name": "Vi Văn Sơn",
        "signer_title": "Phó Chủ tịch", "signing_form": "KT", "subject_line": "Về việc tặng Bằng khen",
        "achievement_year": "2024", "award_type": "merit", "status": "in_force", "is_published": "on",
        "lines-TOTAL_FORMS": str(len(lines)), "lines-INITIAL_FORMS": "0", "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
    }
    for i, line in enumerate(lines):
        for key, value in line.items():
            data[f"lines-{i}-{key}"] = value
        data.setdefault(f"lines-{i}-status", "in_force")
    data.update(extra)
    return data


def test_admin_refuses_a_line_outside_the_authority_naming_it_and_saves_nothing(admin_client, units, roles, awards,
                                                                               people):
    lines = [
        {"subject_type": "individual", "person": people["hoa"].pk, "award": awards["provincial_certificate"].pk},
        {"subject_type": "individual", "person": people["binh"].pk, "award": awards["advanced_worker"].pk},
    ]
    response = admin_client.post(reverse("admin:awards_decision_add"), _post_data(units, roles, lines))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dòng 2:" in body and "không có thẩm quyền" in body
    assert Decision.objects.count() == 0


def test_admin_asks_to_confirm_warnings_then_saves(admin_client, units, roles, awards, people):
    lines = [{"subject_type": "individual", "person": people["hoa"].pk, "award": awards["advanced_worker"].pk}]
    data = _post_data(units, roles, lines, signed_on="20/12/2017", achievement_year="2017",
                      issuer_role=roles["district_chair"].pk, issuer_unit=units["ubnd_huyen"].pk)
    response = admin_client.post(reverse("admin:awards_decision_add"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'type="checkbox" name="confirm_warnings"' in body
    assert "Chưa có quy định thẩm quyền" in body
    assert Decision.objects.count() == 0
    response = admin_client.post(reverse("admin:awards_decision_add"), data | {"confirm_warnings": "on"})
    assert response.status_code == 302
    line = DecisionLine.objects.get()
    assert line.name_text == "Hoàng Thị Hoa"  # copied from the person


def test_admin_saved_lines_get_their_cash(admin_client, units, roles, awards):
    certificate = awards["provincial_certificate"]
    lines = [{"subject_type": "collective", "unit": units["village"].pk, "award": certificate.pk}]
    data = _post_data(units, roles, lines, signed_on="01/12/2025", achievement_year="2025")
    response = admin_client.post(reverse("admin:awards_decision_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert DecisionLine.objects.get().cash_amount == 3 * 2_340_000


def test_admin_scan_must_be_a_pdf(admin_client, units, roles):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = _post_data(units, roles, [])
    fake = SimpleUploadedFile("qd.pdf", b"GIF89a not a pdf", content_type="application/pdf")
    response = admin_client.post(reverse("admin:awards_decision_add"), data | {"scan": fake})
    assert response.status_code == 200
    assert "không thuộc định dạng được chấp nhận (PDF)" in response.content.decode()
    real = SimpleUploadedFile("qd.pdf", b"%PDF-1.4\n%...", content_type="application/pdf")
    response = admin_client.post(reverse("admin:awards_decision_add"), data | {"scan": real})
    assert response.status_code == 302
    assert Decision.objects.get().scan.name.endswith(".pdf")


def test_published_decision_admin_links_to_public_page(admin_client, issue):
    decision = issue([], signed_on=datetime.date(2024, 5, 1))
    body = admin_client.get(reverse("admin:awards_decision_change", args=[decision.pk])).content.decode()
    assert decision.get_absolute_url() in body


def test_admin_line_edit_is_checked_against_the_rules(admin_client, issue, awards, people):
    decision = issue([individual(people["hoa"], awards["provincial_certificate"]),
                      individual(people["binh"], awards["provincial_certificate"])])
    line = decision.lines.get(person=people["binh"])
    url = reverse("admin:awards_decisionline_change", args=[line.pk])
    assert admin_client.get(url).status_code == 200
    data = {"order": 2, "subject_type": "individual", "person": people["binh"].pk, "name_text": "Lường Văn Bình",
            "award": awards["advanced_worker"].pk, "status": "in_force"}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "không có thẩm quyền" in response.content.decode()
    line.refresh_from_db()
    assert line.award == awards["provincial_certificate"]
    # the same person twice in the list is refused too
    response = admin_client.post(url, data | {"person": people["hoa"].pk, "award": awards["provincial_certificate"].pk})
    assert response.status_code == 200
    response = admin_client.post(url, data | {"award": awards["provincial_certificate"].pk, "reason": "Sửa thành tích"})
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.reason == "Sửa thành tích"


def test_admin_large_decision_shows_no_inline_but_a_link_to_its_lines(admin_client, issue, awards, monkeypatch):
    from awards import admin as awards_admin

    monkeypatch.setattr(awards_admin, "INLINE_LIMIT", 1)
    from clusters.models import Person

    people = [Person.objects.create(full_name=f"Người {i}", slug=f"nguoi-{i}") for i in range(3)]
    decision = issue([individual(p, awards["provincial_certificate"]) for p in people])
    response = admin_client.get(reverse("admin:awards_decision_change", args=[decision.pk]))
    body = response.content.decode()
    assert "lines-TOTAL_FORMS" not in body
    assert f"decision__id__exact={decision.pk}" in body
    assert admin_client.get(reverse("admin:awards_decisionline_changelist"),
                            {"decision__id__exact": decision.pk, "q": "nguoi"}).status_code == 200


def test_admin_revoking_a_decision_revokes_its_lines(admin_client, issue, awards, people, units, roles):
    decision = issue([individual(people["hoa"], awards["provincial_certificate"])])
    revoker = issue([], number=999, number_text="999/QĐ-UBND")
    url = reverse("admin:awards_decision_change", args=[decision.pk])
    line = decision.lines.get()
    data = _post_data(units, roles, [], number=str(decision.number), number_text=decision.number_text,
                      status="revoked", revoked_by=revoker.pk, revoked_on="05/01/2025")
    data.update({"lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "1", "lines-0-id": line.pk,
                 "lines-0-decision": decision.pk, "lines-0-order": "1", "lines-0-subject_type": "individual",
                 "lines-0-person": people["hoa"].pk, "lines-0-name_text": "Hoàng Thị Hoa",
                 "lines-0-award": awards["provincial_certificate"].pk, "lines-0-status": "in_force"})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    line.refresh_from_db()
    assert line.status == "revoked" and line.revoked_by == revoker


def test_admin_duplicate_decision_number_is_a_form_error(admin_client, issue, units, roles):
    issue([], number=321, number_text="321/QĐ-UBND")
    response = admin_client.post(reverse("admin:awards_decision_add"), _post_data(units, roles, []))
    assert response.status_code == 200
    assert "đã ban hành quyết định có cùng số" in response.content.decode()
    assert Decision.objects.count() == 1


def test_admin_turning_an_enterprise_line_into_an_individual_clears_its_collective_flags(
    admin_client, issue, awards, people, units, roles
):
    decision = issue([{"subject_type": "collective", "unit": units["village"], "name_text": "Thôn Nà Pàn",
                       "award": awards["provincial_certificate"], "is_enterprise": True}])
    line = decision.lines.get()
    data = _post_data(units, roles, [], number=str(decision.number), number_text=decision.number_text)
    data.update({"lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "1", "lines-0-id": line.pk,
                 "lines-0-decision": decision.pk, "lines-0-order": "1", "lines-0-subject_type": "individual",
                 "lines-0-person": people["hoa"].pk, "lines-0-name_text": "Hoàng Thị Hoa",
                 "lines-0-award": awards["provincial_certificate"].pk, "lines-0-status": "in_force"})
    response = admin_client.post(reverse("admin:awards_decision_change", args=[decision.pk]), data)
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.person == people["hoa"] and not line.is_enterprise
