"""The per-cluster yearly summary (domain.md §5.2): roles, ranking, and the commendations the
members, their units and their people received for that year's achievements."""

from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from clusters.models import ClusterMember, ClusterYear, Role

from ..models import DecisionLine, PersonCategory
from .reports import CountRow, Share
from .selectors import achievement_year_q, counted_lines, unit_subtrees


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
