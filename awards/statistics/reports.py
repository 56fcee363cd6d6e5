"""The public statistics: counts by form, subject and year, and the shares leadership watches.

Each report is computed by one function here; the page and its files render that one result,
so they cannot disagree. Counting happens in the database (grouped, conditional counts of the
indexed `award` column, see migration 0003); Python only arranges the few rows that come back.

Years: the look-up and the statistics place a decision in its `statistics_year`, the year signed,
or the achievement year when the source gives no signing date."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from ..models import DecisionLine, PersonCategory, SubjectType
from .models import StatisticsRollup

KINDS = [SubjectType.INDIVIDUAL, SubjectType.COLLECTIVE, SubjectType.HOUSEHOLD]


@dataclass(frozen=True)
class Share:
    """`part` of `whole`, e.g. direct workers among the individuals awarded."""

    part: int
    whole: int

    @property
    def percent(self) -> Decimal | None:
        if not self.whole:
            return None
        return (Decimal(self.part) * 100 / self.whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def percent_text(self) -> str:
        """'52,4 %' the Vietnamese way (a no-break space before %); '–' when there is nothing to share."""
        value = self.percent
        return "–" if value is None else f"{value:.1f}".replace(".", ",") + "\u00a0%"  # no break before %


@dataclass
class CountRow:
    label: str
    individual: int = 0
    collective: int = 0
    household: int = 0

    @property
    def total(self) -> int:
        return self.individual + self.collective + self.household

    def cells(self) -> list[int]:
        return [self.individual, self.collective, self.household, self.total]


def _kind_counts(prefix: str = "") -> dict:
    # Count("award"): a non-null column the covering index holds, so PostgreSQL can count from the index only
    return {kind.value: Count("award", filter=Q(**{f"{prefix}subject_type": kind})) for kind in KINDS}


@dataclass
class StatisticsReport:
    filters: list[tuple[str, str]]
    by_award: list[CountRow]
    by_year: list[CountRow]
    totals: CountRow
    direct_workers: Share
    small_collectives: Share
    women: Share

    @property
    def chart_shares(self) -> list[tuple[str, Share]]:
        """The shares with labels short enough for a chart's line on a phone."""
        return [
            (_("Direct workers among individuals"), self.direct_workers),
            (_("Small collectives among collectives"), self.small_collectives),
            (_("Women among individuals"), self.women),
        ]

    @property
    def shares(self) -> list[tuple[str, Share]]:
        return [
            (_("Individuals awarded who are direct workers (người lao động trực tiếp)"), self.direct_workers),
            (_("Collectives awarded that are small collectives (tập thể nhỏ)"), self.small_collectives),
            (_("Individuals awarded who are women"), self.women),
        ]

    def sections(self) -> list[dict]:
        """The tables as rows of plain values, in page order: what the CSV and XLSX files write."""
        kinds = [_("Individuals"), _("Collectives"), _("Households"), _("Total")]
        return [
            {"title": _("Commendations by form and subject"), "header": [_("Form of commendation"), *kinds],
             "rows": [[row.label, *row.cells()] for row in self.by_award]
             + [[_("Total"), *self.totals.cells()]]},
            {"title": _("Commendations by year"), "header": [_("Year"), *kinds],
             "rows": [[row.label, *row.cells()] for row in self.by_year]},
            {"title": _("Shares"), "header": [_("Indicator"), _("Number"), _("Out of"), _("Share (%)")],
             "rows": [[label, s.part, s.whole, float(s.percent) if s.percent is not None else None]
                      for label, s in self.shares]},
        ]


def statistics_report(*, lines: QuerySet[DecisionLine], filters=()) -> StatisticsReport:
    """The statistics of a filtered set of counted lines, in three grouped queries."""
    lines = lines.order_by()
    kinds = _kind_counts()
    individual = Q(subject_type=SubjectType.INDIVIDUAL)
    collective = Q(subject_type=SubjectType.COLLECTIVE)
    sums = lines.aggregate(
        **kinds,
        direct=Count("award", filter=individual & Q(person_category=PersonCategory.DIRECT_WORKER)),
        small=Count("award", filter=collective & Q(is_small_collective=True)),
        women=Count("award", filter=individual & Q(gender="female")),
    )
    return _report(lines, kinds, sums, filters)


def statistics_report_from_rollup(*, rows: QuerySet[StatisticsRollup], filters=()) -> StatisticsReport:
    """The same report from the roll-up of the counted lines (models.StatisticsRollup), filtered
    by year, award, level or subject: sums of a few rows per decision instead of counts of every
    line. Equal to statistics_report over the same filter (tests/awards_stats/test_rollup.py)."""
    rows = rows.order_by()
    kinds = {kind.value: Sum("lines", filter=Q(subject_type=kind), default=0) for kind in KINDS}
    sums = rows.aggregate(**kinds, direct=Sum("direct_workers", default=0),
                          small=Sum("small_collectives", default=0), women=Sum("women", default=0))
    return _report(rows, kinds, sums, filters)


def _report(source: QuerySet, kinds: dict, sums: dict, filters) -> StatisticsReport:
    """The tables of a report from its source (lines, or roll-up rows: both reach the award and
    the decision by the same names) and its sums."""
    by_award = [
        CountRow(row["award__name"], row["individual"], row["collective"], row["household"])
        for row in source.values("award_id", "award__name", "award__order")
        .annotate(**kinds).order_by("award__order", "award__name")
    ]
    by_year = [
        CountRow(str(row["decision__statistics_year"] or _("Year unknown")), row["individual"], row["collective"],
                 row["household"])
        for row in sorted(source.values("decision__statistics_year").annotate(**kinds),
                          # a decision with neither date nor achievement year comes last
                          key=lambda row: (row["decision__statistics_year"] is None, row["decision__statistics_year"]))
    ]
    totals = CountRow(_("Total"), sums["individual"], sums["collective"], sums["household"])
    return StatisticsReport(
        filters=list(filters), by_award=by_award, by_year=by_year, totals=totals,
        direct_workers=Share(sums["direct"], sums["individual"]),
        small_collectives=Share(sums["small"], sums["collective"]),
        women=Share(sums["women"], sums["individual"]),
    )
