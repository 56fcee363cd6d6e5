"""Writes to the cluster register. Every rule about a year's members and roles lives here.

The database holds what it can (one leader, one deputy, one row per unit and year, one cluster
of an organiser per unit and year); the functions below add what a constraint cannot: exactly one
leader once a year has roles, leader ≠ deputy, role holders are members, a member unit existed
that year and the cluster was valid that year. The admin checks a whole year's proposed member
list with `cluster_year_member_problems` before saving, so both paths apply the same rules."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from portal.core.cache import records_written
from portal.core.locking import bump_version

from .models import Cluster, ClusterMember, ClusterYear, Role, SelectionMethod, Unit

ROLES = (Role.LEADER, Role.DEPUTY)
SOURCE_FIELDS = ("selection_method", "decision_number", "decision_date", "source_note", "order",
                 "valid_from", "valid_to")


def _constraint_message(name: str) -> str:
    """The violation message of one of ClusterMember's constraints, so the admin and the
    database speak with one voice."""
    for constraint in ClusterMember._meta.constraints:
        if constraint.name == name:
            return str(constraint.violation_error_message)
    raise LookupError(name)


def _role_messages(cluster: Cluster) -> dict[str, str]:
    """The role rules in the words of the cluster's kind: "Trưởng khối" for a khối."""
    labels = {k: str(v) for k, v in cluster.labels.items()}
    return {
        "clustermember_one_leader": _("%(Noun)s already has a %(leader)s for that year.") % labels,
        "clustermember_one_deputy": _("%(Noun)s already has a %(deputy)s for that year.") % labels,
        "clustermember_role_has_source": _("Say how the %(leader)s or %(deputy)s was chosen.") % labels,
        "one_cluster_per_organiser": _(
            "This unit already belongs to another %(noun)s of the same organiser for that period."
        ) % labels,
    }


@dataclass
class Problem:
    """One broken rule in a proposed member list; `member` is None for the year as a whole."""

    message: str
    member: ClusterMember | None = None
    field: str | None = None


# --- checks -------------------------------------------------------------------------------

def cluster_year_period_problems(*, cluster: Cluster, year: int) -> list[str]:
    if year and not cluster.is_valid_in_year(year):
        return [
            _("%(cluster)s was not in force in %(year)s (valid %(period)s).")
            % {"cluster": cluster, "year": year, "period": _period_text(cluster.valid_from, cluster.valid_to)}
        ]
    return []


def _period_text(valid_from, valid_to) -> str:
    start = valid_from.strftime("%d/%m/%Y") if valid_from else "…"
    end = valid_to.strftime("%d/%m/%Y") if valid_to else "…"
    return f"{start} – {end}"


def cluster_year_member_problems(*, cluster_year: ClusterYear, members: list[ClusterMember]) -> list[Problem]:
    """Everything wrong with `members` as the complete member list of `cluster_year`.

    `members` are the rows as they would be after saving (new, changed or untouched); rows about
    to be deleted are simply left out. Nothing is written."""
    problems: list[Problem] = []
    year = cluster_year.year
    cluster = cluster_year.cluster
    words = _role_messages(cluster)
    labels = cluster.labels

    for text in cluster_year_period_problems(cluster=cluster, year=year):
        problems.append(Problem(text))

    seen: dict[int, ClusterMember] = {}
    for member in members:
        unit = member.unit
        if unit.pk in seen:
            problems.append(Problem(
                _("%(unit)s: %(message)s") % {"unit": unit, "message": _constraint_message("clustermember_unit_once")},
                member, "unit"))
        seen[unit.pk] = member
        if not unit.exists_in_year(year):
            problems.append(Problem(
                _("%(unit)s did not exist in %(year)s (it existed %(period)s).")
                % {"unit": unit, "year": year, "period": _period_text(unit.valid_from, unit.valid_to)},
                member, "unit"))
        if member.role != Role.MEMBER and not member.selection_method:
            problems.append(Problem(
                _("%(unit)s: %(message)s")
                % {"unit": unit, "message": words["clustermember_role_has_source"]},
                member, "selection_method"))
        for field in ("valid_from", "valid_to"):
            day = getattr(member, field)
            if day is not None and day.year != year:
                problems.append(Problem(
                    _("%(unit)s: a membership period lies within the year %(year)s.") % {"unit": unit, "year": year},
                    member, field))
        if member.valid_from and member.valid_to and member.valid_to < member.valid_from:
            problems.append(Problem(
                _("%(unit)s: %(message)s")
                % {"unit": unit, "message": _constraint_message("clustermember_valid_period")},
                member, "valid_to"))

    leaders = [m for m in members if m.role == Role.LEADER]
    deputies = [m for m in members if m.role == Role.DEPUTY]
    for role_rows, constraint in ((leaders, "clustermember_one_leader"), (deputies, "clustermember_one_deputy")):
        for extra in role_rows[1:]:
            problems.append(Problem(
                _("%(message)s Refused for %(unit)s (already held by %(holder)s).")
                % {"message": words[constraint], "unit": extra.unit, "holder": role_rows[0].unit},
                extra, "role"))
    if deputies and not leaders:
        problems.append(Problem(
            _("A year with a %(deputy)s (%(unit)s) needs exactly one %(leader)s; choose the %(leader)s too.")
            % {"unit": deputies[0].unit, "leader": labels["leader"], "deputy": labels["deputy"]},
            deputies[0], "role"))

    # One cluster of an organiser per unit at any day: look at the organiser's other clusters
    # that year, and compare the membership periods (a district that ended on 30/06/2025 may
    # sit in one cluster until then and its successor's units in another from 01/07).
    if seen and cluster.organiser_id and year:
        for member in members:
            member.year = year
            member.starts_on = member.valid_from or datetime.date(year, 1, 1)
            member.ends_on = member.valid_to or datetime.date(year, 12, 31)
        elsewhere = (
            ClusterMember.objects.filter(organiser_id=cluster.organiser_id, year=year, unit_id__in=list(seen))
            .exclude(cluster_year__cluster_id=cluster.pk)
            .select_related("cluster_year__cluster")
        )
        for other in elsewhere:
            member = seen[other.unit_id]
            if not member.overlaps(other):
                continue
            problems.append(Problem(
                _("%(message)s %(unit)s is in %(cluster)s in %(year)s.")
                % {"message": words["one_cluster_per_organiser"],
                   "unit": member.unit, "cluster": other.cluster_year.cluster, "year": year},
                member, "unit"))
    return problems


