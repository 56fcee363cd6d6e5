"""Every write of cluster scoring, and the arithmetic it rests on. Who may act is checked here:
a member unit's officer scores their own unit, the officer of the cluster-year's leader unit
compiles, ranks and files the proposals, and staff holding `scoring.publish_scoring` publish."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import Award
from clusters.models import ClusterYear, Role, UnitOfficer
from meetings.models import MeetingKind, RankBasis, Ranking

from .models import (
    Criterion,
    CriterionGroup,
    CriterionKind,
    Evidence,
    ResultRow,
    ScoreAdjustment,
    ScoreEntry,
    ScoreSheet,
    ScoreTemplate,
    Scoring,
    ScoringResult,
    ScoringState,
    SheetState,
)

PUBLISH_PERMISSION = "scoring.publish_scoring"
ZERO = Decimal("0")
FLAG_AWARD = "provincial_emulation_flag"
CERTIFICATE_AWARD = "provincial_certificate"


# --- who ------------------------------------------------------------------------------------------


def is_publisher(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff
                and user.has_perm(PUBLISH_PERMISSION))


def _officer_units(user) -> set[int]:
    if not (user and user.is_authenticated and user.is_active):
        return set()
    return set(UnitOfficer.objects.filter(user=user).values_list("unit_id", flat=True))


def leader_unit_ids(cluster_year: ClusterYear) -> set[int]:
    return set(cluster_year.members.filter(role=Role.LEADER).values_list("unit_id", flat=True))


def is_leader_officer(user, scoring: Scoring) -> bool:
    return bool(_officer_units(user) & leader_unit_ids(scoring.cluster_year))


def _require_leader(user, scoring: Scoring) -> None:
    if not (is_leader_officer(user, scoring) or is_publisher(user)):
        raise PermissionDenied


# --- the arithmetic ------------------------------------------------------------------------------


@dataclass
class Total:
    scored: Decimal = ZERO
    bonus: Decimal = ZERO
    penalty: Decimal = ZERO
    missing: list[Criterion] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        """Never below zero: penalties take away at most what was earned."""
        return max(ZERO, self.scored + self.bonus - self.penalty)


def sheet_total(template: ScoreTemplate, entries: Iterable[ScoreEntry], criteria: list[Criterion] | None = None
                ) -> Total:
    """The total of one member's entries. A criterion left unscored counts nothing and is listed
    as missing; every item is held within its maximum or limit, and the bonus and penalty sums
    within the table's caps, whatever was stored."""
    if criteria is None:
        criteria = list(template.criteria.all())
    by_criterion = {e.criterion_id: e for e in entries}
    result = Total()
    for criterion in criteria:
        entry = by_criterion.get(criterion.pk)
        points = entry.effective_points if entry is not None else None
        if points is None:
            if criterion.kind == CriterionKind.SCORED:
                result.missing.append(criterion)
            continue
        points = min(max(points, ZERO), criterion.max_points)
        if criterion.kind == CriterionKind.SCORED:
            result.scored += points
        elif criterion.kind == CriterionKind.BONUS:
            result.bonus += points
        else:
            result.penalty += points
    if template.bonus_cap is not None:
        result.bonus = min(result.bonus, template.bonus_cap)
    if template.penalty_cap is not None:
        result.penalty = min(result.penalty, template.penalty_cap)
    return result


def totals(scoring: Scoring) -> dict[int, Total]:
    """unit id → Total for every member's sheet, in three queries."""
    criteria = list(scoring.template.criteria.all())
    entries: dict[int, list[ScoreEntry]] = {}
    for entry in ScoreEntry.objects.filter(sheet__scoring=scoring).select_related("sheet"):
        entries.setdefault(entry.sheet.unit_id, []).append(entry)
    units = scoring.sheets.values_list("unit_id", flat=True)
    return {unit_id: sheet_total(scoring.template, entries.get(unit_id, []), criteria) for unit_id in units}


