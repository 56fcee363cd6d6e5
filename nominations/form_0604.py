"""Form 0604 (TT 02/2023/TT-BNV): the organisations doing emulation and commendation work, from
the register of emulation offices (EmulationOffice), counted by kind. An office counts in a year
when it existed on at least one day of it; an open date (not recorded) does not exclude it."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from .models import EmulationOffice
from .official_forms import FormTable, OfficialForm, build_rows, form_layout, year_dates


def _row_q(row: dict) -> Q:
    q = Q()
    for key, value in row.get("filter", {}).items():
        if key != "kind":
            raise ValueError(f"official_forms.json: form 0604 row {row['code']} filters on unknown {key!r}")
        q &= Q(kind__in=value)
    return q


def offices_in_year(year: int):
    start, end = year_dates(year)
    return EmulationOffice.objects.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end),
                                          Q(valid_to__isnull=True) | Q(valid_to__gte=start))


def form_0604_report(*, year: int) -> OfficialForm:
    """Form 0604 for a year, in one query."""
    layout = form_layout("0604")
    rows = layout["rows"]
    sums = offices_in_year(year).order_by().aggregate(
        **{f"r{i}": Count("pk", filter=_row_q(row)) for i, row in enumerate(rows)})
    table = FormTable(caption=layout["title"], headers=[layout["total_header"]],
                      rows=build_rows(rows, lambda i, _row: [sums[f"r{i}"]]))
    form = OfficialForm(layout=layout, year=year, tables=[table])
    form.notes.append(_("Counted from the register of emulation offices: every office that existed on at least one "
                        "day of the year."))
    return form
