"""The province's scoring admin: a table in use is read-only and a save that still arrives is
refused with the services' message (never an error page); tables copy forward and import from
Excel after a preview; a scoring is started, followed and published here, a correction only with
its reason; nothing of a year's scoring is deleted; a unit officer reaches none of it; the lists
cost the same whatever they hold."""

import datetime
from decimal import Decimal as D

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clusters.models import Cluster, ClusterMember, ClusterYear, Role, Unit, UnitKind
from scoring import services, template_io
from scoring.models import (
    ClusterType,
    Criterion,
    ScoreAdjustment,
    ScoreTemplate,
    Scoring,
    ScoringResult,
    ScoringState,
)

from .test_services import _ranked, _start

pytestmark = pytest.mark.django_db
LOCKED = "Đã có cụm chấm điểm theo bảng này: không thể sửa nữa."


@pytest.fixture
def staff(client, world):
    client.force_login(world.staff)
    return client


def _messages(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def _change_url(template):
    return reverse("admin:scoring_scoretemplate_change", args=[template.pk])


def _form_data(template, **criterion_changes) -> dict:
    """What the table's change page posts: its fields and both inlines, as shown."""
    data = {"cluster_type": template.cluster_type_id, "year": template.year, "title": template.title,
            "basis": template.basis, "bonus_cap": template.bonus_cap or "", "penalty_cap": template.penalty_cap or ""}
    groups = list(template.groups.all())
    data |= {"groups-TOTAL_FORMS": len(groups), "groups-INITIAL_FORMS": len(groups), "groups-MIN_NUM_FORMS": 0,
             "groups-MAX_NUM_FORMS": 1000}
    for i, group in enumerate(groups):
        data |= {f"groups-{i}-id": group.pk, f"groups-{i}-template": template.pk, f"groups-{i}-order": group.order,
                 f"groups-{i}-code": group.code, f"groups-{i}-title": group.title}
    criteria = list(template.criteria.all())
    data |= {"criteria-TOTAL_FORMS": len(criteria), "criteria-INITIAL_FORMS": len(criteria),
             "criteria-MIN_NUM_FORMS": 0, "criteria-MAX_NUM_FORMS": 1000}
    for i, c in enumerate(criteria):
        row = {"id": c.pk, "template": template.pk, "order": c.order, "code": c.code, "title": c.title,
               "group": c.group_id or "", "kind": c.kind, "max_points": c.max_points, "guidance": c.guidance}
        if c.evidence_required:
            row["evidence_required"] = "on"
        row |= criterion_changes.get(c.code, {})
        data |= {f"criteria-{i}-{key}": value for key, value in row.items()}
    return data


# --- the tables ---------------------------------------------------------------------------------------


def test_an_open_table_is_edited_through_the_admin(staff, world):
    response = staff.post(_change_url(world.template), _form_data(world.template, **{"1": {"max_points": "45"}}))
    assert response.status_code == 302, response.content.decode()[:3000]
    world.c1.refresh_from_db()
    assert world.c1.max_points == D("45")


def test_a_table_in_use_is_shown_read_only_with_the_reason(staff, world):
    _start(world)
    page = staff.get(_change_url(world.template)).content.decode()
    assert LOCKED in page
    assert 'name="criteria-0-max_points"' not in page and 'name="title"' not in page
    assert reverse("admin:scoring_scoretemplate_import_into", args=[world.template.pk]) not in page
    assert reverse("admin:scoring_scoretemplate_copy", args=[world.template.pk]) in page


def test_a_save_of_a_table_in_use_is_refused_with_a_message_not_an_error_page(staff, world):
    _start(world)
    response = staff.post(_change_url(world.template), _form_data(world.template, **{"1": {"max_points": "45"}}))
    assert response.status_code == 302 and LOCKED in _messages(response)
    world.c1.refresh_from_db()
    assert world.c1.max_points == D("40")


def test_a_page_opened_before_the_scoring_started_is_refused_by_the_services(staff, world, monkeypatch):
    from scoring import admin as scoring_admin

    _start(world)
    # the page still thinks the table is open: the services are what refuses
    monkeypatch.setattr(scoring_admin, "_locked", lambda template: False)
    data = _form_data(world.template, **{"1": {"max_points": "45"}, "P": {"DELETE": "on"}})
    response = staff.post(_change_url(world.template), data)
    assert response.status_code == 302 and LOCKED in _messages(response)
    world.c1.refresh_from_db()
    assert world.c1.max_points == D("40") and Criterion.objects.filter(pk=world.penalty.pk).exists()


def test_a_group_still_holding_criteria_is_not_deleted(staff, world):
    data = _form_data(world.template)
    data["groups-0-DELETE"] = "on"
    response = staff.post(_change_url(world.template), data)
    assert response.status_code == 200
    assert "Không xóa nhóm còn tiêu chí" in response.content.decode()
    assert world.template.criteria.count() == 6


def test_a_table_in_use_is_never_deleted_an_open_one_may_be(staff, world):
    other = services.template_copy(template=world.template, year=2026)
    _start(world)
    assert staff.post(reverse("admin:scoring_scoretemplate_delete", args=[world.template.pk]),
                      {"post": "yes"}).status_code == 403
    staff.post(reverse("admin:scoring_scoretemplate_delete", args=[other.pk]), {"post": "yes"})
    assert list(ScoreTemplate.objects.values_list("pk", flat=True)) == [world.template.pk]


def test_copy_forward_to_another_year(staff, world):
    _start(world)  # a table in use is still copied
    url = reverse("admin:scoring_scoretemplate_copy", args=[world.template.pk])
    page = staff.get(url).content.decode()
    assert 'value="2026"' in page and "Bảng điểm thi đua 2026" in page
    response = staff.post(url, {"year": 2026, "title": "Bảng điểm thi đua 2026"})
    copy = ScoreTemplate.objects.get(year=2026)
    assert response["Location"] == _change_url(copy)
    assert copy.criteria.count() == 6 and copy.copied_from == world.template and not copy.is_locked
    again = staff.post(url, {"year": 2026, "title": "Lần nữa"})
    assert again.status_code == 200 and "đã có bảng" in again.content.decode()
    assert ScoreTemplate.objects.filter(year=2026).count() == 1


def test_the_copy_action_leads_to_the_copy_page(staff, world):
    response = staff.post(reverse("admin:scoring_scoretemplate_changelist"),
                          {"action": "copy_to_another_year", "_selected_action": [world.template.pk]})
    assert response["Location"] == reverse("admin:scoring_scoretemplate_copy", args=[world.template.pk])


# --- import and export in the admin -------------------------------------------------------------------


def _xlsx(data, name="bang.xlsx"):
    return SimpleUploadedFile(name, data, content_type=template_io.XLSX)


def test_the_import_page_links_the_example_which_downloads(staff, world):
    page = staff.get(reverse("admin:scoring_scoretemplate_import")).content.decode()
    example = reverse("admin:scoring_scoretemplate_example")
    assert example in page
    response = staff.get(example)
    assert response["Content-Type"] == template_io.XLSX and response.content[:2] == b"PK"


def test_import_previews_then_saves_a_new_table(staff, world):
    url = reverse("admin:scoring_scoretemplate_import")
    preview = staff.post(url, {"file": _xlsx(template_io.example_xlsx()), "cluster_type": world.type.pk,
                               "year": 2026})
    page = preview.content.decode()
    assert preview.status_code == 200 and "nông thôn mới" in page and 'value="confirm"' in page
    assert not ScoreTemplate.objects.filter(year=2026).exists()  # nothing saved before the confirmation
    payload = preview.context["payload"]
    response = staff.post(url, {"action": "confirm", "payload": payload})
    table = ScoreTemplate.objects.get(year=2026, cluster_type=world.type)
    assert response["Location"] == _change_url(table) and table.criteria.count() == 14
    assert staff.post(url, {"action": "confirm", "payload": payload}).status_code == 302  # a second click
    assert ScoreTemplate.objects.filter(year=2026).count() == 1


def test_import_with_row_errors_shows_them_by_row_and_saves_nothing(staff, world):
    import io

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(template_io.example_xlsx()))
    sheet = workbook.active
    sheet["E10"] = "Điểm cộng"   # row 10: unknown kind
    sheet["F11"] = "mười"        # row 11: not a number
    sheet["D12"] = None          # row 12: no title
    buffer = io.BytesIO()
    workbook.save(buffer)
    url = reverse("admin:scoring_scoretemplate_import")
    preview = staff.post(url, {"file": _xlsx(buffer.getvalue()), "cluster_type": world.type.pk, "year": 2026})
    page = preview.content.decode()
    assert "Hàng 10: loại “Điểm cộng”" in page and "Hàng 11: điểm tối đa" in page and "Hàng 12: tiêu chí" in page
    assert 'value="confirm"' not in page
    # a forged confirmation of the same rows saves nothing either
    staff.post(url, {"action": "confirm", "payload": preview.context["payload"]})
    assert not ScoreTemplate.objects.filter(year=2026).exists()


