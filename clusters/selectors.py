"""Reads of the cluster register shared by the public pages, the home page and the admin.

Each function costs a fixed number of queries whatever the number of clusters, years or
members: rows are fetched with select_related/Prefetch and arranged in Python."""

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from portal.core.cache import cached

from .models import (
    Cluster,
    ClusterMember,
    ClusterYear,
    Person,
    Position,
    Role,
    Succession,
    Unit,
    UnitName,
    UnitParent,
)


def public_units() -> QuerySet[Unit]:
    """Units the public may list, filter by and open: the province's own, never external ones."""
    return Unit.objects.internal()


def name_history_prefetch(path: str = "names") -> Prefetch:
    """Prefetch a unit's dated names into `.name_rows`, which Unit.name_on() reads."""
    return Prefetch(path, queryset=UnitName.objects.order_by("valid_from"), to_attr="name_rows")


def role_holder_full_name(role: str) -> Subquery:
    """Annotation on cluster years: the full name of the year's leader or deputy (list columns)."""
    holders = ClusterMember.objects.filter(cluster_year=OuterRef("pk"), role=role)
    return Subquery(holders.values("unit__name")[:1])


def cluster_years_with_roles() -> QuerySet[ClusterYear]:
    """Cluster years annotated with their leader's and deputy's names and member count."""
    return ClusterYear.objects.select_related("cluster").annotate(
        leader_name=role_holder_full_name(Role.LEADER),
        deputy_name=role_holder_full_name(Role.DEPUTY),
        member_count=Count("members", distinct=True),
    )


def _arrange_roles(cluster_year: ClusterYear) -> ClusterYear:
    """Sets .leader and .deputy (member rows or None) from the prefetched `member_rows`."""
    rows = getattr(cluster_year, "member_rows", [])
    cluster_year.leader = next((m for m in rows if m.role == Role.LEADER), None)
    cluster_year.deputy = next((m for m in rows if m.role == Role.DEPUTY), None)
    return cluster_year


def _latest_year_prefetch() -> Prefetch:
    latest = (ClusterYear.objects.filter(cluster=OuterRef("cluster"), withdrawn_at__isnull=True).order_by("-year")
              .values("year")[:1])
    years = (
        ClusterYear.objects.filter(year=Subquery(latest), withdrawn_at__isnull=True)
        .annotate(member_count=Count("members"))
        .prefetch_related(
            Prefetch(
                "members",
                queryset=ClusterMember.objects.filter(role__in=[Role.LEADER, Role.DEPUTY]).select_related("unit"),
                to_attr="member_rows",
            )
        )
    )
    return Prefetch("years", queryset=years, to_attr="latest_years")


def cluster_queryset():
    """Clusters in list order, prefetching their latest year; pass a page of it to `with_latest`."""
    return Cluster.objects.select_related("organiser").prefetch_related(_latest_year_prefetch())


def with_latest(clusters) -> list[Cluster]:
    """The clusters with `.latest` (the most recent year, with .leader/.deputy, or None)."""
    clusters = list(clusters)
    for cluster in clusters:
        cluster.latest = _arrange_roles(cluster.latest_years[0]) if cluster.latest_years else None
    return clusters


def cluster_list_for_home(*, limit: int = 6) -> list[Cluster]:
    """The clusters for a home page block: name, link, and the latest year's leader and deputy."""
    return with_latest(cluster_queryset()[:limit])


def cluster_head(*, slug: str) -> tuple[int, str]:
    """(id, name) of a cluster, or 404: what its page needs when its parts are stored; read once
    per data version."""
    row = cached("cluster-head", (slug,), lambda: Cluster.objects.filter(slug=slug).values_list("pk", "name").first())
    if row is None:
        raise Http404
    return row


def cluster_detail(*, slug: str) -> Cluster:
    """A cluster with `.year_rows` (newest first), each with `.leader`, `.deputy`, `.member_rows`
    (confirmed members only: a list carried over from another year is not public until staff
    confirm it) and `.provisional_count`."""
    members = (
        ClusterMember.objects.select_related("unit").prefetch_related(name_history_prefetch("unit__names"))
        .order_by("order", "unit__name")
    )
    cluster = get_object_or_404(
        Cluster.objects.select_related("organiser").prefetch_related(
            Prefetch(
                "years",
                queryset=ClusterYear.objects.filter(withdrawn_at__isnull=True).order_by("-year").prefetch_related(
                    Prefetch("members", queryset=members, to_attr="member_rows")
                ),
                to_attr="year_rows",
            )
        ),
        slug=slug,
    )
    for cluster_year in cluster.year_rows:
        rows = cluster_year.member_rows
        cluster_year.member_rows = [m for m in rows if not m.is_provisional]
        cluster_year.provisional_count = len(rows) - len(cluster_year.member_rows)
        for member in cluster_year.member_rows:
            # the name the unit bore that year (its last day in the year)
            member.name_then = member.unit.name_on(member.ends_on)
        _arrange_roles(cluster_year)
    return cluster


def unit_detail(*, slug: str) -> Unit:
    """A public (not external) unit with its parent, `.child_units` (today's), `.former_child_links`
    (units under it in the past, with their dates), `.parent_link_rows` (its own parents over time),
    `.successors_rows` and `.predecessor_rows` (successions with dates), `.name_rows` (its names
    over time), `.membership_rows` (newest year first, with the cluster; confirmed only),
    `.position_rows` (people who held posts there) and `.organised_cluster_rows` (clusters it formed)."""
    return get_object_or_404(
        public_units().select_related("parent").prefetch_related(
            Prefetch("children", queryset=Unit.objects.internal().order_by("name"), to_attr="child_units"),
            Prefetch(
                "child_links",
                queryset=UnitParent.objects.filter(unit__is_external=False).select_related("unit")
                .order_by("valid_from", "unit__name"),
                to_attr="former_child_links",
            ),
            Prefetch("parent_links", queryset=UnitParent.objects.select_related("parent").order_by("valid_from"),
                     to_attr="parent_link_rows"),
            Prefetch("successions_out", queryset=Succession.objects.select_related("successor").order_by("date"),
                     to_attr="successor_rows"),
            Prefetch("successions_in", queryset=Succession.objects.select_related("predecessor").order_by("date"),
                     to_attr="predecessor_rows"),
            name_history_prefetch(),
            Prefetch(
                "cluster_memberships",
                queryset=ClusterMember.objects.filter(is_provisional=False, cluster_year__withdrawn_at__isnull=True)
                .select_related("cluster_year__cluster")
                .order_by(
                    "-year", "cluster_year__cluster__name"
                ),
                to_attr="membership_rows",
            ),
            Prefetch(
                "positions",
                queryset=Position.objects.select_related("person").order_by("-valid_from", "person__full_name"),
                to_attr="position_rows",
            ),
            Prefetch("organised_clusters", queryset=Cluster.objects.order_by("number", "name"),
                     to_attr="organised_cluster_rows"),
        ),
        slug=slug,
    )


def person_detail(*, slug: str) -> Person:
    """A person with `.position_rows` (each with its unit and the unit's parent)."""
    return get_object_or_404(
        Person.objects.prefetch_related(
            Prefetch(
                "positions",
                queryset=Position.objects.select_related("unit__parent").order_by("order", "-valid_from"),
                to_attr="position_rows",
            )
        ),
        slug=slug,
    )
