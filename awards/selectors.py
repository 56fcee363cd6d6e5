"""Reads of the commendation records shared by pages, exports and the home page."""

from collections import defaultdict

from django.db.models import Count, Prefetch, QuerySet

from portal.core.cache import cached

from .models import Decision, DecisionLine, SubjectType


def published_decisions() -> QuerySet[Decision]:
    """Published decisions (revoked ones included: they stay public, marked), newest first, those
    whose signing date is unknown last, with what a list shows. Line counts are added per page by
    with_line_counts, so that counting the pages never joins the lines."""
    return (
        Decision.objects.published()
        .select_related("issuer_role", "issuer_unit")
        .order_by("-signed_on_known", "-sort_date", "-sort_number", "-id")
    )


def with_line_counts(decisions) -> list[Decision]:
    """Attach individual_count, collective_count and household_count to each decision (one query)."""
    decisions = list(decisions)
    counts = defaultdict(int)
    rows = (DecisionLine.objects.filter(decision_id__in=[d.pk for d in decisions])
            .values_list("decision_id", "subject_type").annotate(n=Count("id")).order_by())
    for decision_id, subject_type, n in rows:
        counts[(decision_id, subject_type)] = n
    for decision in decisions:
        for subject in SubjectType.values:
            setattr(decision, f"{subject}_count", counts[(decision.pk, subject)])
    return decisions


def decisions_for_home(limit: int = 5) -> list[Decision]:
    """The latest published decisions for the home page (one query)."""
    return list(published_decisions()[:limit])


def decision_lines_queryset() -> QuerySet[DecisionLine]:
    return DecisionLine.objects.select_related("award", "award_class", "cluster", "revoked_by").order_by("order", "pk")


def published_decision_head(pk: int) -> Decision | None:
    """A published decision's slug, number and subject line, or None: all its page needs when its
    parts are stored (its address, <title> and description); read once per data version."""
    row = cached("decision-head", (pk,), lambda: Decision.objects.published().filter(pk=pk)
                 .values_list("slug", "number_text", "subject_line").first())
    if row is None:
        return None
    return Decision(pk=pk, slug=row[0], number_text=row[1], subject_line=row[2])


def published_decision_detail(pk: int) -> Decision:
    """A published decision with everything its page shows (four queries: it, its lines, its memos,
    the published documents it cites)."""
    from documents.models import Document

    return (
        Decision.objects.published()
        .select_related("issuer_role", "issuer_unit", "movement", "revoked_by")
        .prefetch_related(
            Prefetch("lines", queryset=decision_lines_queryset()),
            "based_on",
            Prefetch("legal_bases", queryset=Document.objects.published().order_by("sort_date", "pk"),
                     to_attr="public_legal_bases"),
        )
        .get(pk=pk)
    )


def export_lines(decision: Decision) -> QuerySet[DecisionLine]:
    return decision.lines.select_related("award", "award_class", "organisation").order_by("order", "pk")


def line_counts(lines) -> dict[str, int]:
    """"06 tập thể, 06 cá nhân": counted from the lines, never typed."""
    counts = {"individual_count": 0, "collective_count": 0, "household_count": 0}
    for line in lines:
        counts[f"{line.subject_type}_count"] += 1
    return counts