def test_a_forged_payload_is_refused(staff, world):
    response = staff.post(reverse("admin:scoring_scoretemplate_import"), {"action": "confirm", "payload": "x:y"})
    assert response.status_code == 302 and "hết hạn" in _messages(response)


def test_import_replaces_the_criteria_of_an_open_table_and_not_of_one_in_use(staff, world):
    url = reverse("admin:scoring_scoretemplate_import_into", args=[world.template.pk])
    preview = staff.post(url, {"file": _xlsx(template_io.example_xlsx())})
    staff.post(url, {"action": "confirm", "payload": preview.context["payload"]})
    assert world.template.criteria.count() == 14
    copy = services.template_copy(template=world.template, year=2026)
    other = reverse("admin:scoring_scoretemplate_import_into", args=[copy.pk])
    preview = staff.post(other, {"file": _xlsx(template_io.export_xlsx(copy))})
    scoring = _start(world)
    assert scoring.template == world.template
    # a payload made for another table does not land on this one
    response = staff.post(url, {"action": "confirm", "payload": preview.context["payload"]})
    assert response.status_code == 302 and "không thể thay" in _messages(response)
    assert world.template.criteria.count() == 14


def test_export_downloads_the_table(staff, world):
    response = staff.get(reverse("admin:scoring_scoretemplate_export", args=[world.template.pk]))
    assert response["Content-Type"] == template_io.XLSX
    assert response["Content-Disposition"] == 'attachment; filename="bang-diem-cum-cac-huyen-2025.xlsx"'


