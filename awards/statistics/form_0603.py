"""Form 0603 (TT 02/2023/TT-BNV), the province's official count of provincial awards.

It counts every decision in force, published on this site or not (domain.md §5.1): the form
reports what the province decided, and the publish flag only governs the public look-up. Counted
by the date signed only: decisions without one are listed apart under it, never guessed into a
period; those not published are summed there without being named, as the page is public. The
layout (rows, columns, labels) is data, in form_0603.json beside this file."""

import datetime
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.db.models import Count, F, Q, Value
from django.utils.translation import gettext_lazy

from ..models import Decision, Form0603Column
from .selectors import official_lines

FORM_0603_PATH = Path(__file__).with_name("form_0603.json")

# what a row of the layout may filter on: its JSON key -> the line's lookup
FORM_0603_FILTERS = {
    "subject_type": "subject_type",
    "is_enterprise": "is_enterprise",
    "is_small_collective": "is_small_collective",
    "person_category": "person_category",
    "gender": "gender",
    "award_type": "decision__award_type",
}

PERIODS = {  # key -> (label, first month, last month)
    "year": (gettext_lazy("Whole year"), 1, 12),
    "h1": (gettext_lazy("First six months"), 1, 6),
    "h2": (gettext_lazy("Last six months"), 7, 12),
    "q1": (gettext_lazy("Quarter I"), 1, 3),
    "q2": (gettext_lazy("Quarter II"), 4, 6),
    "q3": (gettext_lazy("Quarter III"), 7, 9),
    "q4": (gettext_lazy("Quarter IV"), 10, 12),
}


def period_dates(year: int, period: str) -> tuple[datetime.date, datetime.date]:
    _label, first, last = PERIODS[period]
    end = datetime.date(year + 1, 1, 1) if last == 12 else datetime.date(year, last + 1, 1)
    return datetime.date(year, first, 1), end - datetime.timedelta(days=1)


@cache
def _layout_from(path: Path, mtime: float) -> dict:
    with path.open(encoding="utf-8") as f:
        layout = json.load(f)
    valid_columns = set(Form0603Column.values) - {Form0603Column.NONE}
    for column in layout["columns"]:
        if column["key"] not in valid_columns:
            raise ValueError(f"form_0603.json: unknown column {column['key']!r}")
    for row in layout["rows"]:
        unknown = set(row.get("filter", {})) - set(FORM_0603_FILTERS)
        if unknown:
            raise ValueError(f"form_0603.json: row {row['code']} filters on unknown {sorted(unknown)}")
    return layout


def form_0603_layout() -> dict:
    """The form's rows and columns, read from form_0603.json (re-read when the file changes),
    so that a wrong label or filter is corrected in the data, not in code."""
    return _layout_from(FORM_0603_PATH, FORM_0603_PATH.stat().st_mtime)


def _row_q(row: dict) -> Q:
    return Q(**{FORM_0603_FILTERS[key]: value for key, value in row.get("filter", {}).items()})


@dataclass
class Form0603Row:
    code: str
    label: str
    indent: int
    section: str
    values: list[int]  # total first, then one per column
    cells: list[tuple[str, int]] = field(default_factory=list)  # (column label, value), total left out

    @property
    def total(self) -> int:
        return self.values[0]


@dataclass
class UndatedDecision:
    """A decision of the year whose signing date is unknown: what it would add to the form's
    first row (total first, then one per column) if its date were known."""

    decision: Decision
    values: list[int]

    @property
    def total(self) -> int:
        return self.values[0]


@dataclass
class UndatedUnpublished:
    """The undated decisions of the year that are not published on this site: how many, and
    what they would add to row 01 together. A public page names no unpublished decision."""

    count: int = 0
    values: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.values[0] if self.values else 0


@dataclass
class Form0603Report:
    layout: dict
    year: int
    period: str
    start: datetime.date
    end: datetime.date
    columns: list[dict]
    rows: list[Form0603Row] = field(default_factory=list)
    undated: list[UndatedDecision] = field(default_factory=list)
    undated_unpublished: UndatedUnpublished = field(default_factory=UndatedUnpublished)

    @property
    def has_undated(self) -> bool:
        return bool(self.undated or self.undated_unpublished.count)

    @property
    def period_label(self) -> str:
        return str(PERIODS[self.period][0])


def form_0603_report(*, year: int, period: str = "year") -> Form0603Report:
    """Form 0603 for a period, counted by the date signed, in one query (a conditional count per
    row and column).

    Decisions whose signing date is unknown fall in no period, so the form does not count them;
    those of the year (their achievement year) are listed apart with their counts. The same query
    counts them, one group per decision (a UNION ALL); reading their numbers takes one more query,
    only when there are any."""
    layout = form_0603_layout()
    start, end = period_dates(year, period)
    columns = layout["columns"]
    counts = {
        f"r{i}_c{j}": Count("award", filter=_row_q(row) & Q(award__form_0603_column=column["key"]))
        for i, row in enumerate(layout["rows"]) for j, column in enumerate(columns)
    }
    dated = official_lines().filter(decision__signed_on__gte=start, decision__signed_on__lte=end).order_by()
    undated = official_lines().filter(decision__signed_on__isnull=True, decision__statistics_year=year).order_by()
    # group 0: the whole period (a constant is not grouped by: one row, zeros when empty);
    # then one group per undated decision, keyed by its id
    groups = list(
        dated.annotate(group=Value(0)).values("group").annotate(**counts)
        .union(undated.values(group=F("decision_id")).annotate(**counts), all=True)
        .order_by()  # the lines' default ordering has no column in this result
    )
    sums = next(row for row in groups if row["group"] == 0)
    report = Form0603Report(layout=layout, year=year, period=period, start=start, end=end, columns=columns)
    for i, row in enumerate(layout["rows"]):
        values = [sums[f"r{i}_c{j}"] for j in range(len(columns))]
        report.rows.append(Form0603Row(
            code=row["code"], label=row["label"], indent=row.get("indent", 0), section=row.get("section", ""),
            values=[sum(values), *values], cells=[(c["label"], v) for c, v in zip(columns, values, strict=True)],
        ))
    undated_rows = {row["group"]: row for row in groups if row["group"] != 0}
    if undated_rows:
        decisions = Decision.objects.select_related("issuer_unit").in_bulk(undated_rows)
        hidden = report.undated_unpublished
        hidden.values = [0] * (len(columns) + 1)
        for pk, row in undated_rows.items():
            values = [row[f"r0_c{j}"] for j in range(len(columns))]  # the form's first row: all subjects
            values = [sum(values), *values]
            if decisions[pk].is_published:
                report.undated.append(UndatedDecision(decision=decisions[pk], values=values))
            else:
                hidden.count += 1
                hidden.values = [a + b for a, b in zip(hidden.values, values, strict=True)]
        report.undated.sort(key=lambda u: (u.decision.issuer_unit.name, u.decision.number_text, u.decision.pk))
    return report