def competition_ranks(values: dict[int, Decimal]) -> dict[int, int]:
    """Ranks with ties: equal totals share a place, and the next place is skipped (1, 1, 3)."""
    ordered = sorted(values.items(), key=lambda item: -item[1])
    ranks, previous, rank = {}, None, 0
    for position, (key, value) in enumerate(ordered, start=1):
        if value != previous:
            rank, previous = position, value
        ranks[key] = rank
    return ranks


# --- the scoring table ---------------------------------------------------------------------------


def _check_template_open(template: ScoreTemplate) -> None:
    if template.pk and template.is_locked:
        raise ValidationError(_("A cluster has started scoring with this table: it can no longer be changed. Copy "
                                "it to a new year instead."), code="locked")


def template_save(*, template: ScoreTemplate) -> ScoreTemplate:
    """The table's own facts. Its type, year and caps count in every total: fixed with the criteria."""
    if template.pk:
        _check_template_open(ScoreTemplate.objects.get(pk=template.pk))
    template.full_clean()
    template.save()
    return template


def template_delete(*, template: ScoreTemplate) -> None:
    """Only a table no cluster scores with (a scoring PROTECTs its table, this says why)."""
    _check_template_open(template)
    template.delete()


def group_save(*, group: CriterionGroup) -> CriterionGroup:
    _check_template_open(group.template)
    group.full_clean()
    group.save()
    return group


def group_delete(*, group: CriterionGroup) -> None:
    _check_template_open(group.template)
    group.delete()


def criterion_save(*, criterion: Criterion) -> Criterion:
    _check_template_open(criterion.template)
    if criterion.group_id is not None and criterion.group.template_id != criterion.template_id:
        raise ValidationError({"group": _("Choose a group of this table.")}, code="group")
    criterion.full_clean()
    criterion.save()
    return criterion


def criterion_delete(*, criterion: Criterion) -> None:
    _check_template_open(criterion.template)
    criterion.delete()


def template_copy(*, template: ScoreTemplate, year: int, title: str | None = None) -> ScoreTemplate:
    """The table carried forward to another year, to be edited there."""
    copy = ScoreTemplate(cluster_type=template.cluster_type, year=year, title=title or template.title, basis="",
                         bonus_cap=template.bonus_cap, penalty_cap=template.penalty_cap, copied_from=template)
    copy.full_clean()  # the type's table of that year may already exist: a message, not an IntegrityError
    with transaction.atomic():
        copy.save()
        groups = {}
        for group in template.groups.all():
            groups[group.pk] = CriterionGroup.objects.create(template=copy, order=group.order, code=group.code,
                                                             title=group.title)
        Criterion.objects.bulk_create([
            Criterion(template=copy, group=groups.get(c.group_id), order=c.order, code=c.code, title=c.title,
                      kind=c.kind, max_points=c.max_points, guidance=c.guidance,
                      evidence_required=c.evidence_required)
            for c in template.criteria.all()])
    return copy


# --- self-scoring --------------------------------------------------------------------------------


def scoring_start(*, cluster_year: ClusterYear, template: ScoreTemplate, deadline: datetime.date | None = None,
                  user=None) -> Scoring:
    """Open the cluster-year's scoring with `template`; one sheet per member. The table is fixed
    from now on."""
    if user is not None and not is_publisher(user):
        raise PermissionDenied
    if template.year != cluster_year.year:
        raise ValidationError(_("The table is for %(year)s.") % {"year": template.year}, code="year")
    if not template.cluster_type.clusters.filter(pk=cluster_year.cluster_id).exists():
        raise ValidationError(_("The table is not for this type of cluster."), code="type")
    if not template.criteria.filter(kind=CriterionKind.SCORED).exists():
        raise ValidationError(_("The table has no criteria yet."), code="empty")
    with transaction.atomic():
        scoring = Scoring.objects.create(cluster_year=cluster_year, template=template, deadline=deadline,
                                         is_sample=cluster_year.is_sample)
        ScoreSheet.objects.bulk_create([
            ScoreSheet(scoring=scoring, unit_id=unit_id)
            for unit_id in cluster_year.members.filter(is_provisional=False).values_list("unit_id", flat=True)])
    return scoring