# --- the scorings -----------------------------------------------------------------------------------


def test_staff_start_a_scoring_from_the_admin(staff, world):
    url = reverse("admin:scoring_scoring_add")
    refused = staff.post(url, {"cluster_year": world.cluster_year.pk, "template": world.template.pk,
                               "deadline": "10/12/2099"} | {"template": services.template_copy(
                                   template=world.template, year=2026).pk})
    assert refused.status_code == 200 and "2026" in refused.content.decode()
    response = staff.post(url, {"cluster_year": world.cluster_year.pk, "template": world.template.pk,
                                "deadline": "10/12/2099"})
    scoring = Scoring.objects.get()
    assert response["Location"] == reverse("admin:scoring_scoring_change", args=[scoring.pk])
    assert scoring.deadline == datetime.date(2099, 12, 10) and scoring.sheets.count() == 5


def test_the_scoring_page_shows_sheets_totals_late_and_adjustments(staff, world):
    scoring = _ranked(world)
    services.publish(user=world.staff, scoring=scoring)
    entry = scoring.sheets.get(unit=world.units[2]).entries.get(criterion=world.c1)
    services.entry_adjust(user=world.staff, entry=entry, points=D("30"), reason="Phúc tra minh chứng")
    scoring.sheets.filter(unit=world.units[3]).update(is_late=True)
    page = staff.get(reverse("admin:scoring_scoring_change", args=[scoring.pk])).content.decode()
    assert "huyện Đình Lập" in page and "quá hạn" in page
    assert "97" in page and "Phúc tra minh chứng" in page
    assert 'name="state"' not in page and 'name="_save"' not in page  # followed here, not edited


