"""A dossier's nominee lines checked by the rules decisions are checked by (awards.rules): the
same refusals and warnings (authority, standards, prerequisites, duplicates), judged by the rules
in force on the dossier's submission date (today for a draft), as if the authority it is addressed
to signed it that day. State awards are proposed onward: they are checked against the authority
that holds them. Nothing is written here."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import AwardLevel, AwardRule, Decision, DecisionLine, SubjectType
from awards.rules import LineCheck, Problem, decision_lines_check
from portal.core.text import fold

from .models import Dossier, DossierState, NomineeLine

CLOSED = (DossierState.DRAFT, DossierState.DECIDED, DossierState.NOT_APPROVED)


def rules_day(dossier: Dossier) -> datetime.date:
    if dossier.submitted_at:
        return timezone.localtime(dossier.submitted_at).date()
    return timezone.localdate()


def as_decision_line(line: NomineeLine, stand_in: int) -> DecisionLine:
    """The decision line a nominee line would become. A nominee not yet matched to a record gets
    a stand-in negative id, so the checks see a subject with no earlier awards."""
    subject = {SubjectType.INDIVIDUAL: ("person_id", line.person_id),
               SubjectType.COLLECTIVE: ("unit_id", line.collective_id),
               SubjectType.HOUSEHOLD: ("household_id", line.household_id)}[line.subject_type]
    result = DecisionLine(
        subject_type=line.subject_type, name_text=line.name_text, title_text=line.title_text,
        unit_text=line.unit_text, award_id=line.award_id, award_class_id=line.award_class_id,
        organisation_id=line.organisation_id, person_category=line.person_category, gender=line.gender,
        is_small_collective=line.is_small_collective, is_enterprise=line.is_enterprise,
        posthumous=line.posthumous, member_count=line.member_count,
        advanced_worker_share=line.advanced_worker_share, confirmation_reason=line.confirmation_reason,
        reason=line.achievement_summary,
    )
    setattr(result, subject[0], subject[1] or -stand_in)
    return result


def _stand_ins(lines: Sequence[NomineeLine]) -> list[int]:
    keys: dict = {}
    return [keys.setdefault((ln.subject_type, fold(ln.name_text), ln.organisation_id or fold(ln.unit_text)),
                            len(keys) + 1) for ln in lines]


def dossier_lines_check(dossier: Dossier, lines: Sequence[NomineeLine] | None = None) -> LineCheck:
    """Problems of `lines` (the dossier's, by default), each indexed by its place in `lines`."""
    if lines is None:
        lines = list(dossier.lines.select_related("award").order_by("order", "pk"))
    result = LineCheck()
    if not lines:
        return result
    day = rules_day(dossier)
    state_award_ids = {ln.award_id for ln in lines if ln.award.level == AwardLevel.STATE}
    holders: dict[tuple, int] = {}
    if state_award_ids:
        for rule in AwardRule.objects.valid_on(day).filter(award_id__in=state_award_ids).select_related(
                "issuer_role").order_by("issuer_role__order"):
            holders.setdefault((rule.award_id, rule.subject_type), rule.issuer_role_id)
    groups: dict[int, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        role = holders.get((line.award_id, line.subject_type), dossier.addressed_role_id)
        groups[role].append(index)
    stand_ins = _stand_ins(lines)
    for role_id, indexes in groups.items():
        decision = Decision(
            issuer_role_id=role_id, issuer_unit_id=dossier.addressed_unit_id if role_id == dossier.addressed_role_id
            else None, signed_on=day, achievement_year=dossier.achievement_year, award_type=dossier.award_type,
            movement_id=dossier.movement_id,
        )
        check = decision_lines_check(decision=decision,
                                     lines=[as_decision_line(lines[i], stand_ins[i]) for i in indexes])
        for problem in check.errors:
            result.errors.append(_reindex(problem, indexes))
        for problem in check.warnings:
            result.warnings.append(_reindex(problem, indexes))
    _check_other_dossiers(result, dossier, lines)
    return result


def _reindex(problem: Problem, indexes: list[int]) -> Problem:
    if problem.index is None:
        return problem
    return Problem(problem.code, problem.message, indexes[problem.index], problem.basis, problem.needs_reason)


def _check_other_dossiers(result: LineCheck, dossier: Dossier, lines: Sequence[NomineeLine]) -> None:
    """R8 across dossiers: the same nominee proposed for the same award and year in another dossier
    still in the office's hands (a warning: the office decides which stands)."""
    names = {fold(ln.name_text) for ln in lines}
    others = (NomineeLine.objects.filter(dossier__achievement_year=dossier.achievement_year,
                                         award_id__in={ln.award_id for ln in lines})
              .filter(Q(search_text__in=names) | Q(person_id__in={ln.person_id for ln in lines if ln.person_id}))
              .exclude(dossier__state__in=CLOSED).exclude(dossier_id=dossier.pk)
              .values_list("search_text", "person_id", "award_id", "dossier__unit__name"))
    seen_name = {(text, award): unit for text, _person, award, unit in others}
    seen_person = {(person, award): unit for _text, person, award, unit in others if person}
    for index, line in enumerate(lines):
        unit = seen_person.get((line.person_id, line.award_id)) if line.person_id else None
        unit = unit or seen_name.get((fold(line.name_text), line.award_id))
        if unit:
            result.warnings.append(Problem(
                "R8.duplicate-proposal",
                _("%(name)s is also proposed for %(award)s in a dossier of %(unit)s.") % {
                    "name": line.name_text, "award": line.award, "unit": unit}, index,
                basis="Luật Thi đua, khen thưởng 06/2022/QH15, Điều 5"))
