"""Exported spreadsheets never turn imported text into live formulas.

openpyxl writes any string that starts with "=" as a formula, and Excel or LibreOffice evaluate
a CSV cell starting with =, +, - or @ (an attendee typed as "=HYPERLINK(…)" became a live link;
"=cmd|…" can run a program). Every XLSX the portal makes keeps its strings as text, and every
CSV cell that could be read as a formula gets a leading apostrophe (the OWASP advice)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def xlsx_keep_text(workbook) -> None:
    """Every string cell of every sheet is a string, whatever it starts with."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