def test_publish_then_a_correction_only_with_its_reason(staff, world):
    scoring = _ranked(world)
    change = reverse("admin:scoring_scoring_change", args=[scoring.pk])
    url = reverse("admin:scoring_scoring_publish", args=[scoring.pk])
    assert url in staff.get(change).content.decode()
    assert "Công bố kết quả" in staff.get(url).content.decode()
    response = staff.post(url, {})
    assert response["Location"] == change
    assert list(scoring.results.values_list("version", flat=True)) == [1]
    page = staff.get(url).content.decode()
    assert "Công bố đính chính" in page and 'name="reason"' in page
    refused = staff.post(url, {"reason": "  "})
    assert refused.status_code == 200 and "phải nêu lý do" in refused.content.decode()
    assert scoring.results.count() == 1
    staff.post(url, {"reason": "Đính chính điểm huyện Tràng Định sau phúc tra"})
    assert list(ScoringResult.objects.filter(scoring=scoring).values_list("version", "reason")) == [
        (2, "Đính chính điểm huyện Tràng Định sau phúc tra"), (1, "")]
    page = staff.get(change).content.decode()
    assert "Phiên bản 2" in page and "Phiên bản 1" in page and "Đính chính: Đính chính điểm" in page
    # the council changes a rank: the correction names its basis, on the public page too
    second = world.units[1]
    form = staff.get(url).content.decode()
    assert f'name="rank_{second.pk}"' in form
    staff.post(url, {"reason": "Hội đồng xếp lại hạng", f"rank_{second.pk}": "2"})
    latest = ScoringResult.objects.filter(scoring=scoring).order_by("-version").first()
    assert (latest.version, latest.rank_basis, latest.rows.get(unit=second).rank) == (3, "council_decision", 2)


def test_staff_adjust_a_published_score_with_its_reason_then_publish_a_correction(staff, world):
    scoring = _ranked(world)
    change = reverse("admin:scoring_scoring_change", args=[scoring.pk])
    url = reverse("admin:scoring_scoring_adjust", args=[scoring.pk])
    sheet = scoring.sheets.get(unit=world.units[2])
    data = {"sheet": sheet.pk, "criterion": world.c1.pk, "points": "33,5", "reason": "Phúc tra: thiếu một chỉ tiêu"}
    assert url not in staff.get(change).content.decode()  # before publication the leader adjusts
    early = staff.post(url, data)
    assert early.status_code == 200 and "không điều chỉnh điểm nữa" in early.content.decode()
    services.publish(user=world.staff, scoring=scoring)
    assert url in staff.get(change).content.decode()
    page = staff.get(url).content.decode()
    assert "Điều chỉnh điểm của đơn vị thành viên" in page
    assert "huyện Tràng Định" in page and "huyện Đình Lập" not in page  # a draft is out of the ranking
    over = staff.post(url, data | {"points": "41"})
    assert over.status_code == 200 and "tối đa 40 điểm" in over.content.decode()
    response = staff.post(url, data)
    assert response["Location"] == change
    assert "công bố đính chính" in _messages(response)
    entry = sheet.entries.get(criterion=world.c1)
    assert (entry.points, entry.adjusted_points, entry.adjustment_reason) == (
        D("35"), D("33.5"), "Phúc tra: thiếu một chỉ tiêu")
    assert list(ScoreAdjustment.objects.filter(entry=entry).values_list("by", "old_points", "new_points")) == [
        (world.staff.pk, D("35"), D("33.5"))]
    assert scoring.results.count() == 1  # the public page waits for the correction
    staff.post(reverse("admin:scoring_scoring_publish", args=[scoring.pk]), {"reason": "Phúc tra huyện Tràng Định"})
    latest = scoring.results.get(version=2)
    assert latest.rows.get(unit=world.units[2]).total == D("83.5")


def test_publish_waits_for_the_ranking(staff, world):
    scoring = _start(world)
    assert reverse("admin:scoring_scoring_publish", args=[scoring.pk]) not in staff.get(
        reverse("admin:scoring_scoring_change", args=[scoring.pk])).content.decode()
    response = staff.post(reverse("admin:scoring_scoring_publish", args=[scoring.pk]), {})
    assert response.status_code == 200 and not scoring.results.exists()


def test_staff_without_the_publish_permission_cannot_publish(client, world, django_user_model):
    from django.contrib.auth.models import Permission

    scoring = _ranked(world)
    clerk = django_user_model.objects.create_user(username="clerk", password="x-Secret-123", is_staff=True)
    clerk.user_permissions.add(*Permission.objects.filter(content_type__app_label="scoring")
                               .exclude(codename="publish_scoring"))
    client.force_login(clerk)
    assert client.post(reverse("admin:scoring_scoring_publish", args=[scoring.pk]), {}).status_code == 403
    assert not scoring.results.exists()


