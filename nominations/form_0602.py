"""Form 0602 (TT 02/2023/TT-BNV): state awards (award level "state"), granted and proposed, by
subject and person category and by type of commendation, in columns by kind of award.

Granted: the lines of every decision in force signed in the year, published on this site or not
(the lines form 0603 counts, awards.statistics.selectors.official_lines); a public figure like
0603's. Proposed: the nominee lines of the dossiers first submitted in the year: dossiers are
internal, so only staff see that table. Each table is one query of conditional counts."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from awards.models import AwardLevel
from awards.statistics.selectors import official_lines

from .models import DossierKind, NomineeLine
from .official_forms import FormTable, OfficialForm, build_rows, form_layout, year_dates

ROW_FILTERS = ("subject_type", "is_enterprise", "person_category", "award_type")


def _kinds_of(award_type: str) -> list[str]:
    """The dossier kinds that ask for a type of commendation (Luật 2022 Điều 8)."""
    return [kind.value for kind in DossierKind if kind.award_type == award_type]


def _row_q(row: dict, *, proposed: bool) -> Q:
    q = Q()
    for key, value in row.get("filter", {}).items():
        if key not in ROW_FILTERS:
            raise ValueError(f"official_forms.json: form 0602 row {row['code']} filters on unknown {key!r}")
        if key == "award_type":
            q &= Q(dossier__kind__in=_kinds_of(value)) if proposed else Q(decision__award_type=value)
        else:
            q &= Q(**{key: value})
    return q


def _column_qs(columns: list[dict]) -> list[Q]:
    named = []
    for column in columns:
        if column.get("other"):
            continue
        q = Q()
        if column.get("category"):
            q |= Q(award__category__in=column["category"])
        if column.get("codes"):
            q |= Q(award__code__in=column["codes"])
        named.append(q)
    other = ~reduce(or_, named) if named else Q()
    qs, i = [], 0
    for column in columns:
        if column.get("other"):
            qs.append(other)
        else:
            qs.append(named[i])
            i += 1
    return qs


def _table(queryset, layout: dict, *, caption: str, proposed: bool) -> FormTable:
    columns = layout["columns"]
    column_qs = _column_qs(columns)
    counts = {
        f"r{i}_c{j}": Count("award", filter=_row_q(row, proposed=proposed) & column_q)
        for i, row in enumerate(layout["rows"]) for j, column_q in enumerate(column_qs)
    }
    sums = queryset.order_by().aggregate(**counts)

    def values_of(i, _row):
        values = [sums[f"r{i}_c{j}"] for j in range(len(columns))]
        return [sum(values), *values]

    return FormTable(caption=caption, headers=[layout["total_header"], *[c["label"] for c in columns]],
                     rows=build_rows(layout["rows"], values_of))


def granted_lines(year: int):
    start, end = year_dates(year)
    return official_lines().filter(award__level=AwardLevel.STATE, decision__is_draft=False,
                                   decision__signed_on__gte=start, decision__signed_on__lte=end)


def proposed_lines(year: int):
    start, end = year_dates(year)
    return NomineeLine.objects.filter(award__level=AwardLevel.STATE, dossier__first_submitted_at__date__gte=start,
                                      dossier__first_submitted_at__date__lte=end)


def form_0602_report(*, year: int, with_proposed: bool = False) -> OfficialForm:
    """Form 0602 for a year: the granted table; with `with_proposed` (staff) the proposed one too."""
    layout = form_layout("0602")
    tables = [_table(granted_lines(year), layout, caption=_("State awards granted"), proposed=False)]
    if with_proposed:
        tables.append(_table(proposed_lines(year), layout, caption=_("State awards proposed"), proposed=True))
    form = OfficialForm(layout=layout, year=year, tables=tables)
    form.notes.append(_("Granted: the lines in force of every decision in force signed in the year, published on "
                        "this site or not; revoked lines are left out."))
    if with_proposed:
        form.notes.append(_("Proposed: the nominees of the dossiers first submitted in the year, whatever their "
                            "outcome. Dossiers are internal: this table is shown to staff only."))
    return form