def _raise(problems: list[Problem]) -> None:
    if problems:
        raise ValidationError([p.message for p in problems])


def _check_year(cluster_year: ClusterYear) -> None:
    """Re-check the saved member list of a year (inside the caller's transaction); a changed
    member list is a change of the year (optimistic locking)."""
    members = list(cluster_year.members.select_related("unit"))
    _raise(cluster_year_member_problems(cluster_year=cluster_year, members=members))
    bump_version(cluster_year)


# --- years --------------------------------------------------------------------------------

def cluster_year_previous(*, cluster_year: ClusterYear) -> ClusterYear | None:
    return (
        ClusterYear.objects.filter(cluster_id=cluster_year.cluster_id, year__lt=cluster_year.year)
        .order_by("-year").first()
    )


def cluster_year_latest(*, cluster: Cluster) -> ClusterYear | None:
    return ClusterYear.objects.filter(cluster=cluster).order_by("-year").first()


@transaction.atomic
def cluster_year_start(
    *, cluster: Cluster, year: int, copy_members: bool = True, copy_from: ClusterYear | None = None,
) -> ClusterYear:
    """Open `year` for `cluster`. With `copy_members`, the members of `copy_from` (by default the
    latest year before) come along as plain, provisional members: a suggestion, kept from the
    public until staff confirm the list. Roles are never copied, and units that no longer
    existed, or already sit in another cluster of the organiser that year, are left out."""
    cluster_year = ClusterYear(cluster=cluster, year=year)
    cluster_year.full_clean()
    _raise([Problem(t) for t in cluster_year_period_problems(cluster=cluster, year=year)])
    if copy_from is not None and copy_from.cluster_id != cluster.pk:
        raise ValidationError(_("Members can only be copied from a year of the same cluster."))
    cluster_year.save()
    if copy_members:
        source = copy_from or cluster_year_previous(cluster_year=cluster_year)
        if source is not None:
            taken = set(
                ClusterMember.objects.filter(organiser_id=cluster.organiser_id, year=year)
                .values_list("unit_id", flat=True)
            )
            for old in source.members.select_related("unit").order_by("order", "unit__name"):
                if old.unit_id in taken or not old.unit.exists_in_year(year):
                    continue
                ClusterMember.objects.create(
                    cluster_year=cluster_year, unit=old.unit, order=old.order, is_provisional=True
                )
    return cluster_year


@transaction.atomic
def cluster_year_confirm_members(*, cluster_year: ClusterYear) -> int:
    """Staff confirm a carried-over member list: the units become public members of the year."""
    rows = list(cluster_year.members.filter(is_provisional=True))
    for member in rows:  # row by row, so the pages' caches hear of it
        member.is_provisional = False
        member.save(update_fields=["is_provisional", "updated_at"])
    return len(rows)


def cluster_year_get_or_start(*, cluster: Cluster, year: int) -> ClusterYear:
    existing = ClusterYear.objects.filter(cluster=cluster, year=year).first()
    return existing or cluster_year_start(cluster=cluster, year=year, copy_members=True)


