"""The office's report on the nomination path, for staff: per achievement year and per filing
unit or cluster, the dossiers filed and how their lines stand; by award and by person category;
the processing time from first submission to decision; the late dossiers.

Counted in the database in a fixed number of grouped queries whatever the number of dossiers;
Python only arranges the few rows that come back (and sorts the decided dossiers' durations for
the median and 90th percentile, services.processing_days). A dossier counts once it was filed
(first submitted): drafts stay the unit's own business. Every line has exactly one place among
in progress, on hold, approved (awaiting its decision), decided and not approved, so they add up
to the lines proposed."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from awards.models import PersonCategory, SubjectType

from .models import Dossier, DossierState, LineOutcome, NomineeLine
from .services import processing_days

LATE_LIST_LIMIT = 100  # the page lists at most this many late dossiers; the count is always whole

ON_HOLD = Q(outcome=LineOutcome.PENDING, dossier__state=DossierState.ON_HOLD)
OUTCOMES = {
    "in_progress": Q(outcome=LineOutcome.PENDING) & ~Q(dossier__state=DossierState.ON_HOLD),
    "on_hold": ON_HOLD,
    "approved": Q(outcome=LineOutcome.APPROVED),
    "decided": Q(outcome=LineOutcome.DECIDED),
    "not_approved": Q(outcome=LineOutcome.NOT_APPROVED),
}


def _line_counts() -> dict:
    return {"lines": Count("pk"), **{key: Count("pk", filter=q) for key, q in OUTCOMES.items()}}


def _dossier_counts() -> dict:
    return {"dossiers": Count("dossier", distinct=True),
            "late": Count("dossier", filter=Q(dossier__is_late=True), distinct=True)}


@dataclass
class OutcomeRow:
    label: str
    lines: int = 0
    in_progress: int = 0
    on_hold: int = 0
    approved: int = 0
    decided: int = 0
    not_approved: int = 0
    dossiers: int | None = None  # rows by award or category count lines only
    late: int | None = None
    key: str = ""  # on rows by filer: its filter value, "u12" (a unit) or "c3" (a cluster)
    unit_key: str = ""  # on rows by filer: the filing unit's ("u12"), also for a cluster's row

    @classmethod
    def from_values(cls, label: str, values: dict, **extra) -> OutcomeRow:
        return cls(label=label, lines=values["lines"], **{k: values[k] for k in OUTCOMES},
                   dossiers=values.get("dossiers"), late=values.get("late"), **extra)

    def add(self, other: OutcomeRow) -> None:
        for name in ("lines", *OUTCOMES):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        if other.dossiers is not None:
            self.dossiers = (self.dossiers or 0) + other.dossiers
            self.late = (self.late or 0) + other.late

    def line_cells(self) -> list[int]:
        return [self.lines, self.in_progress, self.on_hold, self.approved, self.decided, self.not_approved]


def line_headers() -> list[str]:
    return [_("Lines proposed"), pgettext("nominee lines", "In progress"), _("On hold"),
            _("Approved, awaiting the decision"), _("Decided"), _("Not approved")]


@dataclass
class ProcessingTime:
    count: int
    median: float | None
    p90: float | None

    @staticmethod
    def days_text(value: float | None) -> str:
        return "–" if value is None else f"{value:.1f}".replace(".", ",")  # the Vietnamese decimal comma

    @property
    def median_text(self) -> str:
        return self.days_text(self.median)

    @property
    def p90_text(self) -> str:
        return self.days_text(self.p90)


@dataclass
class NominationReport:
    year: int
    filer: str  # "" for every filer
    years: list[int]
    by_filer: list[OutcomeRow]
    totals: OutcomeRow  # of the chosen filer, or of all
    by_award: list[OutcomeRow]
    by_category: list[OutcomeRow]
    processing: ProcessingTime
    late: list[Dossier] = field(default_factory=list)

    @property
    def filer_label(self) -> str:
        return next((row.label for row in self.by_filer if row.key == self.filer), "")

    @property
    def late_count(self) -> int:
        return self.totals.late or 0

    @property
    def outcome_items(self) -> list[tuple[str, int]]:
        headers = line_headers()[1:]
        return list(zip(headers, self.totals.line_cells()[1:], strict=True))

    def sections(self) -> list[dict]:
        """The tables as rows of plain values, in page order: what the XLSX file writes."""
        filer_header = [_("Filed by"), _("Dossiers filed"), _("Late dossiers"), *line_headers()]
        processing = self.processing
        return [
            {"title": _("By filing unit or cluster"), "header": filer_header,
             "rows": [[row.label, row.dossiers, row.late, *row.line_cells()] for row in self.by_filer]
             + [[_("Total"), self.totals.dossiers, self.totals.late, *self.totals.line_cells()]]},
            {"title": _("By award proposed"), "header": [_("Award"), *line_headers()],
             "rows": [[row.label, *row.line_cells()] for row in self.by_award]},
            {"title": _("By subject and person category"), "header": [_("Subject"), *line_headers()],
             "rows": [[row.label, *row.line_cells()] for row in self.by_category]},
            {"title": _("Processing time, first submission to decision (days)"),
             "header": [_("Dossiers decided"), _("Median"), _("90th percentile")],
             "rows": [[processing.count, processing.median, processing.p90]]},
            {"title": _("Late dossiers"), "header": [_("Register number"), _("Memo"), _("Filed by"), _("Deadline"),
                                                     _("First submitted")],
             "rows": [[d.register_label, d.memo_number, _filer_name(d), d.deadline, d.first_submitted_at]
                      for d in self.late]},
        ]


def _filer_name(dossier: Dossier) -> str:
    if dossier.cluster_id:
        return f"{dossier.cluster.name} ({dossier.unit.name})"
    return dossier.unit.name


def filed_dossiers():
    return Dossier.objects.filter(first_submitted_at__isnull=False)


def report_years() -> list[int]:
    return list(filed_dossiers().order_by("-achievement_year").values_list("achievement_year", flat=True).distinct())


def _filer_q(filer: str, prefix: str = "") -> Q:
    """"u<id>": dossiers filed by the unit (for itself or for a cluster it leads); "c<id>": those
    filed for the cluster. Anything else: every filer."""
    kind, pk = filer[:1], filer[1:]
    if not pk.isdigit():
        return Q()
    if kind == "u":
        return Q(**{f"{prefix}unit_id": int(pk)})
    if kind == "c":
        return Q(**{f"{prefix}cluster_id": int(pk)})
    return Q()


def _category_label(subject_type: str, category: str) -> str:
    if subject_type == SubjectType.COLLECTIVE:
        return _("Collectives")
    if subject_type == SubjectType.HOUSEHOLD:
        return _("Households")
    if category:
        return str(PersonCategory(category).label)
    return _("Individuals, category not given")


def nomination_report(*, year: int, filer: str = "") -> NominationReport:
    """The report of an achievement year, for every filer or one ("u<unit id>", "c<cluster id>"),
    in six queries."""
    lines = NomineeLine.objects.filter(dossier__achievement_year=year, dossier__first_submitted_at__isnull=False)
    by_filer = []
    for values in (lines.order_by().values("dossier__unit_id", "dossier__unit__name", "dossier__cluster_id",
                                            "dossier__cluster__name")
                   .annotate(**_line_counts(), **_dossier_counts())):
        unit_key = f"u{values['dossier__unit_id']}"
        if values["dossier__cluster_id"]:
            label = f"{values['dossier__cluster__name']} ({values['dossier__unit__name']})"
            key = f"c{values['dossier__cluster_id']}"
        else:
            label, key = values["dossier__unit__name"], unit_key
        by_filer.append(OutcomeRow.from_values(label, values, key=key, unit_key=unit_key))
    by_filer.sort(key=lambda row: row.label)
    filter_q = _filer_q(filer, "dossier__")
    chosen = [row for row in by_filer if not filer or filer in (row.key, row.unit_key)]
    if filer and not chosen:
        filer = ""
        filter_q = Q()
        chosen = by_filer
    totals = OutcomeRow(label=_("Total"), dossiers=0, late=0)
    for row in chosen:
        totals.add(row)
    scoped = lines.filter(filter_q).order_by()
    by_award = [
        OutcomeRow.from_values(values["award__name"], values)
        for values in scoped.values("award_id", "award__name", "award__order").annotate(**_line_counts())
        .order_by("award__order", "award__name")
    ]
    by_category = [
        OutcomeRow.from_values(_category_label(values["subject_type"], values["person_category"]), values)
        for values in scoped.values("subject_type", "person_category").annotate(**_line_counts())
        .order_by("subject_type", "person_category")
    ]
    dossiers = filed_dossiers().filter(_filer_q(filer), achievement_year=year)
    durations = processing_days(dossiers.filter(decided_at__isnull=False).only("first_submitted_at", "decided_at"))
    late = list(dossiers.filter(is_late=True).select_related("unit", "cluster")
                .order_by("deadline", "first_submitted_at", "pk")[:LATE_LIST_LIMIT])
    return NominationReport(
        year=year, filer=filer, years=report_years(), by_filer=by_filer, totals=totals, by_award=by_award,
        by_category=by_category, processing=ProcessingTime(durations["count"], durations["median"], durations["p90"]),
        late=late,
    )
