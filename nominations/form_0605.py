"""Form 0605 (TT 02/2023/TT-BNV): the civil servants doing emulation and commendation work,
from the register (EmulationStaffer): by age, training level and years in the field; in total and
the women among them. Counted on the last day of the year: those in post that day (an open date,
not recorded, does not exclude anyone). Ages and years are whole years at that date's year
(year − year of birth); a record that does not give them is counted as unknown, never guessed."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from clusters.models import Gender

from .models import EmulationStaffer
from .official_forms import FormTable, OfficialForm, build_rows, form_layout, year_dates

WOMEN = Q(gender=Gender.FEMALE)


def _band_q(field: str, band, year: int) -> Q:
    """`band` [low, high): years between `field` and `year`, low included, high excluded; either
    end open (None); or "unknown" for records without the year."""
    if band == "unknown":
        return Q(**{f"{field}__isnull": True})
    low, high = band
    q = Q(**{f"{field}__isnull": False})
    if low is not None:  # at least `low` years: born in year − low or before
        q &= Q(**{f"{field}__lte": year - low})
    if high is not None:  # under `high` years: born after year − high
        q &= Q(**{f"{field}__gt": year - high})
    return q


def _row_q(row: dict, year: int) -> Q:
    q = Q()
    for key, value in row.get("filter", {}).items():
        if key == "age":
            q &= _band_q("birth_year", value, year)
        elif key == "years_in_field":
            q &= _band_q("in_field_since", value, year)
        elif key == "training_level":
            q &= Q(training_level__in=value)
        else:
            raise ValueError(f"official_forms.json: form 0605 row {row['code']} filters on unknown {key!r}")
    return q


def staff_in_post(year: int):
    _start, end = year_dates(year)
    return EmulationStaffer.objects.filter(Q(joined_on__isnull=True) | Q(joined_on__lte=end),
                                           Q(left_on__isnull=True) | Q(left_on__gte=end))


def form_0605_report(*, year: int) -> OfficialForm:
    """Form 0605 for a year, in one query."""
    layout = form_layout("0605")
    rows = layout["rows"]
    counts = {}
    for i, row in enumerate(rows):
        q = _row_q(row, year)
        counts[f"r{i}"] = Count("pk", filter=q)
        counts[f"r{i}_w"] = Count("pk", filter=q & WOMEN)
    sums = staff_in_post(year).order_by().aggregate(**counts)
    headers = [layout["total_header"], *[c["label"] for c in layout["columns"]]]
    table = FormTable(caption=layout["title"], headers=headers,
                      rows=build_rows(rows, lambda i, _row: [sums[f"r{i}"], sums[f"r{i}_w"]]))
    form = OfficialForm(layout=layout, year=year, tables=[table])
    form.notes.append(_("Counted from the register of emulation staff: those in post on 31/12 of the year. Ages and "
                        "years in the field are counted in whole years at that year."))
    return form
