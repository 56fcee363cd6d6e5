"""What the official forms 0601, 0602, 0604 and 0605 of TT 02/2023/TT-BNV share: their layout
(official_forms.json beside this file, as form 0603 keeps its own), the year they count, and the
table each one fills. Each form computes its figures in its own module (form_0601 … form_0605);
the page and the XLSX file render the same `OfficialForm`, so they cannot disagree."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.utils import timezone

LAYOUT_PATH = Path(__file__).with_name("official_forms.json")
FORMS = ("0601", "0602", "0604", "0605")
FIRST_YEAR = 1945


@cache
def _layouts_from(path: Path, mtime: float) -> dict:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def form_layout(number: str) -> dict:
    """The layout of one form with the parts every form shares (basis, headers), re-read when the
    file changes, so a wrong label is corrected in the data, not in code."""
    data = _layouts_from(LAYOUT_PATH, LAYOUT_PATH.stat().st_mtime)
    shared = {key: value for key, value in data.items() if not key[:1].isdigit() and key != "_comment"}
    return {**shared, **data[number], "number": number}


def year_dates(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def chosen_year(value) -> int:
    """The year asked for in the query string, or this year: any year the forms could count."""
    this_year = timezone.localdate().year
    try:
        year = int(value)
    except (TypeError, ValueError):
        return this_year
    return year if FIRST_YEAR <= year <= this_year + 1 else this_year


@dataclass
class FormRow:
    code: str
    label: str
    indent: int
    section: str
    values: list[int]  # one per header: the total first

    @property
    def total(self) -> int:
        return self.values[0]


@dataclass
class FormTable:
    caption: str
    headers: list[str]  # the total's header first, then one per column
    rows: list[FormRow] = field(default_factory=list)

    @property
    def lines(self) -> list[tuple[FormRow, list[tuple[str, int]]]]:
        """Each row with its (header, value) cells: a phone shows each value under its header."""
        return [(row, list(zip(self.headers, row.values, strict=True))) for row in self.rows]

    def by_code(self) -> dict[str, list[int]]:
        return {row.code: row.values for row in self.rows if row.code}


@dataclass
class OfficialForm:
    layout: dict
    year: int
    tables: list[FormTable] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def number(self) -> str:
        return self.layout["number"]

    @property
    def start(self) -> datetime.date:
        return year_dates(self.year)[0]

    @property
    def end(self) -> datetime.date:
        return year_dates(self.year)[1]

    @property
    def table(self) -> FormTable:
        return self.tables[0]


def build_rows(layout_rows: list[dict], values_of) -> list[FormRow]:
    """FormRows from the layout, `values_of(index, row)` giving each row's values. A row marked
    "only_if_any" (e.g. "year of birth unknown", which the official form has no line for) is shown
    only when it counts someone: a record that does not say is never guessed into a band."""
    rows = []
    for i, row in enumerate(layout_rows):
        values = values_of(i, row)
        if row.get("only_if_any") and not any(values):
            continue
        rows.append(FormRow(code=row["code"], label=row["label"], indent=row.get("indent", 0),
                            section=row.get("section", ""), values=values))
    return rows
