"""Scoring tables in Excel: what is exported imports back to the same table, every row's problem
is named with its row number before anything is saved, and a file too large to read safely is
refused before a row is read (the decision import's archive check)."""

import io
import re
import zipfile
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from awards.imports import ImportFileError
from scoring import template_io
from scoring.models import ClusterType, Criterion, CriterionKind, ScoreTemplate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def _cells(data: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def _upload(data: bytes, name="bang-diem.xlsx"):
    return SimpleUploadedFile(name, data, content_type=template_io.XLSX)


def _sheet(header_rows, rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in header_rows:
        sheet.append(row)
    sheet.append([])
    sheet.append(["Mã nhóm", "Tên nhóm", "Mã", "Tiêu chí", "Loại", "Điểm tối đa / mức giới hạn",
                  "Cần minh chứng (x)", "Hướng dẫn"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_export_has_the_header_block_and_vietnamese_columns(world):
    cells = _cells(template_io.export_xlsx(world.template))
    assert cells[0][:2] == ("Tên bảng", "Bảng điểm thi đua 2025")
    assert ("Năm", 2025) in [c[:2] for c in cells[:6]] and ("Trần tổng điểm thưởng", 5) in [c[:2] for c in cells[:6]]
    header = cells[7]
    assert header[:5] == ("Mã nhóm", "Tên nhóm", "Mã", "Tiêu chí", "Loại")
    assert cells[8][:7] == ("I", "Thực hiện nhiệm vụ", "1", "Nhiệm vụ chính trị", "Tiêu chí", 40, None)
    assert cells[9][6] == "x"  # c2 asks for evidence
    kinds = [c[4] for c in cells[8:]]
    assert kinds == ["Tiêu chí"] * 3 + ["Điểm thưởng"] * 2 + ["Điểm trừ"]


def test_import_then_export_gives_the_same_table(world):
    exported = template_io.export_xlsx(world.template)
    checked = template_io.check(template_io.read_table(_upload(exported)))
    assert checked.is_valid, (checked.errors, [r.errors for r in checked.error_rows])
    other = ClusterType.objects.create(name="Khối các sở")
    copy = template_io.apply(checked, cluster_type=other, year=2026)
    assert copy.bonus_cap == D("5") and copy.penalty_cap is None
    assert list(copy.criteria.values_list("code", "kind", "max_points", "evidence_required", "group__code")) == [
        ("1", "scored", D("40"), False, "I"), ("2", "scored", D("30"), True, "I"), ("3", "scored", D("30"), False, "I"),
        ("T", "bonus", D("3"), False, None), ("T2", "bonus", D("3"), False, None),
        ("P", "penalty", D("10"), False, None)]
    again = _cells(template_io.export_xlsx(copy))
    before = _cells(exported)
    # the header's year and type are the new table's; everything else reads the same
    assert [r for i, r in enumerate(before) if i not in (1, 2)] == [r for i, r in enumerate(again) if i not in (1, 2)]
    assert again[1][1] == 2026 and again[2][1] == "Khối các sở"


def test_the_example_file_reads_as_a_valid_table_with_vietnamese_criteria():
    raw = template_io.read_table(_upload(template_io.example_xlsx()))
    checked = template_io.check(raw)
    assert checked.is_valid
    assert checked.group_count == 3 and len(checked.rows) == 14
    assert {r.kind for r in checked.rows} == {CriterionKind.SCORED, CriterionKind.BONUS, CriterionKind.PENALTY}
    assert any("nông thôn mới" in r.data["title"] for r in checked.rows)


def test_english_headers_and_kinds_read_too():
    data = _sheet([["Table title", "Scoring table 2026"], ["Cap on all penalty points", "7,5"]], [])
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.active
    for index, label in enumerate(["Group code", "Group title", "Code", "Criterion", "Kind",
                                   "Maximum points / limit", "Evidence required (x)", "Guidance"], start=1):
        sheet.cell(row=4, column=index, value=label)
    sheet.append(["A", "Tasks", "1", "Main task", "criterion", 60, "", ""])
    sheet.append(["", "", "B", "Bonus", "Bonus points", "2,5", "yes", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    checked = template_io.check(template_io.read_table(_upload(buffer.getvalue())))
    assert checked.is_valid, [r.errors for r in checked.rows]
    assert checked.penalty_cap == D("7.5")
    assert [(r.kind, r.max_points, r.evidence_required) for r in checked.rows] == [
        ("scored", D("60"), False), ("bonus", D("2.5"), True)]


def test_row_errors_name_their_row_and_nothing_is_saved(world):
    data = _sheet([["Tên bảng", "Bảng mới"]], [
        ["I", "Nhiệm vụ", "1", "Nhiệm vụ chính trị", "Tiêu chí", 40, "", ""],   # row 4: fine
        ["I", "Nhiệm vụ", "2", "", "Tiêu chí", 10, "", ""],                    # row 5: no title
        ["", "", "T", "Điểm thưởng", "Điểm cộng", 3, "", ""],                   # row 6: unknown kind
        ["", "", "P", "Điểm trừ", "Điểm trừ", -2, "", ""],                      # row 7: not positive
        ["", "", "Q", "Vi phạm", "Điểm trừ", "năm", "", ""],                    # row 8: not a number
        ["II", "Khác", "3", "Khen thưởng", "", 0, "", ""],                      # row 9: zero
    ])
    checked = template_io.check(template_io.read_table(_upload(data)))
    errors = {r.row: " ".join(r.errors) for r in checked.error_rows}
    assert set(errors) == {5, 6, 7, 8, 9}
    assert "tên" in errors[5] or "tiêu chí" in errors[5]
    assert "Điểm cộng" in errors[6]
    assert "-2" in errors[7] and "năm" in errors[8] and "0" in errors[9]
    with pytest.raises(ValueError):
        template_io.apply(checked, cluster_type=world.type, year=2030)
    assert not ScoreTemplate.objects.filter(year=2030).exists()


def test_a_group_code_with_two_titles_and_a_missing_table_title_are_errors():
    data = _sheet([], [
        ["I", "Nhiệm vụ", "1", "Một", "Tiêu chí", 10, "", ""],
        ["I", "Nhiệm vụ khác", "2", "Hai", "Tiêu chí", 10, "", ""],
    ])
    checked = template_io.check(template_io.read_table(_upload(data)))
    assert checked.errors and "Tên bảng" in checked.errors[0]
    assert [r.row for r in checked.error_rows] == [4] and "hàng 3" in checked.error_rows[0].errors[0]


def test_a_sheet_without_the_column_headers_is_refused():
    workbook = Workbook()
    workbook.active.append(["Họ và tên", "Đơn vị"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ImportFileError, match="tiêu đề cột"):
        template_io.read_table(_upload(buffer.getvalue()))


def _rebuilt(data: bytes, replace) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace(info.filename, source.read(info.filename)))
    return out.getvalue()


@pytest.fixture
def no_parsing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a row was about to be read")

    monkeypatch.setattr(template_io, "load_workbook", refuse)


def test_a_zip_bomb_is_refused_before_reading(no_parsing):
    def bomb(name, data):
        if name.startswith("xl/worksheets/"):
            return data.replace(b"</worksheet>", b" " * (40 * 2**20) + b"</worksheet>")
        return data

    data = _rebuilt(template_io.example_xlsx(), bomb)
    assert len(data) < 1_000_000
    with pytest.raises(ImportFileError, match="bị từ chối trước khi đọc"):
        template_io.read_table(_upload(data))


def test_a_sheet_declaring_millions_of_rows_is_refused_before_reading(no_parsing):
    def huge(name, data):
        if name.startswith("xl/worksheets/"):
            return re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:H5000000"', data)
        return data

    with pytest.raises(ImportFileError, match="5000000"):
        template_io.read_table(_upload(_rebuilt(template_io.example_xlsx(), huge)))


def test_an_oversized_upload_is_refused_before_reading(no_parsing):
    big = _upload(b"PK" + b"\0" * (template_io.MAX_UPLOAD_BYTES + 1))
    with pytest.raises(ImportFileError, match="MB"):
        template_io.read_table(big)


def test_a_zip_bomb_uploaded_in_the_admin_is_refused_with_its_message(client, world):
    client.force_login(world.staff)

    def bomb(name, data):
        if name.startswith("xl/worksheets/"):
            return data.replace(b"</worksheet>", b" " * (40 * 2**20) + b"</worksheet>")
        return data

    response = client.post(reverse("admin:scoring_scoretemplate_import"), {
        "file": _upload(_rebuilt(template_io.example_xlsx(), bomb)), "cluster_type": world.type.pk, "year": 2031})
    assert response.status_code == 200
    assert "bị từ chối trước khi đọc" in response.content.decode()
    assert not ScoreTemplate.objects.filter(year=2031).exists()


def test_replacing_the_criteria_of_an_unlocked_table(world):
    data = template_io.example_xlsx()
    checked = template_io.check(template_io.read_table(_upload(data)))
    saved = template_io.apply(checked, template=world.template)
    assert saved.pk == world.template.pk
    assert Criterion.objects.filter(template=world.template).count() == 14
    assert world.template.groups.count() == 3
    saved.refresh_from_db()
    assert saved.title.startswith("Bảng tiêu chí chấm điểm") and saved.bonus_cap == D("5")
