"""Form 0601 (TT 02/2023/TT-BNV): the emulation movements launched in the year, by scope, by
the time they run and by how they are organised, in columns by the level that launched them.

Counted from every movement record, published on this site or not (as form 0603 counts every
decision): the form reports what was launched, and a public page shows only the counts. A
movement is placed in the year of its launching document, or of its start when the document's
date is unknown; one with neither is not counted and the form says how many there are.

The duration bands compare calendar dates (a movement from 01/01 to 31/12 runs exactly one year),
which SQLite and PostgreSQL spell differently; a province launches a few dozen movements a year,
so their dates are read in one query and banded here."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from awards.models import Movement
from clusters.models import AdministrativeLevel, UnitKind

from .official_forms import FormTable, OfficialForm, build_rows, form_layout, year_dates

UNKNOWN = "unknown"


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29/02 in a year without one
        return day.replace(year=day.year + years, day=28)


def duration_band(start: datetime.date | None, end: datetime.date | None) -> str | None:
    """"under_1", "1", "1_to_3", "3_to_5" or "5_plus"; None when either date is unknown. The last
    day is included: 01/01/2025 – 31/12/2025 is one year."""
    if start is None or end is None:
        return None
    after = end + datetime.timedelta(days=1)
    if after < _add_years(start, 1):
        return "under_1"
    if after == _add_years(start, 1):
        return "1"
    if after < _add_years(start, 3):
        return "1_to_3"
    if after < _add_years(start, 5):
        return "3_to_5"
    return "5_plus"


def launch_level(kind: str | None, admin_level: str | None, scope: str) -> str:
    """Who launched it: the central level, a ministry or province, or an agency or unit. From the
    launching unit where it is recorded; otherwise only a scope that says it (a national movement
    is launched centrally); else unknown, never guessed."""
    if kind:
        if kind == UnitKind.CENTRAL:
            return "central"
        if admin_level == AdministrativeLevel.PROVINCE or kind == UnitKind.PROVINCE:
            return "ministry_province"
        return "unit"
    return {"national": "central", "province": "ministry_province", "unit": "unit"}.get(scope, UNKNOWN)


def _matches(row_filter: dict, movement: dict) -> bool:
    for key, wanted in row_filter.items():
        if key == "duration":
            if movement["duration"] != wanted:
                return False
        elif movement[key] not in wanted:
            return False
    return True


def form_0601_report(*, year: int) -> OfficialForm:
    """Form 0601 for a year, in two queries (the year's movements; those no year holds)."""
    layout = form_layout("0601")
    start, end = year_dates(year)
    in_year = Q(launch_date__gte=start, launch_date__lte=end) | Q(
        launch_date__isnull=True, start_date__gte=start, start_date__lte=end)
    movements = [
        {
            "scope": row["scope"], "form": row["form"],
            "duration": duration_band(row["start_date"], row["end_date"]),
            "level": launch_level(row["launched_by__kind"], row["launched_by__admin_level"], row["scope"]),
        }
        for row in Movement.objects.filter(in_year).order_by().values(
            "scope", "form", "start_date", "end_date", "launched_by__kind", "launched_by__admin_level")
    ]
    undated = Movement.objects.filter(launch_date__isnull=True, start_date__isnull=True).count()
    columns = list(layout["columns"])
    if any(m["level"] == UNKNOWN for m in movements):
        columns.append({"key": UNKNOWN, "label": layout["unknown_column"]})

    def values_of(_index, row):
        matching = [m for m in movements if _matches(row.get("filter", {}), m)]
        per_column = [sum(1 for m in matching if m["level"] == column["key"]) for column in columns]
        return [len(matching), *per_column]

    table = FormTable(caption=layout["title"], headers=[layout["total_header"], *[c["label"] for c in columns]],
                      rows=build_rows(layout["rows"], values_of))
    form = OfficialForm(layout=layout, year=year, tables=[table])
    no_duration = sum(1 for m in movements if m["duration"] is None)
    if no_duration:
        form.notes.append(ngettext(
            "%(count)s movement of the year has no recorded start or end: it is counted in the total but in no "
            "duration band.",
            "%(count)s movements of the year have no recorded start or end: they are counted in the total but in "
            "no duration band.", no_duration) % {"count": no_duration})
    if undated:
        form.notes.append(ngettext(
            "%(count)s movement has neither a launch date nor a start date: no year holds it, so it is not counted.",
            "%(count)s movements have neither a launch date nor a start date: no year holds them, so they are not "
            "counted.", undated) % {"count": undated})
    form.notes.append(_("Counted from every movement record, published on this site or not, in the year of its "
                        "launching document (or of its start when that date is unknown)."))
    return form
