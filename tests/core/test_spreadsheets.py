"""Exported cells are text: nothing typed into the portal becomes a live formula in Excel."""

import csv
import io
import zipfile

from openpyxl import Workbook, load_workbook

from awards.statistics.exports import statistics_csv, statistics_xlsx
from portal.core.spreadsheets import csv_text, xlsx_keep_text

EVIL = ['=HYPERLINK("http://attacker.example","Bấm vào đây")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)"]


def test_csv_cells_that_look_like_formulas_get_a_leading_apostrophe():
    assert [csv_text(v) for v in EVIL] == ["'" + v for v in EVIL]
    assert csv_text("Huyện Lộc Bình") == "Huyện Lộc Bình" and csv_text(3) == 3


def test_xlsx_strings_stay_strings():
    workbook = Workbook()
    workbook.active.append(EVIL)
    xlsx_keep_text(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
    assert [c.value for c in load_workbook(io.BytesIO(buffer.getvalue())).active[1]] == EVIL


class _Report:
    filters = [("Đơn vị", EVIL[0])]

    def sections(self):
        return [{"title": "Theo đơn vị", "header": ["Đơn vị", "Số lượt"], "rows": [[EVIL[1], 2], [EVIL[3], 1]]}]


def test_statistics_exports_write_text_as_text():
    content = statistics_csv(_Report(), filename="x.csv").content.decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(content)) for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    xlsx = statistics_xlsx(_Report(), filename="x.xlsx").content
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