def test_nothing_of_a_scoring_is_deleted(staff, world):
    scoring = _ranked(world)
    services.publish(user=world.staff, scoring=scoring)
    for url in (reverse("admin:scoring_scoring_delete", args=[scoring.pk]),):
        assert staff.post(url, {"post": "yes"}).status_code == 403
    response = staff.post(reverse("admin:scoring_scoring_changelist"),
                          {"action": "delete_selected", "_selected_action": [scoring.pk], "post": "yes"})
    assert response.status_code in (200, 302)
    assert Scoring.objects.filter(pk=scoring.pk).exists() and scoring.results.exists()
    assert scoring.state == ScoringState.PUBLISHED


# --- who reaches it -----------------------------------------------------------------------------------


def _every_url(world) -> list[str]:
    scoring = _ranked(world)
    t, s = world.template.pk, scoring.pk
    names = [("scoring_clustertype_changelist", []), ("scoring_clustertype_add", []),
             ("scoring_clustertype_change", [world.type.pk]), ("scoring_clustertype_delete", [world.type.pk]),
             ("scoring_clustertype_history", [world.type.pk]),
             ("scoring_scoretemplate_changelist", []), ("scoring_scoretemplate_add", []),
             ("scoring_scoretemplate_change", [t]), ("scoring_scoretemplate_delete", [t]),
             ("scoring_scoretemplate_history", [t]), ("scoring_scoretemplate_import", []),
             ("scoring_scoretemplate_example", []), ("scoring_scoretemplate_import_into", [t]),
             ("scoring_scoretemplate_export", [t]), ("scoring_scoretemplate_copy", [t]),
             ("scoring_scoring_changelist", []), ("scoring_scoring_add", []), ("scoring_scoring_change", [s]),
             ("scoring_scoring_delete", [s]), ("scoring_scoring_history", [s]), ("scoring_scoring_publish", [s]),
             ("scoring_scoring_adjust", [s])]
    return [reverse(f"admin:{name}", args=args) for name, args in names] + [reverse("admin:app_list",
                                                                                  args=["scoring"])]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_unit_officer_reaches_no_scoring_admin_page(client, world, method):
    urls = _every_url(world)
    client.force_login(world.leader)
    for url in urls:
        response = getattr(client, method)(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/login/" in response["Location"], url
    assert not ScoringResult.objects.exists()


def test_every_scoring_admin_page_answers_staff(staff, world):
    for url in _every_url(world):
        if "/delete/" in url:
            continue
        expected = 302 if url.endswith(f"/{world.template.pk}/import/") else 200  # the table is in use
        assert staff.get(url).status_code == expected, url


# --- what the lists cost ------------------------------------------------------------------------------


def _more_clusters(world, start, count):
    """Clusters of the type, each scoring this year with the table; tables of later years; types."""
    for n in range(start, start + count):
        cluster = Cluster.objects.create(name=f"Cụm thi đua số {n + 10}", organiser=world.province)
        world.type.clusters.add(cluster)
        year = ClusterYear.objects.create(cluster=cluster, year=2025)
        unit = Unit.objects.create(name=f"huyện Thử {n}", kind=UnitKind.DISTRICT)
        ClusterMember.objects.create(cluster_year=year, unit=unit, role=Role.MEMBER, order=1)
        services.scoring_start(cluster_year=year, template=world.template, user=world.staff)
        services.template_copy(template=world.template, year=2030 + n)
        ClusterType.objects.create(name=f"Khối {n}").clusters.add(cluster)


@pytest.mark.parametrize("name", ["scoring_scoring_changelist", "scoring_scoretemplate_changelist",
                                  "scoring_clustertype_changelist"])
def test_the_lists_cost_the_same_for_one_or_many_rows(staff, world, name):
    url = reverse(f"admin:{name}")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert staff.get(url).status_code == 200
        return len(ctx)

    _start(world)
    _more_clusters(world, 0, 1)
    count()  # the first request fills the caches of the session
    one = count()
    _more_clusters(world, 1, 6)
    assert count() == one