def _check_limit(criterion: Criterion, points: Decimal | None) -> None:
    if points is None:
        return
    if points < 0:
        raise ValidationError(_("Points are never negative: a penalty is deducted."), code="negative")
    if points > criterion.max_points:
        message = {
            CriterionKind.SCORED: _("%(criterion)s: at most %(max)s points."),
            CriterionKind.BONUS: _("%(criterion)s: at most %(max)s bonus points."),
            CriterionKind.PENALTY: _("%(criterion)s: at most %(max)s penalty points."),
        }[criterion.kind]
        raise ValidationError(message % {"criterion": criterion, "max": _points(criterion.max_points)},
                              code="over_limit")


def _points(value: Decimal) -> str:
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:.2f}".rstrip("0")
    return text.replace(".", ",")


def entry_save(*, user, sheet: ScoreSheet, criterion: Criterion, points: Decimal | None, explanation: str = "",
               files: Iterable = ()) -> ScoreEntry:
    """A member's points on one criterion, with its explanation and evidence files."""
    if sheet.unit_id not in _officer_units(user):
        raise PermissionDenied
    scoring = sheet.scoring
    if scoring.state != ScoringState.SELF_SCORING:
        raise ValidationError(_("The leader has closed the compilation: scores can no longer be changed."),
                              code="closed")
    if sheet.state != SheetState.DRAFT:
        raise ValidationError(_("The self-score was submitted: it can no longer be changed."), code="submitted")
    if criterion.template_id != scoring.template_id:
        raise ValidationError(_("This criterion is not in the cluster's table."), code="criterion")
    _check_limit(criterion, points)
    with transaction.atomic():
        entry, _created = ScoreEntry.objects.get_or_create(sheet=sheet, criterion=criterion)
        entry.points, entry.explanation = points, explanation.strip()
        entry.full_clean()
        entry.save()
        for upload in files:
            evidence = Evidence(entry=entry, title=getattr(upload, "name", "")[:300], file=upload)
            evidence.full_clean()
            evidence.save()
    return entry


def sheet_submit(*, user, sheet: ScoreSheet) -> ScoreSheet:
    """Submit the self-score. Every criterion is scored (0 where nothing was done) and every one
    that asks for evidence has it; after the deadline it is accepted, marked late, until the
    leader closes the compilation."""
    if sheet.unit_id not in _officer_units(user):
        raise PermissionDenied
    with transaction.atomic():
        sheet = ScoreSheet.objects.select_for_update().select_related("scoring").get(pk=sheet.pk)
        if sheet.scoring.state != ScoringState.SELF_SCORING:
            raise ValidationError(_("The leader has closed the compilation: the self-score can no longer be "
                                    "submitted."), code="closed")
        if sheet.state != SheetState.DRAFT:
            raise ValidationError(_("The self-score is already submitted."), code="submitted")
        entries = {e.criterion_id: e for e in sheet.entries.prefetch_related("evidence")}
        problems = []
        for criterion in sheet.scoring.template.criteria.all():
            entry = entries.get(criterion.pk)
            if criterion.kind == CriterionKind.SCORED and (entry is None or entry.points is None):
                problems.append(_("%(criterion)s: give the points (0 where nothing was done).")
                                % {"criterion": criterion})
            elif (criterion.evidence_required and entry is not None and entry.points
                  and not entry.evidence.all()):
                problems.append(_("%(criterion)s: attach the evidence this criterion asks for.")
                                % {"criterion": criterion})
        if problems:
            raise ValidationError(problems, code="incomplete")
        now = timezone.now()
        sheet.state, sheet.submitted_at, sheet.submitted_by = SheetState.SUBMITTED, now, user
        deadline = sheet.scoring.deadline
        sheet.is_late = bool(deadline and timezone.localtime(now).date() > deadline)
        sheet.save()
    return sheet


# --- the leader's compilation ----------------------------------------------------------------------


