"""The compiled score table as XLSX, laid out to be printed at the year-end meeting: criteria down,
members across, totals and ranks at the foot, on landscape A4 fitted to the page width, the
header rows and criterion columns repeated on every printed page."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from portal.core.spreadsheets import xlsx_keep_text

from .models import CriterionKind, SheetState
from .selectors import CompiledTable

BOLD = Font(bold=True)
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAP = Alignment(vertical="top", wrap_text=True)
FIRST_MEMBER_COLUMN = 4  # code, criterion, maximum, then the members


def _number(value):
    return float(value) if value is not None else None


def compiled_table_workbook(table: CompiledTable) -> Workbook:
    scoring = table.scoring
    cluster_year = scoring.cluster_year
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Compiled scores")[:31]
    width = FIRST_MEMBER_COLUMN - 1 + len(table.columns)

    sheet.append([_("Compiled scores of the %(cluster)s, %(year)s") % {
        "cluster": cluster_year.cluster.name, "year": cluster_year.year}])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    sheet.append([f"{scoring.template.title}" + (f" ({scoring.template.basis})" if scoring.template.basis else "")])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet.cell(row=2, column=1).alignment = Alignment(horizontal="center")
    sheet.append([])

    header_row = sheet.max_row + 1
    sheet.append([_("Code"), _("Criterion"), _("Maximum"), *[c.unit.name for c in table.columns]])
    states = []
    for column in table.columns:
        if column.sheet.state != SheetState.SUBMITTED:
            states.append(_("draft"))
        elif column.sheet.is_late:
            states.append(_("submitted late"))
        else:
            states.append(_("submitted"))
    sheet.append(["", _("Self-score"), "", *states])
    for row in sheet.iter_rows(min_row=header_row, max_row=header_row + 1, max_col=width):
        for cell in row:
            cell.font, cell.border, cell.alignment = BOLD, BOX, CENTRE

    for section in table.sections:
        if section.group is not None:
            sheet.append([section.group.code, section.group.title])
            sheet.merge_cells(start_row=sheet.max_row, start_column=2, end_row=sheet.max_row, end_column=width)
            for cell in sheet[sheet.max_row][:width]:
                cell.font, cell.border = BOLD, BOX
        for line in section.lines:
            criterion = line.criterion
            label = criterion.title
            if criterion.kind != CriterionKind.SCORED:
                label = f"{criterion.title} ({criterion.get_kind_display()})"
            sheet.append([criterion.code, label, _number(criterion.max_points),
                          *[_number(cell.points) for cell in line.cells]])
            for cell in sheet[sheet.max_row][:width]:
                cell.border = BOX
            sheet.cell(row=sheet.max_row, column=2).alignment = WRAP
            for index, cell in enumerate(line.cells):
                if cell.adjusted:
                    sheet.cell(row=sheet.max_row, column=FIRST_MEMBER_COLUMN + index).font = Font(italic=True)

    foot = [
        (_("Criteria points"), [c.total.scored for c in table.columns]),
        (_("Bonus points"), [c.total.bonus for c in table.columns]),
        (_("Penalty points"), [c.total.penalty for c in table.columns]),
        (_("Total points"), [c.total.total for c in table.columns]),
    ]
    foot_start = sheet.max_row + 1
    for label, values in foot:
        sheet.append(["", label, "", *[_number(v) for v in values]])
    sheet.append(["", _("Rank by score"), "", *[c.rank for c in table.columns]])
    if any(c.final_rank is not None for c in table.columns):
        sheet.append(["", _("Rank at the meeting"), "", *[c.final_rank for c in table.columns]])
    for row in sheet.iter_rows(min_row=foot_start, max_row=sheet.max_row, max_col=width):
        for cell in row:
            cell.font, cell.border = BOLD, BOX
    if any(cell.adjusted for line in table.lines for cell in line.cells):
        sheet.append([])
        sheet.append([_("Points in italics were adjusted by the leader unit.")])

    for column in range(FIRST_MEMBER_COLUMN, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 14
        for row in sheet.iter_rows(min_row=header_row + 2, min_col=column, max_col=column):
            row[0].number_format = "0.##"
            row[0].alignment = Alignment(horizontal="right", vertical="top")
    sheet.column_dimensions["A"].width = 7
    sheet.column_dimensions["B"].width = 48
    sheet.column_dimensions["C"].width = 9
    sheet.freeze_panes = sheet.cell(row=header_row + 2, column=FIRST_MEMBER_COLUMN)

    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the criteria need
    sheet.print_title_rows = f"{header_row}:{header_row + 1}"
    sheet.print_title_cols = "A:C"
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    sheet.print_options.horizontalCentered = True
    xlsx_keep_text(workbook)
    return workbook


def compiled_table_xlsx(table: CompiledTable) -> bytes:
    buffer = io.BytesIO()
    compiled_table_workbook(table).save(buffer)
    return buffer.getvalue()
