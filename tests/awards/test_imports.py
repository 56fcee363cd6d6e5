"""The Excel attached list: template, preview with row numbers, confirmation, matching, export,
the admin screens and the management command."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from awards import imports
from awards.models import Decision, DecisionLine
from clusters.models import Person, Position

pytestmark = pytest.mark.django_db

HEADERS = ["STT", "Đối tượng (Cá nhân / Tập thể / Hộ gia đình)", "Họ và tên / Tên tập thể", "Chức vụ", "Đơn vị",
           "Danh hiệu, hình thức (mã hoặc tên)", "Hạng", "Giới tính", "Thành phần", "Tập thể nhỏ (x)",
           "Doanh nghiệp (x)", "Truy tặng (x)", "Thành tích"]


def xlsx(rows) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "danh-sach.xlsx"
    return buffer


def person_row(n, name, unit="xã Hoàng Văn Thụ", award="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", **extra):
    row = [n, "Cá nhân", name, "Nông dân", unit, award, "", "Nữ", "Người lao động trực tiếp", "", "", "",
           "Đã có thành tích xuất sắc"]
    for index, value in extra.items():
        row[int(index.removeprefix("c"))] = value
    return row


@pytest.fixture
def decision(issue, awards, people):
    return issue([], number_text="500/QĐ-UBND", number=500)


def test_template_opens_with_headers_and_a_sample_row():
    sheet = load_workbook(io.BytesIO(imports.template_xlsx())).active
    assert [c.value for c in sheet[1]][:3] == ["STT", "Đối tượng (Cá nhân / Tập thể / Hộ gia đình)",
                                                "Họ và tên / Tên tập thể"]
    assert sheet.max_row == 2


def test_bad_row_is_reported_with_its_row_number_and_nothing_is_saved(decision, units):
    rows = imports.read_rows(xlsx([
        person_row(1, "Hoàng Thị Hoa"),
        person_row(2, "Lường Văn Bình", award="Huân chương không có"),
        person_row(3, "Vi Văn Sáng"),
    ]))
    result = imports.preview(decision, rows)
    assert [(r.row, bool(r.errors)) for r in result.rows] == [(2, False), (3, True), (4, False)]
    assert "Huân chương không có" in result.rows[1].errors[0]
    with pytest.raises(ValueError):
        imports.apply(result, valid_only=False, confirm=False)
    assert DecisionLine.objects.count() == 0
    assert Person.objects.filter(full_name="Vi Văn Sáng").count() == 0


def test_valid_rows_only_are_saved_when_so_confirmed(decision, units):
    rows = imports.read_rows(xlsx([
        person_row(1, "Hoàng Thị Hoa"),
        person_row(2, "Lường Văn Bình", award="Huân chương không có"),
        person_row(3, "Vi Văn Sáng"),
    ]))
    saved = imports.apply(imports.preview(decision, rows), valid_only=True, confirm=False)
    assert sorted(line.name_text for line in saved) == ["Hoàng Thị Hoa", "Vi Văn Sáng"]
    line = decision.lines.get(name_text="Vi Văn Sáng")
    assert (line.gender, line.person_category) == ("female", "direct_worker")
    assert line.organisation == units["commune"]
    assert line.person.full_name == "Vi Văn Sáng"


def test_a_row_refused_by_the_rules_names_its_row(decision, units):
    rows = imports.read_rows(xlsx([person_row(1, "Hoàng Thị Hoa"), person_row(2, "Lường Văn Bình", award="Giấy khen")]))
    result = imports.preview(decision, rows)
    assert result.rows[1].row == 3
    assert "không có thẩm quyền" in result.rows[1].errors[0]


def test_person_matched_by_folded_name_and_unit(decision, units, people):
    Position.objects.create(person=people["hoa"], unit=units["commune"], title="Nông dân")
    rows = imports.read_rows(xlsx([person_row(1, "hoang thi hoa")]))
    result = imports.preview(decision, rows)
    assert result.rows[0].match == people["hoa"].pk and result.rows[0].auto
    imports.apply(result, valid_only=False, confirm=False)
    assert decision.lines.get().person == people["hoa"]
    assert Person.objects.filter(search_text="hoang thi hoa").count() == 1


def test_ambiguous_person_needs_a_choice_and_the_choice_is_used(decision, units, people):
    twin = Person.objects.create(full_name="Hoàng Thị Hoa", slug="hoang-thi-hoa-2")
    for person in (people["hoa"], twin):
        Position.objects.create(person=person, unit=units["commune"], title="Nông dân")
    rows = imports.read_rows(xlsx([person_row(1, "Hoàng Thị Hoa")]))
    result = imports.preview(decision, rows)
    row = result.rows[0]
    assert row.needs_choice and {c.pk for c in row.candidates} == {people["hoa"].pk, twin.pk}
    assert row.errors  # no choice yet
    result = imports.preview(decision, rows, choices={2: str(twin.pk)})
    assert not result.rows[0].errors
    imports.apply(result, valid_only=False, confirm=False)
    assert decision.lines.get().person == twin


def test_same_name_elsewhere_is_offered_but_a_new_person_is_the_default(decision, units, people):
    rows = imports.read_rows(xlsx([person_row(1, "Hoàng Thị Hoa")]))
    row = imports.preview(decision, rows).rows[0]
    assert row.creates and row.selected == "new" and row.candidates


def test_the_same_new_person_twice_in_a_list_is_a_duplicate(decision, units):
    rows = imports.read_rows(xlsx([person_row(1, "Vi Văn Sáng"), person_row(2, "Vi Văn Sáng")]))
    result = imports.preview(decision, rows)
    assert not result.rows[0].errors and result.rows[1].errors


def test_warnings_need_confirmation(issue, units):
    old = issue([], number=77, number_text="77/QĐ-UBND", signed_on=datetime.date(2017, 5, 1), achievement_year=2017,
                confirm=True)
    result = imports.preview(old, imports.read_rows(xlsx([person_row(1, "Vi Văn Sáng")])))
    assert result.warnings
    from awards.services import ConfirmationRequired

    with pytest.raises(ConfirmationRequired):
        imports.apply(result, valid_only=False, confirm=False)
    assert DecisionLine.objects.count() == 0
    imports.apply(result, valid_only=False, confirm=True)
    assert old.lines.count() == 1


def test_two_thousand_rows_preview_and_save_in_a_bounded_number_of_queries(decision, units, people,
                                                                          django_assert_max_num_queries):
    for i in range(300):  # existing people with the same names as some rows, at the same unit
        person = Person.objects.create(full_name=f"Nông Văn Số {i}", slug=f"nong-van-so-{i}")
        Position.objects.create(person=person, unit=units["commune"], title="Nông dân")
    data = [person_row(i + 1, f"Nông Văn Số {i}") for i in range(2000)]
    data += [[2001, "Tập thể", "Thôn Nà Pàn", "", "xã Hoàng Văn Thụ", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
              "", "", "", "x", "", "", "Thôn tiêu biểu"]]
    rows = imports.read_rows(xlsx(data))
    with django_assert_max_num_queries(25):
        result = imports.preview(decision, rows)
    assert not result.error_rows
    with django_assert_max_num_queries(45):
        saved = imports.apply(result, valid_only=False, confirm=False)
    assert len(saved) == 2001
    assert Person.objects.count() == 2 + 2000
    assert decision.lines.filter(person__slug__startswith="nong-van-so-").count() == 2000
    assert decision.lines.get(subject_type="collective").unit == units["village"]


def test_export_opens_with_openpyxl(decision, issue, awards, people):
    done = issue([{"subject_type": "individual", "person": people["hoa"], "name_text": "Hoàng Thị Hoa",
                   "award": awards["provincial_certificate"], "gender": "female"}])
    sheet = load_workbook(io.BytesIO(imports.export_xlsx(done, done.lines.select_related("award")))).active
    assert sheet.cell(row=2, column=3).value == "Hoàng Thị Hoa"
    assert sheet.cell(row=2, column=6).value == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"


def test_command_imports_a_file_and_refuses_errors_without_valid_only(decision, units, tmp_path):
    path = tmp_path / "list.xlsx"
    path.write_bytes(xlsx([person_row(1, "Hoàng Thị Hoa"), person_row(2, "X", award="???")]).getvalue())
    with pytest.raises(CommandError):
        call_command("import_decision_lines", decision.pk, str(path), "--no-progress", stdout=io.StringIO(),
                     stderr=io.StringIO())
    assert decision.lines.count() == 0
    out = io.StringIO()
    call_command("import_decision_lines", decision.pk, str(path), "--valid-only", "--no-progress", stdout=out,
                 stderr=io.StringIO())
    assert decision.lines.count() == 1
    assert "1 lines saved" in out.getvalue()


# --- admin screens ------------------------------------------------------------------------------


def test_admin_import_upload_preview_and_confirm(client, staff_user, decision, units):
    client.force_login(staff_user)
    url = reverse("admin:awards_decision_import", args=[decision.pk])
    assert client.get(url).status_code == 200
    upload = xlsx([person_row(1, "Hoàng Thị Hoa"), person_row(2, "Lường Văn Bình", award="???")])
    response = client.post(url, {"file": upload})
    assert response.status_code == 302
    preview_url = response["Location"]
    page = client.get(preview_url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Hàng 3" in body and "???" in body
    assert DecisionLine.objects.count() == 0
    response = client.post(preview_url, {"action": "save_all"})
    assert response.status_code == 200 and DecisionLine.objects.count() == 0  # errors: not all rows
    response = client.post(preview_url, {"action": "save_valid"})
    assert response.status_code == 302
    assert list(decision.lines.values_list("name_text", flat=True)) == ["Hoàng Thị Hoa"]
    assert client.get(preview_url).status_code == 302  # the stored upload is gone


def test_admin_import_cancel_saves_nothing(client, staff_user, decision, units):
    client.force_login(staff_user)
    response = client.post(reverse("admin:awards_decision_import", args=[decision.pk]),
                           {"file": xlsx([person_row(1, "Hoàng Thị Hoa")])})
    response = client.post(response["Location"], {"action": "cancel"})
    assert response.status_code == 302 and DecisionLine.objects.count() == 0


def test_admin_import_refuses_a_file_that_is_not_excel(client, staff_user, decision):
    client.force_login(staff_user)
    fake = io.BytesIO(b"not a workbook")
    fake.name = "x.xlsx"
    response = client.post(reverse("admin:awards_decision_import", args=[decision.pk]), {"file": fake})
    assert response.status_code == 200
    assert "Excel" in response.content.decode()


def test_admin_template_and_export_download(client, staff_user, decision):
    client.force_login(staff_user)
    response = client.get(reverse("admin:awards_decision_import_template"))
    assert response.status_code == 200 and load_workbook(io.BytesIO(response.content)).active.max_row == 2
    response = client.get(reverse("admin:awards_decision_export", args=[decision.pk]))
    assert response.status_code == 200 and load_workbook(io.BytesIO(response.content)).active.max_row == 1


def test_decision_count_unchanged_by_preview(decision):
    assert Decision.objects.count() == 1


def test_a_row_duplicating_a_line_already_in_the_decision_is_reported_on_its_row(issue, awards, people, units):
    decision = issue([{"subject_type": "individual", "person": people["hoa"], "name_text": "Hoàng Thị Hoa",
                       "award": awards["provincial_certificate"]}])
    Position.objects.create(person=people["hoa"], unit=units["commune"], title="Nông dân")
    result = imports.preview(decision, imports.read_rows(xlsx([person_row(1, "Hoàng Thị Hoa")])))
    assert result.rows[0].errors


def test_too_long_a_list_for_one_request_is_sent_to_the_command():
    with pytest.raises(imports.ImportFileError):
        imports.read_rows(xlsx([person_row(i, f"Người {i}") for i in range(12)]), max_rows=10)