def entry_adjust(*, user, entry: ScoreEntry, points: Decimal, reason: str) -> ScoreEntry:
    """The leader (or, for a correction, staff) changes a member's score, with a reason the member
    sees; every change is kept."""
    scoring = entry.sheet.scoring
    _require_leader(user, scoring)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the score is changed."), code="reason_required")
    open_states = {ScoringState.SELF_SCORING, ScoringState.CLOSED}
    if scoring.state not in open_states and not (is_publisher(user) and scoring.state == ScoringState.PUBLISHED):
        raise ValidationError(_("The compilation is ready for the meeting: scores are no longer adjusted."),
                              code="state")
    if ScoreSheet.objects.values_list("state", flat=True).get(pk=entry.sheet_id) != SheetState.SUBMITTED:
        # a draft is still the member's: an adjustment would silently override what it types next
        raise ValidationError(_("The member has not submitted this sheet yet: its scores are still the member's "
                                "to change."), code="draft")
    _check_limit(entry.criterion, points)
    with transaction.atomic():
        ScoreAdjustment.objects.create(entry=entry, by=user, old_points=entry.effective_points, new_points=points,
                                       reason=reason)
        entry.adjusted_points, entry.adjustment_reason = points, reason
        entry.save(update_fields=["adjusted_points", "adjustment_reason"])
    return entry


def criterion_adjust(*, user, sheet: ScoreSheet, criterion: Criterion, points: Decimal, reason: str) -> ScoreEntry:
    """The leader scores a criterion the member left blank (or changes one it scored): the entry
    is made empty and adjusted, so the change and its reason are kept like any other."""
    if criterion.template_id != sheet.scoring.template_id:
        raise ValidationError(_("This criterion is not in the cluster's table."), code="criterion")
    _require_leader(user, sheet.scoring)
    with transaction.atomic():  # a refused adjustment leaves no empty entry behind
        entry, _created = ScoreEntry.objects.get_or_create(sheet=sheet, criterion=criterion)
        return entry_adjust(user=user, entry=entry, points=points, reason=reason)


def _step(scoring: Scoring, user, allowed_from: set[str], to_state: str, **fields) -> Scoring:
    with transaction.atomic():
        current = Scoring.objects.select_for_update().get(pk=scoring.pk)
        if current.state not in allowed_from:
            raise ValidationError(_("This step is not possible now: the scoring is “%(state)s”.")
                                  % {"state": current.get_state_display()}, code="step")
        current.state = to_state
        for name, value in fields.items():
            setattr(current, name, value)
        current.save()
    scoring.refresh_from_db()
    return scoring


def compilation_close(*, user, scoring: Scoring) -> Scoring:
    """No more self-scores: a sheet still in draft stays out of the ranking."""
    _require_leader(user, scoring)
    return _step(scoring, user, {ScoringState.SELF_SCORING}, ScoringState.CLOSED, closed_at=timezone.now())


def compilation_ready(*, user, scoring: Scoring) -> Scoring:
    """Ready for the meeting: members now see the compilation side by side."""
    _require_leader(user, scoring)
    return _step(scoring, user, {ScoringState.CLOSED}, ScoringState.READY, ready_at=timezone.now(),
                 compiled_visible=True)


def submitted_totals(scoring: Scoring) -> dict[int, Total]:
    submitted = set(scoring.sheets.filter(state=SheetState.SUBMITTED).values_list("unit_id", flat=True))
    return {unit_id: total for unit_id, total in totals(scoring).items() if unit_id in submitted}


# --- the year-end meeting ------------------------------------------------------------------------


def meeting_rank(*, user, scoring: Scoring, meeting) -> list[Ranking]:
    """The ranking built from the totals at the year-end meeting, ties sharing a place."""
    _require_leader(user, scoring)
    if meeting.cluster_year_id != scoring.cluster_year_id or meeting.kind != MeetingKind.YEAR_END_REVIEW:
        raise ValidationError(_("Choose the year-end review meeting of this cluster-year."), code="meeting")
    if meeting.rankings.exists():
        raise ValidationError(_("This meeting already has a ranking."), code="ranked")
    figures = submitted_totals(scoring)
    if not figures:
        raise ValidationError(_("No member has submitted a self-score."), code="empty")
    ranks = competition_ranks({unit_id: total.total for unit_id, total in figures.items()})
    with transaction.atomic():
        _step(scoring, user, {ScoringState.READY}, ScoringState.RANKED, meeting=meeting)
        rows = [Ranking(meeting=meeting, unit_id=unit_id, rank=rank, score=figures[unit_id].total,
                        basis=RankBasis.SCORE) for unit_id, rank in sorted(ranks.items(), key=lambda i: i[1])]
        for row in rows:  # one save each: the change history (backoffice.audit) hears of every row
            row.save()
    return rows


