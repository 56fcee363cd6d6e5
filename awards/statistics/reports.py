"""Reads behind the commendation look-up, the statistics page, its CSV and XLSX files, form 0603
and the per-cluster yearly summary.

Each report is computed by one function here; the page and its files render that one result,
so they cannot disagree. Counting happens in the database (grouped, conditional counts of the
indexed `award` column, see migration 0003); Python only arranges the few rows that come back.
The public figures count lines in force of published decisions in force (domain.md §5.1:
revoked items are left out); the look-up shows revoked ones too, marked.

Years: the look-up and the statistics place a decision in its `statistics_year`, the year signed,
or the achievement year when the source gives no signing date. Form 0603 counts by the date
signed only: decisions without one are listed apart under it, never guessed into a period."""

import datetime
import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from django.db.models import Count, F, Q, QuerySet, Value
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusters.models import ClusterMember, ClusterYear, Role, Unit

from .models import Decision, DecisionLine, Form0603Column, PersonCategory, RecordStatus, SubjectType

KINDS = [SubjectType.INDIVIDUAL, SubjectType.COLLECTIVE, SubjectType.HOUSEHOLD]


# --- the lines each report starts from ------------------------------------------------------

def counted_lines() -> QuerySet[DecisionLine]:
    """Lines the public statistics count: in force, in a published decision in force."""
    return DecisionLine.objects.filter(
        status=RecordStatus.IN_FORCE, decision__is_published=True, decision__status=RecordStatus.IN_FORCE,
    )


def lookup_lines() -> QuerySet[DecisionLine]:
    """Lines of published decisions, revoked ones included (the page marks them), newest first,
    with everything a result shows in the same query."""
    return (
        DecisionLine.objects.filter(decision__is_published=True)
        .select_related("decision", "decision__issuer_role", "decision__issuer_unit", "award", "award_class")
        # undated decisions (from a news report) last on every database, by their year counted
        .order_by("-decision__signed_on_known", "-decision__signed_on", "-decision__statistics_year",
                  "-decision__number", "decision_id", "order", "pk")
    )


def unit_subtrees(root_ids) -> dict[int, int]:
    """Every unit under the given roots, the roots included, mapped to its root.

    One query over (id, parent): a province's organisation tree is a few thousand rows, and this
    avoids recursive SQL, which SQLite and PostgreSQL spell differently."""
    children = defaultdict(list)
    for pk, parent_id in Unit.objects.order_by().values_list("pk", "parent_id"):
        children[parent_id].append(pk)
    owner: dict[int, int] = {}
    for root in root_ids:
        stack = [root]
        while stack:
            pk = stack.pop()
            if pk in owner:
                continue
            owner[pk] = root
            stack.extend(children.get(pk, ()))
    return owner


def lines_of_units(lines: QuerySet[DecisionLine], unit_ids) -> QuerySet[DecisionLine]:
    """Lines awarded to one of these units, or to a person, collective or household working there."""
    unit_ids = list(unit_ids)
    return lines.filter(Q(unit_id__in=unit_ids) | Q(organisation_id__in=unit_ids))


def cluster_member_ids(cluster, *, year_from=None, year_to=None) -> set[int]:
    """The units that were members of the cluster in any year of the range (all years if open)."""
    members = ClusterMember.objects.filter(cluster_year__cluster=cluster)
    if year_from:
        members = members.filter(year__gte=year_from)
    if year_to:
        members = members.filter(year__lte=year_to)
    return set(members.values_list("unit_id", flat=True))


# --- shares and counts ----------------------------------------------------------------------

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
    by_award = [
        CountRow(row["award__name"], row["individual"], row["collective"], row["household"])
        for row in lines.values("award_id", "award__name", "award__order")
        .annotate(**_kind_counts()).order_by("award__order", "award__name")
    ]
    by_year = [
        CountRow(str(row["decision__statistics_year"] or _("Year unknown")), row["individual"], row["collective"],
                 row["household"])
        for row in sorted(lines.values("decision__statistics_year").annotate(**_kind_counts()),
                          # a decision with neither date nor achievement year comes last
                          key=lambda row: (row["decision__statistics_year"] is None, row["decision__statistics_year"]))
    ]
    individual = Q(subject_type=SubjectType.INDIVIDUAL)
    collective = Q(subject_type=SubjectType.COLLECTIVE)
    sums = lines.aggregate(
        **_kind_counts(),
        direct=Count("award", filter=individual & Q(person_category=PersonCategory.DIRECT_WORKER)),
        small=Count("award", filter=collective & Q(is_small_collective=True)),
        women=Count("award", filter=individual & Q(gender="female")),
    )
    totals = CountRow(_("Total"), sums["individual"], sums["collective"], sums["household"])
    return StatisticsReport(
        filters=list(filters), by_award=by_award, by_year=by_year, totals=totals,
        direct_workers=Share(sums["direct"], sums["individual"]),
        small_collectives=Share(sums["small"], sums["collective"]),
        women=Share(sums["women"], sums["individual"]),
    )


