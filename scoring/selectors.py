"""Reads of cluster scoring that pages and exports share."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from .models import Criterion, CriterionGroup, Evidence, ScoreEntry, ScoreSheet, Scoring, SheetState
from .services import Total, competition_ranks, sheet_total


@dataclass
class Cell:
    sheet: ScoreSheet
    entry: ScoreEntry | None

    @property
    def points(self) -> Decimal | None:
        return self.entry.effective_points if self.entry is not None else None

    @property
    def adjusted(self) -> bool:
        return self.entry is not None and self.entry.adjusted_points is not None


@dataclass
class Line:
    """A criterion down the table, with one cell per member across."""

    criterion: Criterion
    cells: list[Cell]


@dataclass
class Section:
    group: CriterionGroup | None
    lines: list[Line] = field(default_factory=list)


@dataclass
class Column:
    """A member across the table: its sheet, its total, its rank by score among the submitted
    sheets (a draft stays out of the ranking) and its place at the meeting once ranked."""

    sheet: ScoreSheet
    total: Total
    rank: int | None = None
    final_rank: int | None = None

    @property
    def unit(self):
        return self.sheet.unit

    @property
    def submitted(self) -> bool:
        return self.sheet.state == SheetState.SUBMITTED


@dataclass
class CompiledTable:
    scoring: Scoring
    columns: list[Column]
    sections: list[Section]

    @property
    def lines(self) -> list[Line]:
        return [line for section in self.sections for line in section.lines]


def compiled_table(scoring: Scoring) -> CompiledTable:
    """Criteria down, members across, totals and ranks at the foot: five queries (six once the
    meeting has ranked), however many members and criteria."""
    criteria = list(Criterion.objects.filter(template_id=scoring.template_id).select_related("group")
                    .order_by("order", "id"))
    template = scoring.template
    sheets = list(ScoreSheet.objects.filter(scoring=scoring).select_related("unit").order_by("unit__name", "id")
                  .prefetch_related(Prefetch("entries", queryset=ScoreEntry.objects.prefetch_related(
                      Prefetch("evidence", queryset=Evidence.objects.order_by("id"))))))
    final = {}
    if scoring.meeting_id is not None:
        final = dict(scoring.meeting.rankings.values_list("unit_id", "rank"))
    by_sheet = {sheet.pk: {e.criterion_id: e for e in sheet.entries.all()} for sheet in sheets}
    columns = [Column(sheet=sheet, total=sheet_total(template, by_sheet[sheet.pk].values(), criteria),
                      final_rank=final.get(sheet.unit_id)) for sheet in sheets]
    ranks = competition_ranks({c.sheet.pk: c.total.total for c in columns if c.submitted})
    for column in columns:
        column.rank = ranks.get(column.sheet.pk)
    sections: list[Section] = []
    for criterion in criteria:
        if not sections or sections[-1].group != criterion.group:
            sections.append(Section(group=criterion.group))
        sections[-1].lines.append(Line(criterion=criterion, cells=[
            Cell(sheet=sheet, entry=by_sheet[sheet.pk].get(criterion.pk)) for sheet in sheets]))
    return CompiledTable(scoring=scoring, columns=columns, sections=sections)


def officer_scorings(unit_ids) -> list[Scoring]:
    """The scorings of the cluster-years the officer's units belong to, newest first."""
    return list(Scoring.objects.filter(cluster_year__members__unit_id__in=unit_ids).distinct()
                .select_related("cluster_year__cluster").order_by("-cluster_year__year", "cluster_year__cluster__name"))