def cluster_year_suggest_leader(*, cluster_year: ClusterYear) -> Unit | None:
    """Last year's deputy, if it is a member this year: a habit some clusters keep, never a rule."""
    previous = cluster_year_previous(cluster_year=cluster_year)
    if previous is None:
        return None
    deputy = previous.members.filter(role=Role.DEPUTY).select_related("unit").first()
    if deputy is None or not cluster_year.members.filter(unit_id=deputy.unit_id).exists():
        return None
    return deputy.unit


# --- members and roles --------------------------------------------------------------------

@transaction.atomic
def cluster_member_add(*, cluster_year: ClusterYear, unit: Unit, role: str = Role.MEMBER, **source) -> ClusterMember:
    """Add `unit` to the year's members. `source` may carry selection_method, decision_number,
    decision_date, source_note, order and the part-year period (valid_from, valid_to)."""
    unknown = set(source) - set(SOURCE_FIELDS)
    if unknown:
        raise TypeError(f"unexpected source fields: {sorted(unknown)}")
    member = ClusterMember(cluster_year=cluster_year, unit=unit, role=role, **source)
    member.copy_from_cluster_year()
    current = list(cluster_year.members.select_related("unit"))
    _raise(cluster_year_member_problems(cluster_year=cluster_year, members=[*current, member]))
    member.full_clean()
    member.save()
    bump_version(cluster_year)
    return member


@transaction.atomic
def cluster_member_remove(*, member: ClusterMember) -> None:
    cluster_year = member.cluster_year
    member.delete()
    _check_year(cluster_year)


@transaction.atomic
def cluster_year_set_roles(
    *,
    cluster_year: ClusterYear,
    leader: Unit,
    deputy: Unit | None = None,
    method: str,
    decision_number: str = "",
    decision_date=None,
    source_note: str = "",
    replace: bool = False,
) -> list[ClusterMember]:
    """Give the year its leader (and deputy). Both must already be members; with `replace`,
    the previous role holders become plain members first. Returns the role rows, leader first."""
    labels = cluster_year.cluster.labels
    if method not in SelectionMethod.values:
        raise ValidationError(_role_messages(cluster_year.cluster)["clustermember_role_has_source"])
    if deputy is not None and deputy.pk == leader.pk:
        raise ValidationError(
            _("%(unit)s cannot be both %(leader)s and %(deputy)s in %(year)s.")
            % {"unit": leader, "year": cluster_year.year, **labels}
        )
    holders = cluster_year.members.filter(role__in=ROLES)
    if holders.exists() and not replace:
        raise ValidationError(
            _("The %(leader)s and %(deputy)s of %(year)s are already set; replace them explicitly.")
            % {"year": cluster_year.year, **labels}
        )
    rows = {m.unit_id: m for m in cluster_year.members.filter(unit__in=[u for u in (leader, deputy) if u])}
    for unit in (leader, deputy):
        if unit is not None and unit.pk not in rows:
            raise ValidationError(
                _("%(unit)s is not a member of the %(noun)s in %(year)s; add it as a member first.")
                % {"unit": unit, "year": cluster_year.year, **labels}
            )
    # Demote first: the one-leader and one-deputy constraints are checked row by row.
    cluster_year_clear_roles(cluster_year=cluster_year)
    result = []
    for unit, role in ((leader, Role.LEADER), (deputy, Role.DEPUTY)):
        if unit is None:
            continue
        row = rows[unit.pk]
        row.refresh_from_db()
        row.role = role
        row.is_provisional = False  # a unit chosen to lead is a member by that very choice
        row.selection_method = method
        row.decision_number = decision_number
        row.decision_date = decision_date
        row.source_note = source_note
        row.full_clean()
        row.save()
        result.append(row)
    _check_year(cluster_year)
    return result


def cluster_year_clear_roles(*, cluster_year: ClusterYear) -> int:
    """Make every role holder of the year a plain member again (before a new election).

    Row by row (two rows at most) rather than update(), so that save signals reach the caches
    of pages that show the roles."""
    holders = list(cluster_year.members.filter(role__in=ROLES))
    for member in holders:
        member.role, member.selection_method, member.decision_number = Role.MEMBER, "", ""
        member.decision_date, member.source_note = None, ""
        member.save()
    return len(holders)


def cluster_year_release_changed_roles(*, cluster_year: ClusterYear, member_ids: list[int]) -> None:
    """Before saving an edited member list whose final state was checked: demote the rows whose
    role changes, so the row-by-row constraints never see two leaders halfway through."""
    cluster_year.members.filter(pk__in=member_ids).filter(~Q(role=Role.MEMBER)).update(role=Role.MEMBER)
    records_written()  # update() sends no signal


def cluster_refresh_copies(*, cluster: Cluster) -> None:
    """Rewrite the organiser and year copies on every member row of the cluster."""
    for cluster_year in cluster.years.all():
        cluster_year.members.update(year=cluster_year.year, organiser_id=cluster.organiser_id)
    records_written()