# --- form 0603 (TT 02/2023/TT-BNV) ----------------------------------------------------------

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
class Form0603Report:
    layout: dict
    year: int
    period: str
    start: datetime.date
    end: datetime.date
    columns: list[dict]
    rows: list[Form0603Row] = field(default_factory=list)
    undated: list[UndatedDecision] = field(default_factory=list)

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
    dated = counted_lines().filter(decision__signed_on__gte=start, decision__signed_on__lte=end).order_by()
    undated = counted_lines().filter(decision__signed_on__isnull=True, decision__statistics_year=year).order_by()
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
        for pk, row in undated_rows.items():
            values = [row[f"r0_c{j}"] for j in range(len(columns))]  # the form's first row: all subjects
            report.undated.append(UndatedDecision(decision=decisions[pk], values=[sum(values), *values]))
        report.undated.sort(key=lambda u: (u.decision.issuer_unit.name, u.decision.number_text, u.decision.pk))
    return report


# --- per-cluster yearly summary -------------------------------------------------------------

@dataclass
class MemberSummary:
    member: ClusterMember
    counts: CountRow
    direct_workers: int = 0
    small_collectives: int = 0


@dataclass
class ClusterSummary:
    cluster_year: ClusterYear
    members: list[MemberSummary]
    leader: ClusterMember | None
    deputy: ClusterMember | None
    rankings: list
    ranking_meeting: object
    own_lines: list[DecisionLine]
    totals: CountRow
    direct_workers: Share
    small_collectives: Share
    women: Share
    other_years: list[int]


def achievement_year_q(year: int) -> Q:
    """Lines for the achievements of `year`: its achievement year, or the year signed when the
    decision gives none (a flag for 2017 is signed in January 2018)."""
    return Q(decision__achievement_year=year) | Q(decision__achievement_year__isnull=True, decision__year=year)


def cluster_summary(*, cluster_year: ClusterYear) -> ClusterSummary:
    """A cluster's year: roles, the ranking where a published meeting recorded one, and the
    commendations its members and their units and people received for that year's achievements.
    A fixed number of queries whatever the number of members and lines."""
    from meetings.models import Meeting, Ranking  # meetings sits below awards; imported here to keep the top light

    members = list(cluster_year.members.select_related("unit").order_by("order", "unit__name"))
    by_role = {m.role: m for m in members if m.role != Role.MEMBER}
    rankings = list(
        Ranking.objects.filter(meeting__in=Meeting.objects.published().filter(cluster_year=cluster_year))
        .select_related("unit", "meeting").order_by("-meeting__date", "meeting_id", "rank")
    )
    ranking_meeting = rankings[0].meeting if rankings else None
    rankings = [r for r in rankings if r.meeting_id == getattr(ranking_meeting, "pk", None)]

    owner = unit_subtrees([m.unit_id for m in members])
    subtree = list(owner)
    lines = counted_lines().filter(achievement_year_q(cluster_year.year)).filter(
        Q(unit_id__in=subtree) | Q(organisation_id__in=subtree) | Q(cluster=cluster_year.cluster)
    )
    grouped = (
        lines.order_by().values("unit_id", "organisation_id", "subject_type", "person_category",
                                "is_small_collective", "gender")
        .annotate(n=Count("award"))
    )
    per_member = {m.unit_id: MemberSummary(member=m, counts=CountRow(m.unit.display_name)) for m in members}
    totals = CountRow(_("Total"))
    direct = small = women = 0
    for row in grouped:
        root = owner.get(row["unit_id"]) or owner.get(row["organisation_id"])
        summary = per_member.get(root)
        for target in filter(None, [summary and summary.counts, totals]):
            setattr(target, row["subject_type"], getattr(target, row["subject_type"]) + row["n"])
        is_direct = row["person_category"] == PersonCategory.DIRECT_WORKER
        direct += row["n"] if is_direct else 0
        small += row["n"] if row["is_small_collective"] else 0
        women += row["n"] if row["gender"] == "female" else 0
        if summary:
            summary.direct_workers += row["n"] if is_direct else 0
            summary.small_collectives += row["n"] if row["is_small_collective"] else 0

    member_ids = [m.unit_id for m in members]
    own_lines = list(
        counted_lines().filter(achievement_year_q(cluster_year.year))
        .filter(Q(unit_id__in=member_ids) | Q(cluster=cluster_year.cluster))
        .select_related("decision", "award", "award_class", "unit")
        # an undated decision (known from a news report) last, on SQLite as on PostgreSQL
        .order_by(F("decision__signed_on").asc(nulls_last=True), "decision_id", "order", "pk")
    )
    other_years = list(
        ClusterYear.objects.filter(cluster=cluster_year.cluster).order_by("year").values_list("year", flat=True)
    )
    return ClusterSummary(
        cluster_year=cluster_year, members=list(per_member.values()),
        leader=by_role.get(Role.LEADER), deputy=by_role.get(Role.DEPUTY),
        rankings=rankings, ranking_meeting=ranking_meeting, own_lines=own_lines, totals=totals,
        direct_workers=Share(direct, totals.individual), small_collectives=Share(small, totals.collective),
        women=Share(women, totals.individual), other_years=other_years,
    )
