"""CSV and XLSX files of the statistics and of form 0603, written from the same report objects
the pages render (reports and form_0603 beside this file), so a file never says something its page does not."""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from portal.core.spreadsheets import csv_text, xlsx_keep_text

from .form_0603 import Form0603Report
from .reports import StatisticsReport

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)


def _download(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")  # what the page writes: 52,4
    return csv_text(str(value))


def statistics_csv(report: StatisticsReport, *, filename: str) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Commendation statistics")])
    for label, value in report.filters:
        writer.writerow([_csv_cell(label), _csv_cell(value)])
    for section in report.sections():
        writer.writerow([])
        writer.writerow([_csv_cell(section["title"])])
        writer.writerow([_csv_cell(v) for v in section["header"]])
        for row in section["rows"]:
            writer.writerow([_csv_cell(v) for v in row])
    # the BOM lets Excel open the file as UTF-8 (Vietnamese letters intact)
    content = ("\ufeff" + out.getvalue()).encode("utf-8")
    return _download(content, filename=filename, content_type="text/csv; charset=utf-8")


def _xlsx_response(workbook: Workbook, *, filename: str) -> HttpResponse:
    xlsx_keep_text(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _download(buffer.getvalue(), filename=filename, content_type=XLSX_TYPE)


def statistics_xlsx(report: StatisticsReport, *, filename: str) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Statistics")[:31]
    sheet.append([_("Commendation statistics")])
    sheet["A1"].font = Font(bold=True, size=13)
    for label, value in report.filters:
        sheet.append([label, value])
    for section in report.sections():
        sheet.append([])
        sheet.append([section["title"]])
        sheet.cell(row=sheet.max_row, column=1).font = BOLD
        sheet.append(section["header"])
        for cell in sheet[sheet.max_row]:
            cell.font, cell.border = BOLD, BOX
        for row in section["rows"]:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                cell.border = BOX
                if isinstance(cell.value, float):
                    cell.number_format = "0.0"
    sheet.column_dimensions["A"].width = 60
    for column in range(2, 6):
        sheet.column_dimensions[get_column_letter(column)].width = 14
    return _xlsx_response(workbook, filename=filename)


def _decision_label(decision) -> str:
    date = decision.signed_on.strftime("%d/%m/%Y") if decision.signed_on else _("date signed: unknown")
    label = f"{decision.title}, {date} – {decision.issuer_unit}"
    if decision.source_name:
        label += " (" + _("Source: %(name)s") % {"name": decision.source_name} + ")"
    return label


def keep_text(cells) -> None:
    """openpyxl takes any string starting with "=" for a formula: a typed name or source such as
    "=HYPERLINK(…)" must stay the text it is."""
    for cell in cells:
        if cell.data_type == "f":
            cell.data_type = "s"


def _undated_section(sheet, report: Form0603Report, n_columns: int) -> None:
    """The decisions of the year without a signing date, apart from the form: the total and
    columns they would add to row 01. Column B (the row code) stays empty: they are no row."""
    sheet.append([])
    sheet.append([_("Signing date unknown: not counted above")])
    sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=n_columns)
    sheet.cell(row=sheet.max_row, column=1).font = BOLD
    sheet.append([_("Decision"), None, report.layout["total_header"], *[c["label"] for c in report.columns]])
    for cell in sheet[sheet.max_row]:
        cell.font, cell.border = BOLD, BOX
    rows = [(_decision_label(item.decision), item.values) for item in report.undated]
    hidden = report.undated_unpublished
    if hidden.count:
        # summed, not named: the file is as public as the page
        rows.append((ngettext("%(count)s decision not published on this site",
                              "%(count)s decisions not published on this site", hidden.count)
                     % {"count": hidden.count}, hidden.values))
    for label, values in rows:
        sheet.append([label, None, *values])
        keep_text(sheet[sheet.max_row])
        for cell in sheet[sheet.max_row]:
            cell.border = BOX
        sheet.cell(row=sheet.max_row, column=1).alignment = Alignment(wrap_text=True)


def form_0603_xlsx(report: Form0603Report, *, filename: str) -> HttpResponse:
    """The form as printed: form code and basis, title, period, then the table with the letter
    and number row (A, B, 1…) the Ministry's forms carry."""
    layout = report.layout
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "0603"
    n_columns = 3 + len(report.columns)
    last = get_column_letter(n_columns)
    sheet.append([layout["form_code"]])
    sheet.append([layout["basis"]])
    sheet.append([layout["title"]])
    sheet.merge_cells(f"A3:{last}3")
    sheet["A3"].font = Font(bold=True, size=13)
    sheet["A3"].alignment = Alignment(horizontal="center")
    sheet.append([_("Period: %(period)s %(year)s (%(start)s – %(end)s)") % {
        "period": report.period_label, "year": report.year,
        "start": report.start.strftime("%d/%m/%Y"), "end": report.end.strftime("%d/%m/%Y"),
    }])
    sheet.merge_cells(f"A4:{last}4")
    sheet["A4"].alignment = Alignment(horizontal="center")
    sheet.append([layout["unit_note"]])
    header = [layout["label_header"], layout["code_header"], layout["total_header"],
              *[c["label"] for c in report.columns]]
    form_table(sheet, header, report.rows, n_columns)
    if report.has_undated:
        _undated_section(sheet, report, n_columns)
    form_page_setup(sheet, n_columns)
    return _xlsx_response(workbook, filename=filename)


def form_table(sheet, header: list, rows, width: int) -> None:
    """An official form's table as the circular lays it out: the header, the row of column
    letters and numbers (A, B, 1, 2…), section titles, and rows indented by their level, boxed,
    the top-level ones bold. Forms 0601–0605 (the nominations app) share it."""
    sheet.append(header)
    sheet.append(["A", "B", *[str(i) for i in range(1, len(header) - 1)]])
    for row_cells in sheet.iter_rows(min_row=sheet.max_row - 1, max_row=sheet.max_row, max_col=width):
        for cell in row_cells:
            cell.font, cell.border = BOLD, BOX
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    section = ""
    for row in rows:
        if row.section and row.section != section:
            section = row.section
            sheet.append([section])
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=width)
            sheet.cell(row=sheet.max_row, column=1).font = Font(italic=True)
        sheet.append([row.label, row.code, *row.values])
        for cell in sheet[sheet.max_row][:width]:
            cell.border = BOX
            if row.indent == 0:
                cell.font = BOLD
        sheet.cell(row=sheet.max_row, column=1).alignment = Alignment(indent=row.indent * 2, wrap_text=True)
        sheet.cell(row=sheet.max_row, column=2).alignment = Alignment(horizontal="center")


def form_page_setup(sheet, width: int) -> None:
    sheet.column_dimensions["A"].width = 58
    sheet.column_dimensions["B"].width = 8
    for column in range(3, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 16
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
