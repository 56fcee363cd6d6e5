"""The lines each report starts from, and the unit trees the filters and summaries walk.

The public figures count lines in force of published decisions in force (domain.md §5.1:
revoked items are left out); the look-up shows revoked ones too, marked. The official forms
(form 0603) count every decision in force, published on this site or not: the publish flag only
governs what the public may look up."""

from collections import defaultdict

from django.db.models import Q, QuerySet

from clusters.models import ClusterMember, Unit
from portal.core.cache import cached

from ..models import Decision, DecisionLine, RecordStatus
from .models import StatisticsRollup


def counted_lines() -> QuerySet[DecisionLine]:
    """Lines the public statistics count: in force, in a published decision in force."""
    return DecisionLine.objects.filter(
        status=RecordStatus.IN_FORCE, decision__is_published=True, decision__status=RecordStatus.IN_FORCE,
        decision__withdrawn_at__isnull=True,
    )


def counted_rollup() -> QuerySet[StatisticsRollup]:
    """The counted lines summed per decision, award and subject (models.StatisticsRollup): the
    same figures as counted_lines() for filters on the year, the award, its level and the subject."""
    return StatisticsRollup.objects.all()


def official_lines() -> QuerySet[DecisionLine]:
    """Lines the official forms count (form 0603): in force, in a decision in force, whether or
    not the decision is published on this site. A decision is law from its signing, not from
    its page; the publish flag only decides what the public may look up."""
    return DecisionLine.objects.filter(status=RecordStatus.IN_FORCE, decision__status=RecordStatus.IN_FORCE,
                                       decision__withdrawn_at__isnull=True)  # a withdrawn record counts nowhere


def official_years() -> list[int]:
    """The years the official forms have something to count, newest first: the year signed, or
    the achievement year of a decision whose date is unknown (listed apart under its year). Read
    once per data version: a pass over every decision (2.7 ms of form 0603's 7.7 at scale)."""
    return cached("official-years", (), lambda: list(
        Decision.objects.current().in_force().filter(statistics_year__isnull=False).order_by("-statistics_year")
        .values_list("statistics_year", flat=True).distinct()
    ))


def lookup_lines() -> QuerySet[DecisionLine]:
    """Lines of published decisions, revoked ones included (the page marks them), newest first,
    with everything a result shows in the same query."""
    return (
        DecisionLine.objects.filter(decision__is_published=True, decision__withdrawn_at__isnull=True)
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



def achievement_year_q(year: int) -> Q:
    """Lines for the achievements of `year`: its achievement year, or the year signed when the
    decision gives none (a flag for 2017 is signed in January 2018)."""
    return Q(decision__achievement_year=year) | Q(decision__achievement_year__isnull=True, decision__year=year)
