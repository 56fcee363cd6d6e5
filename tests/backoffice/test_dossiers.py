"""The unit officer's nomination dossiers in the back office (/can-bo/ho-so-khen-thuong/…): filing,
nominee lines checked as they are saved, the Excel import through the decision import's engine,
the submission's confirmation step, days left and lateness, the return of one line's report and
its replacement, and that nobody but the unit's officers sees a dossier."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from awards import imports as engine
from awards.models import Award
from clusters.models import Cluster, ClusterMember, ClusterYear, Role, SelectionMethod
from nominations import services
from nominations.models import Dossier, DossierAttachment, DossierState, NomineeLine

from .conftest import MARK_B, pdf_file

pytestmark = pytest.mark.django_db
S = DossierState
TODAY = timezone.localdate


def award(code):
    return Award.objects.get(code=code)


def make_dossier(world, *, user=None, unit=None, year=None, **fields):
    values = {"achievement_year": year or TODAY().year, "summary": MARK_B + ": đề nghị tặng Bằng khen",
              "memo_number": "15/TTr-UBND", "memo_date": TODAY(), "memo_signer": "Nguyễn Văn A"}
    values.update(fields)
    return services.dossier_create(user=user or world.officer_b, unit=unit or world.unit_b, **values)


def add_line(dossier, user, name, code="provincial_certificate", **fields):
    values = {"subject_type": "individual", "name_text": name, "title_text": "Chuyên viên",
              "unit_text": dossier.unit.name, "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ"}
    values.update(fields)
    line = NomineeLine(dossier=dossier, award=award(code), **values)
    services.line_save(user=user, line=line)
    return line


def url(name, **kwargs):
    return reverse(f"backoffice:{name}", kwargs=kwargs)


def line_post(name, code="provincial_certificate", **extra):
    data = {"subject_type": "individual", "name_text": name, "title_text": "Chuyên viên", "unit_text": "huyện Lộc Bình",
            "award": award(code).pk, "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ năm"}
    data.update(extra)
    return data


def xlsx(rows) -> io.BytesIO:
    """An attached list as an officer types it, under the template's own headers."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([str(header) for _key, header, *_rest in engine.COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "danh-sach.xlsx"
    return buffer


