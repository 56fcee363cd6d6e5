"""XLSX files of the nomination report and of forms 0601, 0602, 0604 and 0605, written from the
same objects the pages render (reports, form_06xx), so a file never says something its page does
not. Laid out like form 0603's file (awards.statistics.exports): code and basis, title, period,
then the table with the letter and number row the Ministry's forms carry."""

from __future__ import annotations

import datetime
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from awards.statistics.exports import BOLD, BOX, XLSX_TYPE, form_page_setup, form_table
from portal.core.spreadsheets import xlsx_keep_text

from .official_forms import OfficialForm
from .reports import NominationReport


def xlsx_response(workbook: Workbook, *, filename: str) -> HttpResponse:
    xlsx_keep_text(workbook)  # a typed name such as "=HYPERLINK(…)" stays text
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _cell_value(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return value


def nomination_report_xlsx(report: NominationReport, *, filename: str) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Nominations")[:31]
    sheet.append([_("Nomination dossiers, achievement year %(year)s") % {"year": report.year}])
    sheet["A1"].font = Font(bold=True, size=13)
    if report.filer:
        sheet.append([_("Filed by"), report.filer_label])
    for section in report.sections():
        sheet.append([])
        sheet.append([section["title"]])
        sheet.cell(row=sheet.max_row, column=1).font = BOLD
        sheet.append(section["header"])
        for cell in sheet[sheet.max_row]:
            cell.font, cell.border = BOLD, BOX
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for row in section["rows"]:
            sheet.append([_cell_value(value) for value in row])
            for cell in sheet[sheet.max_row]:
                cell.border = BOX
                if isinstance(cell.value, float):
                    cell.number_format = "0.0"
    sheet.column_dimensions["A"].width = 50
    for column in range(2, 10):
        sheet.column_dimensions[get_column_letter(column)].width = 15
    return xlsx_response(workbook, filename=filename)


def official_form_xlsx(form: OfficialForm, *, reporting_body: str, filename: str) -> HttpResponse:
    """One sheet: the form's code and basis, the reporting and receiving bodies, title, year, unit
    of count, then each table (0602's staff file has two: granted, proposed) and the notes."""
    layout = form.layout
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = form.number
    n_columns = 2 + max(len(table.headers) for table in form.tables)
    last = get_column_letter(n_columns)
    sheet.append([layout["form_code"]])
    sheet.append([layout["basis"]])
    sheet.append([_("Reporting body: %(body)s") % {"body": reporting_body or "…"}])
    sheet.append([_("Receiving body: %(body)s") % {"body": layout["receiving_body"]}])
    sheet.append([layout["title"]])
    title_row = sheet.max_row
    sheet.merge_cells(f"A{title_row}:{last}{title_row}")
    sheet.cell(row=title_row, column=1).font = Font(bold=True, size=13)
    sheet.cell(row=title_row, column=1).alignment = Alignment(horizontal="center")
    sheet.append([_("Year %(year)s (from %(start)s to %(end)s)") % {
        "year": form.year, "start": form.start.strftime("%d/%m/%Y"), "end": form.end.strftime("%d/%m/%Y")}])
    sheet.merge_cells(f"A{sheet.max_row}:{last}{sheet.max_row}")
    sheet.cell(row=sheet.max_row, column=1).alignment = Alignment(horizontal="center")
    sheet.append([layout["unit_note"]])
    for table in form.tables:
        width = 2 + len(table.headers)
        if len(form.tables) > 1:
            sheet.append([])
            sheet.append([table.caption])
            sheet.cell(row=sheet.max_row, column=1).font = BOLD
        form_table(sheet, [layout["label_header"], layout["code_header"], *table.headers], table.rows, width)
    if form.notes:
        sheet.append([])
        for note in form.notes:
            sheet.append([note])
    form_page_setup(sheet, n_columns)
    return xlsx_response(workbook, filename=filename)