def ranking_vote(*, user, scoring: Scoring, ranks: dict[int, int], basis: str, members_entitled: int | None,
                 members_present: int | None, votes_for: int | None) -> None:
    """The meeting's vote confirms the ranking or changes it; the basis and the counts are kept
    on each row, as the meetings app records them."""
    _require_leader(user, scoring)
    if scoring.state != ScoringState.RANKED or scoring.meeting_id is None:
        raise ValidationError(_("Build the ranking at the meeting first."), code="state")
    if scoring.dossier_id:
        # the filed dossier's lines were made from this ranking
        raise ValidationError(_("The proposals were filed from this ranking: the vote can no longer change."),
                              code="filed")
    if basis not in RankBasis.values or basis == RankBasis.SCORE:
        raise ValidationError(_("Say how the meeting decided."), code="basis")
    rows = {r.unit_id: r for r in scoring.meeting.rankings.all()}
    if set(ranks) != set(rows) or any(not isinstance(r, int) or r < 1 for r in ranks.values()):
        raise ValidationError(_("Give a place to every ranked unit."), code="ranks")
    for unit_id, row in rows.items():
        row.rank, row.basis = ranks[unit_id], basis
        row.members_entitled, row.members_present, row.votes_for = members_entitled, members_present, votes_for
        row.full_clean(exclude=["meeting", "unit"])
    with transaction.atomic():
        for row in rows.values():  # one save each, so the change history keeps every vote recorded
            row.save(update_fields=["rank", "basis", "members_entitled", "members_present", "votes_for"])


def final_ranks(scoring: Scoring) -> dict[int, int]:
    if scoring.meeting_id is None:
        return {}
    return dict(scoring.meeting.rankings.values_list("unit_id", "rank"))


def published_ranks(scoring: Scoring) -> dict[int, int]:
    """The ranks the latest published version holds (a correction may have changed the
    meeting's by the council's decision), else the meeting's."""
    latest = scoring.results.order_by("-version").first()
    if latest is None:
        return final_ranks(scoring)
    return dict(latest.rows.values_list("unit_id", "rank"))


def proposals(scoring: Scoring, ranks: dict[int, int] | None = None) -> tuple[list[int], list[int]]:
    """The unit or units ranked first (for the Cờ) and the next ones for a Bằng khen, as many as
    the type of cluster says (units tied with the last of them come along)."""
    ranks = final_ranks(scoring) if ranks is None else ranks
    if not ranks:
        return [], []
    ordered = sorted(ranks.items(), key=lambda item: item[1])
    first = [unit_id for unit_id, rank in ordered if rank == ordered[0][1]]
    rest = [(unit_id, rank) for unit_id, rank in ordered if unit_id not in first]
    count = scoring.template.cluster_type.certificate_count
    if not rest or count == 0:
        return first, []
    cutoff = rest[min(count, len(rest)) - 1][1]
    return first, [unit_id for unit_id, rank in rest if rank <= cutoff]