def sheet_row(number, name, award_name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", reason="Thành tích xuất sắc"):
    return [number, "Cá nhân", name, "Chuyên viên", "huyện Lộc Bình", award_name, "", "Nữ", "", "", "", "", reason]


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# --- filing and lines ------------------------------------------------------------------------------


def test_officer_files_a_dossier_and_a_refused_line_blocks_the_submission(client_b, world):
    response = client_b.get(url("dossier-create"))
    assert response.status_code == 200 and "cluster" in response.context["form"].fields  # Lộc Bình leads
    response = client_b.post(url("dossier-create"), {
        "unit": world.unit_b.pk, "kind": "regular", "achievement_year": TODAY().year, "memo_number": "15/TTr-UBND",
        "memo_date": TODAY().strftime("%d/%m/%Y"), "memo_signer": "Nguyễn Văn A", "summary": "Đề nghị tặng Bằng khen",
    })
    dossier = Dossier.objects.get(unit=world.unit_b)
    assert response.status_code == 302 and response["Location"] == url("dossier-detail", dossier_id=dossier.pk)
    assert dossier.state == S.DRAFT and dossier.memo_date == TODAY() and dossier.cluster is None

    response = client_b.post(url("dossier-line-create", dossier_id=dossier.pk), line_post("Hoàng Thị Hoa"),
                             follow=True)
    assert "Hoàng Thị Hoa" in response.content.decode()
    assert any("không thấy vấn đề" in m for m in messages_of(response))
    # Lao động tiên tiến is not the province chair's to grant (R5): saved, refused at once, said at once
    response = client_b.post(url("dossier-line-create", dossier_id=dossier.pk),
                             line_post("Hoàng Văn Bình", "advanced_worker"), follow=True)
    body = response.content.decode()
    assert any("R5.no-authority" in m for m in messages_of(response))
    assert "problem-refusal" in body and "R5.no-authority" in body and "căn cứ" in body
    assert 'class="button" disabled' in body  # the submit button is off while a line is refused
    assert dossier.lines.count() == 2

    response = client_b.get(url("dossier-submit", dossier_id=dossier.pk))
    assert "R5.no-authority" in response.content.decode() and 'name="confirmed"' not in response.content.decode()
    response = client_b.post(url("dossier-submit", dossier_id=dossier.pk), {"confirmed": "yes",
                                                                             "confirm_warnings": "yes"})
    assert response.status_code == 400 and "R5.no-authority" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == S.DRAFT


def test_submission_takes_a_confirmation_step_and_the_warnings_a_tick(client_b, world):
    dossier = make_dossier(world)
    add_line(dossier, world.officer_b, "Lương Văn Cường", "provincial_emulation_fighter")  # no streak on record
    response = client_b.get(url("dossier-submit", dossier_id=dossier.pk))
    body = response.content.decode()
    assert "R6.cstd-tinh-streak" in body and 'name="confirm_warnings"' in body
    # a POST without the confirmation page's field only shows the page
    assert client_b.post(url("dossier-submit", dossier_id=dossier.pk)).status_code == 200
    response = client_b.post(url("dossier-submit", dossier_id=dossier.pk), {"confirmed": "yes"})
    assert response.status_code == 400 and "đánh dấu xác nhận" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == S.DRAFT
    response = client_b.post(url("dossier-submit", dossier_id=dossier.pk), {"confirmed": "yes",
                                                                             "confirm_warnings": "yes"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == S.SUBMITTED and dossier.submitted_at
    body = client_b.get(url("dossier-detail", dossier_id=dossier.pk)).content.decode()
    assert "Đã gửi" in body and url("dossier-edit", dossier_id=dossier.pk) not in body
    # the history shows the step: who, from, to
    assert "locbinh" in body and "Bản nháp" in body


def test_a_line_is_removed_from_a_draft_after_a_confirmation_only(client_b, world):
    dossier = make_dossier(world)
    line = add_line(dossier, world.officer_b, "Hoàng Thị Hoa")
    response = client_b.get(url("dossier-line-delete", line_id=line.pk))
    assert response.status_code == 200 and "Hoàng Thị Hoa" in response.content.decode()
    client_b.post(url("dossier-line-delete", line_id=line.pk))  # no confirmation: nothing happens
    assert dossier.lines.exists()
    client_b.post(url("dossier-line-delete", line_id=line.pk), {"confirmed": "yes"})
    assert not dossier.lines.exists()


def test_attachments_are_uploaded_and_listed(client_b, world):
    dossier = make_dossier(world)
    response = client_b.post(url("dossier-attachment-add", dossier_id=dossier.pk),
                             {"title": "Danh sách trích ngang", "file": pdf_file("danh-sach.pdf")}, follow=True)
    attachment = DossierAttachment.objects.get(dossier=dossier)
    assert "Danh sách trích ngang" in response.content.decode()
    assert attachment.file.url in response.content.decode()
    response = client_b.post(url("dossier-attachment-add", dossier_id=dossier.pk), {"title": "Không có tệp"})
    assert response.status_code == 400


# --- the Excel list ---------------------------------------------------------------------------------


def test_two_lines_are_imported_from_excel_after_a_preview(client_b, world):
    dossier = make_dossier(world)
    add_line(dossier, world.officer_b, "Hoàng Thị Hoa", organisation=world.unit_b)
    template = client_b.get(url("dossier-import-template", dossier_id=dossier.pk))
    assert template.status_code == 200 and template.content[:2] == b"PK"
    upload = xlsx([sheet_row(1, "Vi Văn Sáng", reason="Dẫn đầu phong trào"), sheet_row(2, "Lường Thị Mai"),
                   sheet_row(3, "Hoàng Thị Hoa")])  # already in the dossier: a duplicate (R8)
    response = client_b.post(url("dossier-import", dossier_id=dossier.pk), {"file": upload})
    body = response.content.decode()
    assert response.status_code == 200 and "Vi Văn Sáng" in body and "Lường Thị Mai" in body
    preview = response.context["preview"]
    assert [bool(r.errors) for r in preview.rows] == [False, False, True]
    assert "R8" in " ".join(preview.rows[2].errors)
    assert not dossier.lines.filter(name_text="Vi Văn Sáng").exists()  # nothing saved by the preview
    # saving all is refused while a row has errors; the valid rows are saved on request
    token = response.context["token"]
    response = client_b.post(url("dossier-import", dossier_id=dossier.pk), {"rows": token, "action": "save_all"})
    assert response.status_code == 400 and dossier.lines.count() == 1
    response = client_b.post(url("dossier-import", dossier_id=dossier.pk), {"rows": token, "action": "save_valid"})
    assert response.status_code == 302
    lines = list(dossier.lines.order_by("order"))
    assert [ln.name_text for ln in lines] == ["Hoàng Thị Hoa", "Vi Văn Sáng", "Lường Thị Mai"]
    assert lines[1].achievement_summary == "Dẫn đầu phong trào" and lines[1].gender == "female"
    assert lines[1].person_id is None  # not in the records: the person is made when a decision grants it


def test_a_forged_or_foreign_import_token_is_refused(client_b, world):
    dossier = make_dossier(world)
    other = make_dossier(world)
    upload = xlsx([sheet_row(1, "Vi Văn Sáng")])
    response = client_b.post(url("dossier-import", dossier_id=dossier.pk), {"file": upload})
    token = response.context["token"]
    # a token signed for one dossier does not fill another
    response = client_b.post(url("dossier-import", dossier_id=other.pk), {"rows": token, "action": "save_all"})
    assert response.status_code == 400 and not other.lines.exists()


def test_a_list_longer_than_a_dossier_is_refused_with_a_clear_message(client_b, world):
    dossier = make_dossier(world)
    rows = [sheet_row(i, f"Người {i}") for i in range(1, 503)]
    response = client_b.post(url("dossier-import", dossier_id=dossier.pk), {"file": xlsx(rows)})
    assert response.status_code == 400 and "500" in response.content.decode()
    assert not dossier.lines.exists()


# --- deadlines ---------------------------------------------------------------------------------------


def test_days_left_and_the_late_mark_on_the_list_and_the_home(client_b, world):
    current = make_dossier(world, year=TODAY().year)
    add_line(current, world.officer_b, "Hoàng Thị Hoa")
    overdue = make_dossier(world, year=TODAY().year - 1, memo_number="9/TTr-UBND")
    add_line(overdue, world.officer_b, "Vi Văn Sáng")
    left = services.days_left(current)
    late_by = -services.days_left(overdue)
    assert late_by > 0
    body = client_b.get(url("dossier-list")).content.decode()
    assert f"quá hạn {late_by} ngày" in body and "late-mark" in body
    if left > 0:
        assert f"còn {left} ngày" in body
    home = client_b.get(reverse("backoffice:dashboard"))
    text = home.content.decode()
    assert "Hồ sơ đề nghị khen thưởng" in text and f"quá hạn {late_by} ngày" in text
    # submitted late, it keeps its mark and no longer counts days
    services.dossier_submit(user=world.officer_b, dossier=overdue)
    body = client_b.get(url("dossier-detail", dossier_id=overdue.pk)).content.decode()
    assert "late-mark" in body and "quá hạn" not in body


def test_the_list_costs_the_same_queries_for_one_dossier_or_ten(client_b, world):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client_b.get(url("dossier-list")).status_code == 200
        return len(ctx)

    first = make_dossier(world)
    add_line(first, world.officer_b, "Hoàng Thị Hoa")
    count()  # the site's shell (footer, links) is cached after the first page
    one = count()
    for index in range(9):
        dossier = make_dossier(world, memo_number=f"{index}/TTr-UBND")
        add_line(dossier, world.officer_b, f"Người {index}")
        add_line(dossier, world.officer_b, f"Người khác {index}", "provincial_emulation_fighter")
    assert count() == one


# --- clusters ----------------------------------------------------------------------------------------


def test_a_unit_that_leads_no_cluster_cannot_file_for_one(client_a, client, world):
    form = client_a.get(url("dossier-create")).context["form"]
    assert "cluster" not in form.fields  # Văn Lãng is the deputy, not the leader
    client_a.post(url("dossier-create"), {
        "unit": world.unit_a.pk, "kind": "regular", "achievement_year": 2017, "summary": "Cụm",
        "cluster": world.cluster.pk,
    })
    assert not Dossier.objects.filter(cluster=world.cluster).exists()
    # the leader of 2017 files for 2018 (no leader recorded: last year's leads), not for 2019
    client.force_login(world.officer_b)
    data = {"unit": world.unit_b.pk, "kind": "regular", "summary": "Hồ sơ của cụm", "cluster": world.cluster.pk}
    response = client.post(url("dossier-create"), {**data, "achievement_year": 2019})
    assert response.status_code == 200 and "Trưởng cụm, khối năm 2019" in response.content.decode()
    assert client.post(url("dossier-create"), {**data, "achievement_year": 2018}).status_code == 302
    assert Dossier.objects.get(cluster=world.cluster).achievement_year == 2018


def test_an_edit_cannot_move_a_dossier_to_a_cluster_the_unit_does_not_lead(world):
    other = Cluster.objects.create(name="Cụm thi đua khác", slug="cum-khac", organiser=world.unit_a)
    ClusterMember.objects.create(cluster_year=ClusterYear.objects.create(cluster=other, year=2017),
                                 unit=world.unit_a, role=Role.LEADER, order=1, selection_method=SelectionMethod.ELECTED)
    dossier = make_dossier(world, year=2017)
    dossier.cluster = other
    with pytest.raises(ValidationError):
        services.dossier_update(user=world.officer_b, dossier=dossier)
    dossier.cluster = world.cluster
    services.dossier_update(user=world.officer_b, dossier=dossier)
    assert Dossier.objects.get(pk=dossier.pk).cluster == world.cluster


# --- returned, replaced, resubmitted ------------------------------------------------------------------


def test_a_returned_line_shows_its_note_and_the_replaced_report_is_kept(client_b, world):
    dossier = make_dossier(world)
    line = add_line(dossier, world.officer_b, "Hoàng Thị Hoa", achievement_report=pdf_file("bao-cao-cu.pdf"))
    services.dossier_submit(user=world.officer_b, dossier=dossier)
    services.dossier_step(user=world.reviewer, dossier=dossier, to_state=S.RECEIVED)
    services.dossier_step(user=world.reviewer, dossier=dossier, to_state=S.RETURNED, reason="Báo cáo chưa có xác nhận",
                          line_notes={line.pk: "Thay báo cáo thành tích có xác nhận của thủ trưởng"})
    body = client_b.get(url("dossier-detail", dossier_id=dossier.pk)).content.decode()
    assert "Báo cáo chưa có xác nhận" in body and "Thay báo cáo thành tích có xác nhận" in body
    assert body.index("Báo cáo chưa có xác nhận") < body.index('id="lines"')  # the reason comes first
    response = client_b.get(url("dossier-line-edit", line_id=line.pk))
    assert "Thay báo cáo thành tích có xác nhận" in response.content.decode()
    old_name = NomineeLine.objects.get(pk=line.pk).achievement_report.name
    data = line_post("Hoàng Thị Hoa", achievement_report=pdf_file("bao-cao-moi.pdf", b"%PDF-1.4\n% moi\n%%EOF\n"))
    assert client_b.post(url("dossier-line-edit", line_id=line.pk), data).status_code == 302
    line.refresh_from_db()
    assert line.achievement_report.name != old_name
    assert line.return_note  # until the dossier is submitted again
    # a returned dossier keeps its lines: removing one is refused
    client_b.post(url("dossier-line-delete", line_id=line.pk), {"confirmed": "yes"})
    assert NomineeLine.objects.filter(pk=line.pk).exists()
    response = client_b.post(url("dossier-submit", dossier_id=dossier.pk), {"confirmed": "yes"})
    assert response.status_code == 302
    line.refresh_from_db()
    dossier.refresh_from_db()
    assert dossier.state == S.SUBMITTED and not line.return_note
    with line.achievement_report.open("rb") as stored:
        assert b"moi" in stored.read()
    assert client_b.get(line.achievement_report.url).status_code == 200


def test_each_line_shows_its_outcome_and_the_decision_it_became(client_b, world):
    """Decided: the decision's number, linked once the decision is public; not approved: why;
    a line in a decision still drafted shows no decision (a draft is never public)."""
    from awards.models import Decision, IssuerRole
    from clusters.models import AdministrativeLevel, Unit, UnitKind

    province = Unit.objects.create(name="UBND tỉnh Lạng Sơn", kind=UnitKind.PEOPLES_COMMITTEE,
                                   admin_level=AdministrativeLevel.PROVINCE)
    dossier = make_dossier(world)
    granted = add_line(dossier, world.officer_b, "Hoàng Thị Hoa")
    refused = add_line(dossier, world.officer_b, "Nông Văn Sáng")
    services.dossier_submit(user=world.officer_b, dossier=dossier, confirm=True)
    for step in (S.RECEIVED, S.APPRAISAL, S.COUNCIL):
        services.dossier_step(user=world.reviewer, dossier=dossier, to_state=step)
    for line, votes in ((granted, 13), (refused, 7)):
        services.vote_record(user=world.reviewer, line=line, voted_on=TODAY(), members_total=15, members_present=15,
                             votes_for=votes)
    services.dossier_step(user=world.reviewer, dossier=dossier, to_state=S.VOTED)
    decision = services.decision_draft(user=world.reviewer, lines=[granted], issuer_unit=province,
                                       issuer_role=IssuerRole.objects.get(code="provincial_chair"),
                                       subject_line="Về việc tặng Bằng khen của Chủ tịch UBND tỉnh")
    detail = url("dossier-detail", dossier_id=dossier.pk)
    refused.refresh_from_db()
    body = client_b.get(detail).content.decode()
    assert refused.outcome_reason and refused.outcome_reason in body
    assert decision.get_absolute_url() not in body
    services.decision_sign(user=world.reviewer, decision=decision, number=4321, symbol="QĐ-UBND", signed_on=TODAY(),
                           confirm=True)
    body = client_b.get(detail).content.decode()
    assert "4321/QĐ-UBND" in body and decision.get_absolute_url() not in body  # signed, not yet public
    Decision.objects.filter(pk=decision.pk).update(is_published=True)
    body = client_b.get(detail).content.decode()
    assert f'<a href="{decision.get_absolute_url()}">4321/QĐ-UBND</a>' in body


# --- who sees a dossier --------------------------------------------------------------------------------


def _pages(dossier, line):
    return [url(name, dossier_id=dossier.pk) for name in (
        "dossier-detail", "dossier-edit", "dossier-submit", "dossier-attachment-add", "dossier-line-create",
        "dossier-import", "dossier-import-template")] + [
        url(name, line_id=line.pk) for name in ("dossier-line-edit", "dossier-line-delete")]


def test_another_units_officer_gets_404_on_every_page_of_the_dossier(client_a, world):
    dossier = make_dossier(world)
    line = add_line(dossier, world.officer_b, "Hoàng Thị Hoa", achievement_report=pdf_file())
    for page in _pages(dossier, line):
        for method in ("get", "post"):
            response = getattr(client_a, method)(page, {"confirmed": "yes", "title": "x", "name_text": "hijacked"}
                                                 if method == "post" else None)
            assert response.status_code == 404, f"{method} {page}"
    assert client_a.get(line.achievement_report.url).status_code == 404
    assert MARK_B not in client_a.get(url("dossier-list")).content.decode()
    assert MARK_B not in client_a.get(reverse("backoffice:dashboard")).content.decode()
    dossier.refresh_from_db()
    assert dossier.state == S.DRAFT and dossier.lines.get().name_text == "Hoàng Thị Hoa"


def test_the_public_is_sent_to_log_in_and_reviewers_use_their_own_pages(client, world):
    dossier = make_dossier(world)
    line = add_line(dossier, world.officer_b, "Hoàng Thị Hoa")
    for page in _pages(dossier, line) + [url("dossier-list"), url("dossier-create")]:
        response = client.get(page)
        assert response.status_code == 302 and response["Location"].startswith(reverse(settings.LOGIN_URL)), page
    client.force_login(world.reviewer)
    assert client.get(url("dossier-list")).status_code == 403


def test_a_date_typed_the_vietnamese_way_and_the_memo_is_edited_while_draft(client_b, world):
    dossier = make_dossier(world)
    form = client_b.get(url("dossier-edit", dossier_id=dossier.pk)).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None and name != "minutes"}
    data.update({"memo_date": "05/11/2026", "memo_number": "20/TTr-UBND", "kind": "regular",
                 "achievement_year": dossier.achievement_year, "summary": "Sửa tờ trình"})
    response = client_b.post(url("dossier-edit", dossier_id=dossier.pk), data)
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.memo_date == datetime.date(2026, 11, 5) and dossier.memo_number == "20/TTr-UBND"


# --- the pages' HTML -----------------------------------------------------------------------------------


def test_every_dossier_page_is_well_formed_html(client_b, world):
    from tests.nominations.html_check import html_problems

    dossier = make_dossier(world, cluster=None)
    line = add_line(dossier, world.officer_b, "Hoàng Thị Hoa", achievement_report=pdf_file())
    add_line(dossier, world.officer_b, "Lương Văn Cường", "provincial_emulation_fighter")
    add_line(dossier, world.officer_b, "Hoàng Văn Bình", "advanced_worker")
    preview = client_b.post(url("dossier-import", dossier_id=dossier.pk),
                            {"file": xlsx([sheet_row(1, "Vi Văn Sáng"), sheet_row(2, "Vi Văn Sáng")])})
    pages = {"import-preview": preview}
    for name, address in [("list", url("dossier-list")), ("home", reverse("backoffice:dashboard")),
                          ("create", url("dossier-create")), ("detail", url("dossier-detail", dossier_id=dossier.pk)),
                          ("edit", url("dossier-edit", dossier_id=dossier.pk)),
                          ("submit", url("dossier-submit", dossier_id=dossier.pk)),
                          ("line-create", url("dossier-line-create", dossier_id=dossier.pk)),
                          ("line-edit", url("dossier-line-edit", line_id=line.pk)),
                          ("line-delete", url("dossier-line-delete", line_id=line.pk)),
                          ("import", url("dossier-import", dossier_id=dossier.pk))]:
        pages[name] = client_b.get(address)
    pages["line-refused"] = client_b.post(url("dossier-line-create", dossier_id=dossier.pk), {"name_text": ""})
    for name, response in pages.items():
        assert response.status_code in (200, 400), name
        assert html_problems(response.content.decode()) == [], name
