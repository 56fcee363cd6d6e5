"""Reads of published cluster scoring for the public pages: a cluster-year's results, each
member's rank over the years, and the summary per type of cluster.

Only published results are ever public, and of each scoring only its latest version: every read
here starts from `latest_results()`. Each function costs a fixed number of queries whatever the
number of members, years or clusters."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from clusters.models import Cluster, UnitName

from .models import ResultRow, Scoring, ScoringResult, ScoringState


def latest_results() -> QuerySet[ScoringResult]:
    """Each published scoring's latest version (a correction replaces what the public sees, the
    earlier versions stay as they were published), of cluster-years still on record."""
    later = ScoringResult.objects.filter(scoring=OuterRef("scoring"), version__gt=OuterRef("version"))
    return ScoringResult.objects.filter(~Exists(later), scoring__cluster_year__withdrawn_at__isnull=True)


def published_scorings() -> QuerySet[Scoring]:
    """Scorings with a public results page (the sitemap lists them)."""
    return (Scoring.objects.filter(results__version=1, cluster_year__withdrawn_at__isnull=True)
            .select_related("cluster_year__cluster"))


def published_result(*, slug: str, year: int) -> ScoringResult:
    """The latest published version of the cluster-year's results, with `.row_list` (rank order,
    each unit with its name history) and `.corrections` (the later versions up to this one, oldest
    first), in four queries; 404 when nothing is published."""
    rows = ResultRow.objects.select_related("unit").prefetch_related(
        Prefetch("unit__names", queryset=UnitName.objects.order_by("valid_from"), to_attr="name_rows"),
    ).order_by("rank", "unit__name")
    result = (
        latest_results()
        .filter(scoring__cluster_year__cluster__slug=slug, scoring__cluster_year__year=year)
        .select_related("scoring__cluster_year__cluster", "scoring__template__cluster_type", "scoring__meeting")
        .prefetch_related(Prefetch("rows", queryset=rows, to_attr="row_list"))
        .first()
    )
    if result is None:
        raise Http404
    result.corrections = list(
        ScoringResult.objects.filter(scoring_id=result.scoring_id, version__gt=1, version__lte=result.version)
        .order_by("version").only("version", "published_at", "reason", "rank_basis"))
    year_end = datetime.date(year, 12, 31)
    counts = defaultdict(int)
    for row in result.row_list:
        counts[row.rank] += 1
    for row in result.row_list:
        row.name_then = row.unit.name_on(year_end)
        row.is_tied = counts[row.rank] > 1
    return result


# --- rank over the years ---------------------------------------------------------------------------


@dataclass
class YearColumn:
    year: int
    source: str  # "scoring" (published results) or "meeting" (the year-end meeting's ranking)
    is_sample: bool = False

    @property
    def from_scoring(self) -> bool:
        return self.source == SOURCE_SCORING


@dataclass
class UnitLine:
    unit_id: int
    name: str
    slug: str
    ranks: dict[int, int] = field(default_factory=dict)  # year → rank
    cells: list[int | None] = field(default_factory=list)  # rank by column, for the table


@dataclass
class RankHistory:
    cluster: Cluster
    years: list[YearColumn]
    units: list[UnitLine]

    @property
    def max_rank(self) -> int:
        return max((rank for line in self.units for rank in line.ranks.values()), default=1)


SOURCE_SCORING = "scoring"
SOURCE_MEETING = "meeting"


def rank_history(cluster: Cluster) -> RankHistory:
    """Each member's rank by year, in two queries: from the published scoring where there is one,
    else from the ranking recorded at a published meeting of that year (the year-end review when
    there are several meetings with a ranking)."""
    from meetings.models import MeetingKind, Ranking, RecordState

    scored = (
        ResultRow.objects.filter(result__in=latest_results().filter(scoring__cluster_year__cluster=cluster))
        .values_list("result__scoring__cluster_year__year", "result__scoring__is_sample", "unit_id", "unit__name",
                     "unit__short_name", "unit__slug", "rank")
    )
    years: dict[int, YearColumn] = {}
    units: dict[int, UnitLine] = {}

    def put(year, unit_id, name, short_name, slug, rank):
        line = units.setdefault(unit_id, UnitLine(unit_id=unit_id, name=short_name or name, slug=slug))
        line.ranks[year] = rank

    for year, is_sample, unit_id, name, short_name, slug, rank in scored:
        years.setdefault(year, YearColumn(year=year, source=SOURCE_SCORING, is_sample=is_sample))
        put(year, unit_id, name, short_name, slug, rank)

    recorded = (
        Ranking.objects.filter(meeting__cluster_year__cluster=cluster, meeting__record_state=RecordState.PUBLISHED,
                               meeting__withdrawn_at__isnull=True, meeting__cluster_year__withdrawn_at__isnull=True)
        .order_by("meeting__cluster_year__year", "-meeting__sort_date", "-meeting_id")
        .values_list("meeting__cluster_year__year", "meeting_id", "meeting__kind", "meeting__is_sample", "unit_id",
                     "unit__name", "unit__short_name", "unit__slug", "rank")
    )
    rows = list(recorded)
    chosen: dict[int, tuple[int, bool]] = {}  # year → the meeting whose ranking stands for it, is year-end
    for year, meeting_id, kind, *_rest in rows:
        year_end = kind == MeetingKind.YEAR_END_REVIEW
        if year not in years and (year not in chosen or (year_end and not chosen[year][1])):
            chosen[year] = (meeting_id, year_end)
    for year, meeting_id, _kind, is_sample, unit_id, name, short_name, slug, rank in rows:
        if year not in chosen or chosen[year][0] != meeting_id:
            continue
        years.setdefault(year, YearColumn(year=year, source=SOURCE_MEETING, is_sample=is_sample))
        put(year, unit_id, name, short_name, slug, rank)

    columns = sorted(years.values(), key=lambda column: column.year)
    latest = columns[-1].year if columns else None
    # the latest year's ranking first, then the units no longer ranked by their last place
    ordered = sorted(units.values(), key=lambda line: (
        line.ranks.get(latest, 10_000), -max(line.ranks), line.ranks[max(line.ranks)], line.name))
    for line in ordered:
        line.cells = [line.ranks.get(column.year) for column in columns]
    return RankHistory(cluster=cluster, years=columns, units=ordered)


# --- the summary per type of cluster -----------------------------------------------------------------


@dataclass
class Leader:
    name: str
    cluster_name: str
    cluster_slug: str
    is_sample: bool


@dataclass
class TypeYear:
    year: int
    scored: int = 0
    published: int = 0
    average: Decimal | None = None
    leaders: list[Leader] = field(default_factory=list)


@dataclass
class TypeSummary:
    name: str
    years: list[TypeYear]


def summary_by_type() -> list[TypeSummary]:
    """Per type of cluster and year (newest first): the clusters scored, how many have published
    results, the average published total and the units ranked first. Three aggregate queries."""
    counts = (
        Scoring.objects.filter(cluster_year__withdrawn_at__isnull=True)
        .values_list("template__cluster_type_id", "template__cluster_type__name", "cluster_year__year")
        .annotate(scored=Count("id"), published=Count("id", filter=Q(state=ScoringState.PUBLISHED)))
        .order_by()
    )
    types: dict[int, tuple[str, dict[int, TypeYear]]] = {}
    for type_id, name, year, scored, published in counts:
        types.setdefault(type_id, (name, {}))[1][year] = TypeYear(year=year, scored=scored, published=published)
    published_rows = ResultRow.objects.filter(result__in=latest_results())
    averages = (
        published_rows.values_list("result__scoring__template__cluster_type_id", "result__scoring__cluster_year__year")
        .annotate(average=Avg("total")).order_by()
    )
    for type_id, year, average in averages:
        if type_id in types and year in types[type_id][1]:
            types[type_id][1][year].average = average
    leaders = (
        published_rows.filter(rank=1)
        .values_list("result__scoring__template__cluster_type_id", "result__scoring__cluster_year__year",
                     "unit__name", "result__scoring__cluster_year__cluster__name",
                     "result__scoring__cluster_year__cluster__slug", "result__scoring__is_sample")
        .order_by("result__scoring__cluster_year__cluster__name", "unit__name")
    )
    for type_id, year, unit_name, cluster_name, cluster_slug, is_sample in leaders:
        if type_id in types and year in types[type_id][1]:
            types[type_id][1][year].leaders.append(Leader(unit_name, cluster_name, cluster_slug, is_sample))
    return [
        TypeSummary(name=name, years=sorted(years.values(), key=lambda row: -row.year))
        for name, years in sorted(types.values(), key=lambda item: item[0])
    ]