def proposals_file(*, user, scoring: Scoring):
    """The proposals become the cluster's nomination dossier, filed by the leader unit."""
    from nominations import services as nominations
    from nominations.models import DossierKind, NomineeLine

    _require_leader(user, scoring)
    if scoring.dossier_id:
        raise ValidationError(_("The proposals were already filed as a dossier."), code="filed")
    ranks = published_ranks(scoring)  # the council's, when a published correction changed the meeting's
    first, next_units = proposals(scoring, ranks)
    if not first:
        raise ValidationError(_("Build the ranking at the meeting first."), code="state")
    cluster_year = scoring.cluster_year
    leaders = leader_unit_ids(cluster_year) & (_officer_units(user) or leader_unit_ids(cluster_year))
    leader = cluster_year.members.filter(unit_id__in=leaders, role=Role.LEADER).select_related("unit").first()
    if leader is None:
        raise ValidationError(_("The cluster-year has no leader unit to file the dossier."), code="leader")
    awards = Award.objects.in_bulk([FLAG_AWARD, CERTIFICATE_AWARD], field_name="code")
    if len(awards) < 2:
        raise ValidationError(_("The award catalogue lacks the provincial flag or certificate of merit."),
                              code="catalogue")
    flag, certificate = awards[FLAG_AWARD], awards[CERTIFICATE_AWARD]
    units = {m.unit_id: m.unit for m in cluster_year.members.select_related("unit")}
    with transaction.atomic():
        dossier = nominations.dossier_create(
            user=user, unit=leader.unit, cluster=cluster_year.cluster, kind=DossierKind.REGULAR,
            achievement_year=cluster_year.year, is_sample=scoring.is_sample,
            summary=_("Proposals of the %(cluster)s from its ranking of %(year)s") % {
                "cluster": cluster_year.cluster, "year": cluster_year.year})
        for unit_id, award in [(u, flag) for u in first] + [(u, certificate) for u in next_units]:
            nominations.line_save(user=user, line=NomineeLine(
                dossier=dossier, subject_type="collective", collective=units[unit_id], name_text=units[unit_id].name,
                award=award, achievement_summary=_("Ranked %(rank)s in the %(cluster)s in %(year)s.") % {
                    "rank": ranks[unit_id], "cluster": cluster_year.cluster,
                    "year": cluster_year.year}))
        Scoring.objects.filter(pk=scoring.pk).update(dossier=dossier)
    scoring.refresh_from_db()
    return dossier


# --- publishing ------------------------------------------------------------------------------------


def publish(*, user, scoring: Scoring, reason: str = "", ranks: dict[int, int] | None = None) -> ScoringResult:
    """Publish the results as the next version. The first needs no reason; a correction does.

    A correction keeps the ranks last published, or sets new ones (`ranks`, every ranked unit a
    place) by the council's decision, which the version records; the proposals follow them."""
    if not is_publisher(user):
        raise PermissionDenied
    if scoring.state not in (ScoringState.RANKED, ScoringState.PUBLISHED):
        raise ValidationError(_("The results are published after the meeting's ranking."), code="state")
    reason = (reason or "").strip()
    kept = published_ranks(scoring)
    if ranks is not None and ranks != kept:
        if set(ranks) != set(kept) or any(not isinstance(r, int) or r < 1 for r in ranks.values()):
            raise ValidationError(_("Give a place to every ranked unit."), code="ranks")
        rank_basis = RankBasis.COUNCIL_DECISION
    else:
        ranks, rank_basis = kept, ""
    figures = submitted_totals(scoring)
    first, next_units = proposals(scoring, ranks)
    labels = {u: str(Award.objects.get(code=FLAG_AWARD)) for u in first}
    labels |= {u: str(Award.objects.get(code=CERTIFICATE_AWARD)) for u in next_units}
    with transaction.atomic():
        current = Scoring.objects.select_for_update().get(pk=scoring.pk)
        version = (current.results.aggregate(m=Max("version"))["m"] or 0) + 1
        if version > 1 and not reason:
            raise ValidationError(_("A correction of published results says why."), code="reason_required")
        if rank_basis and version == 1:
            raise ValidationError(_("The first version publishes the meeting's ranking; a correction may change "
                                    "it by the council's decision."), code="ranks")
        if rank_basis and current.dossier_id:
            # the filed dossier's lines were made from the ranks published so far
            raise ValidationError(_("The proposals were filed from this ranking: the ranks can no longer change."),
                                  code="filed")
        result = ScoringResult.objects.create(scoring=current, version=version, published_by=user, reason=reason,
                                              rank_basis=rank_basis)
        ResultRow.objects.bulk_create([
            ResultRow(result=result, unit_id=unit_id, rank=rank,
                      total=figures[unit_id].total if unit_id in figures else None,
                      proposed_for=labels.get(unit_id, ""))
            for unit_id, rank in ranks.items()])
        current.state = ScoringState.PUBLISHED
        current.save(update_fields=["state", "updated_at", "version"])
    scoring.refresh_from_db()
    return result
