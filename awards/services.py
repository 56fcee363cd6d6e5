"""Writes of the commendation records. Every rule on a decision's lines is checked here, once:

- authority (R5): the issuing authority must hold the power for that award and subject on the
  signing date, where rules of that date are loaded; where none are, a warning to confirm;
- duplicates (R8): the same subject cannot get the same award for the same achievement year
  twice (revoked lines excluded);
- prerequisites (R6): 3 consecutive CSTĐ cơ sở before CSTĐ cấp tỉnh, 2 consecutive CSTĐ cấp tỉnh
  before CSTĐ toàn quốc: a warning to confirm (records may be incomplete);
- the class is required iff the award has classes;
- the subject (and the issuing body) existed on the signing date: a warning.

A decision known only from a secondary source may have no signing date. Its lines get every
check that needs no date (subject, class, duplicates, prerequisites); the rules of a period
(authority, existence, cash) wait, and the decision carries a note that they were not checked
(`lines_unchecked`). Filling the date runs them over the whole list (decision_lines_recheck).

Refusals name the line ("Dòng 3: …") and nothing is saved. The checks read in a fixed number of
queries, whatever the number of lines, so an import of thousands of rows stays one request."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from clusters.models import Unit
from portal.core.cache import records_written
from portal.core.text import fold

from .models import (
    Award,
    AwardClass,
    AwardRule,
    AwardSubject,
    AwardType,
    BaseSalary,
    Decision,
    DecisionLine,
    RecordStatus,
    SubjectType,
)

GRASSROOTS_FIGHTER = "grassroots_emulation_fighter"
PROVINCIAL_FIGHTER = "provincial_emulation_fighter"
NATIONAL_FIGHTER = "national_emulation_fighter"


@dataclass(frozen=True)
class Problem:
    """A refusal or a warning, about one line (`index`, 0-based) or the whole decision (None)."""

    code: str
    message: str
    index: int | None = None

    @property
    def number(self) -> int | None:
        return None if self.index is None else self.index + 1

    def __str__(self) -> str:
        if self.index is None:
            return self.message
        return _("Line %(number)s: %(message)s") % {"number": self.number, "message": self.message}


@dataclass
class LineCheck:
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def errors_for(self, index: int) -> list[Problem]:
        return [p for p in self.errors if p.index == index]

    def warnings_for(self, index: int) -> list[Problem]:
        return [p for p in self.warnings if p.index == index]


class ConfirmationRequired(ValidationError):
    """Raised when warnings stand and the caller did not confirm them; `.warnings` lists them."""

    def __init__(self, warnings: Sequence[Problem]):
        self.warnings = list(warnings)
        super().__init__([str(w) for w in self.warnings], code="confirmation_required")


# --- reads the checks need ------------------------------------------------------------------------


def _subject_key(line: DecisionLine):
    if line.subject_type == SubjectType.INDIVIDUAL:
        return ("p", line.person_id) if line.person_id else None
    if line.subject_type == SubjectType.COLLECTIVE:
        return ("u", line.unit_id) if line.unit_id else None
    return ("h", line.household_id) if line.household_id else None


def _rules_on(day: datetime.date) -> list[AwardRule]:
    return list(AwardRule.objects.valid_on(day))


def _earlier_lines(*, lines: Sequence[DecisionLine], award_ids: set[int], years: Iterable[int],
                   exclude_decision_id: int | None):
    """In-force lines of in-force decisions for the same subjects, awards and years: one query."""
    subject_q = Q()
    persons = {ln.person_id for ln in lines if ln.person_id}
    units = {ln.unit_id for ln in lines if ln.unit_id}
    households = {ln.household_id for ln in lines if ln.household_id}
    if persons:
        subject_q |= Q(person_id__in=persons)
    if units:
        subject_q |= Q(unit_id__in=units)
    if households:
        subject_q |= Q(household_id__in=households)
    years = set(years)
    if not subject_q or not award_ids or not years:
        return []
    queryset = DecisionLine.objects.filter(
        subject_q, award_id__in=award_ids, decision__achievement_year__in=years,
        status=RecordStatus.IN_FORCE, decision__status=RecordStatus.IN_FORCE,
    )
    if exclude_decision_id:
        queryset = queryset.exclude(decision_id=exclude_decision_id)
    return list(queryset.values(
        "person_id", "unit_id", "household_id", "award_id", "decision__achievement_year",
        "decision__award_type", "decision__number_text",
    ))


def _key_of_row(row: dict):
    if row["person_id"]:
        return ("p", row["person_id"])
    if row["unit_id"]:
        return ("u", row["unit_id"])
    return ("h", row["household_id"])


def decision_lines_check(*, decision: Decision, lines: Sequence[DecisionLine]) -> LineCheck:
    """Check unsaved (or edited) lines against the rules, in validate-only mode: nothing is written.

    `decision` may be unsaved; its own saved lines are not counted as earlier awards (the lines
    given replace them). The order of `lines` gives the line numbers of the messages."""
    result = LineCheck()
    if decision.issuer_role_id is None:
        return result  # the decision form reports its own missing fields
    day = decision.signed_on  # None: the rules of a period are left for when the date is known

    awards = {a.pk: a for a in Award.objects.filter(pk__in={ln.award_id for ln in lines if ln.award_id})}
    class_award = dict(
        AwardClass.objects.filter(pk__in={ln.award_class_id for ln in lines if ln.award_class_id})
        .values_list("pk", "award_id")
    )
    rules = _rules_on(day) if day else []
    rules_loaded = bool(rules)
    powers = {(r.award_id, r.subject_type, r.issuer_role_id) for r in rules}
    awards_with_rules = {r.award_id for r in rules}

    if day and not rules_loaded:
        result.warnings.append(Problem(
            "no_rules_loaded",
            _("No award rules are loaded for %(date)s: the authority for each line cannot be checked. "
              "Confirm that the decision is lawful.") % {"date": f"{day:%d/%m/%Y}"},
        ))

    issuer_unit = decision.issuer_unit if decision.issuer_unit_id else None
    if day and issuer_unit and not _existed(issuer_unit, day):
        result.warnings.append(Problem(
            "issuer_not_existing",
            _("The issuing body %(unit)s did not exist on %(date)s.")
            % {"unit": issuer_unit, "date": f"{day:%d/%m/%Y}"},
        ))

    subject_units = {ln.unit_id for ln in lines if ln.unit_id} if day else set()
    units = Unit.objects.in_bulk(subject_units) if subject_units else {}

    year = decision.achievement_year
    seen: dict[tuple, int] = {}
    for index, line in enumerate(lines):
        award = awards.get(line.award_id)
        if award is None:
            result.errors.append(Problem("award_missing", _("choose an award."), index))
            continue
        _check_subject(result, index, line, award)
        _check_class(result, index, line, award, class_award)
        if rules_loaded and (award.pk, line.subject_type, decision.issuer_role_id) not in powers:
            if award.category == "custom" and award.pk not in awards_with_rules:
                result.warnings.append(Problem(
                    "custom_award_unchecked",
                    _("%(award)s is an honour outside the law with no rule loaded; confirm the authority.")
                    % {"award": award}, index,
                ))
            else:
                result.errors.append(Problem(
                    "no_authority",
                    _("%(issuer)s may not grant %(award)s to %(subject)s on %(date)s.") % {
                        "issuer": decision.issuer_role, "award": award,
                        "subject": _subject_label(line.subject_type), "date": f"{day:%d/%m/%Y}",
                    }, index,
                ))
        unit = units.get(line.unit_id)
        if unit and not _existed(unit, day):
            result.warnings.append(Problem(
                "subject_not_existing",
                _("%(unit)s did not exist on %(date)s.") % {"unit": unit, "date": f"{day:%d/%m/%Y}"}, index,
            ))
        key = _subject_key(line)
        if key and year:
            dup_key = (key, award.pk)
            if dup_key in seen:
                result.errors.append(Problem(
                    "duplicate_in_decision",
                    _("the same subject receives %(award)s twice in this list.") % {"award": award}, index,
                ))
            else:
                seen[dup_key] = index

    if year:
        _check_duplicates(result, decision, lines, awards)
        _check_prerequisites(result, decision, lines, awards)
    return result


def _existed(unit: Unit, day: datetime.date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= day) and (unit.valid_to is None or unit.valid_to >= day)


def _subject_label(value: str) -> str:
    return str(SubjectType(value).label) if value in SubjectType.values else "?"


def _check_subject(result: LineCheck, index: int, line: DecisionLine, award: Award) -> None:
    if not line.subject_type:
        result.errors.append(Problem(
            "subject_missing", _("say whether the subject is an individual, a collective or a household."), index
        ))
        return
    if _subject_key(line) is None:
        result.errors.append(Problem(
            "subject_missing",
            _("choose the %(subject)s this line awards.") % {"subject": _subject_label(line.subject_type)},
            index,
        ))
    if award.subject_type not in (AwardSubject.ANY, line.subject_type):
        result.errors.append(Problem(
            "subject_mismatch",
            _("%(award)s is granted to %(allowed)s only.")
            % {"award": award, "allowed": AwardSubject(award.subject_type).label},
            index,
        ))


def _check_class(result: LineCheck, index: int, line: DecisionLine, award: Award, class_award: dict) -> None:
    if award.has_classes and not line.award_class_id:
        result.errors.append(Problem("class_required", _("%(award)s needs a class (hạng).") % {"award": award}, index))
    elif not award.has_classes and line.award_class_id:
        result.errors.append(Problem("class_not_allowed", _("%(award)s has no classes.") % {"award": award}, index))
    elif line.award_class_id and class_award.get(line.award_class_id) != award.pk:
        result.errors.append(Problem("class_mismatch", _("this class belongs to another award."), index))


def _check_duplicates(result: LineCheck, decision: Decision, lines: Sequence[DecisionLine], awards: dict) -> None:
    """R8: one award per subject and achievement year. A merit award and an ad hoc one for a
    different feat in the same year are different achievements, so the type must match too."""
    earlier = _earlier_lines(lines=lines, award_ids=set(awards), years=[decision.achievement_year],
                             exclude_decision_id=decision.pk)
    found = {(_key_of_row(r), r["award_id"]): r["decision__number_text"]
             for r in earlier if r["decision__award_type"] == decision.award_type}
    for index, line in enumerate(lines):
        other = found.get((_subject_key(line), line.award_id))
        if other:
            result.errors.append(Problem(
                "duplicate", _("the same subject already received %(award)s for %(year)s in decision %(decision)s.")
                % {"award": awards[line.award_id], "year": decision.achievement_year, "decision": other}, index,
            ))


def _check_prerequisites(result: LineCheck, decision: Decision, lines: Sequence[DecisionLine], awards: dict) -> None:
    """R6 (Luật 2022 Điều 21–22). Only merit awards of in-force lines count; ad hoc and campaign
    awards do not (NĐ 152/2025 Điều 4). Historical records are incomplete, so a missing streak
    warns and asks for confirmation instead of refusing."""
    year = decision.achievement_year
    wanted = [(i, ln) for i, ln in enumerate(lines) if ln.person_id and ln.award_id in awards
              and awards[ln.award_id].code in (PROVINCIAL_FIGHTER, NATIONAL_FIGHTER)]
    if not wanted or decision.award_type != AwardType.MERIT:
        return
    codes = dict(Award.objects.filter(code__in=[GRASSROOTS_FIGHTER, PROVINCIAL_FIGHTER]).values_list("code", "pk"))
    held: dict[tuple[int, int], set[int]] = defaultdict(set)  # (person, award) -> achievement years
    rows = DecisionLine.objects.filter(
        person_id__in={ln.person_id for _i, ln in wanted}, award_id__in=codes.values(),
        award__counts_for_streak=True, decision__award_type=AwardType.MERIT,
        status=RecordStatus.IN_FORCE, decision__status=RecordStatus.IN_FORCE,
        decision__achievement_year__gte=year - 6, decision__achievement_year__lte=year,
    )
    if decision.pk:
        rows = rows.exclude(decision_id=decision.pk)
    for person_id, award_id, y in rows.values_list("person_id", "award_id", "decision__achievement_year"):
        held[(person_id, award_id)].add(y)
    for line in lines:  # titles in the same decision count too
        if line.person_id and line.award_id in codes.values():
            held[(line.person_id, line.award_id)].add(year)

    for index, line in wanted:
        code = awards[line.award_id].code
        if code == PROVINCIAL_FIGHTER:
            years = held[(line.person_id, codes.get(GRASSROOTS_FIGHTER))]
            if not {year - 2, year - 1, year} <= years:
                result.warnings.append(Problem(
                    "prerequisite", _("no record of Chiến sĩ thi đua cơ sở for 3 consecutive years %(a)s–%(b)s.")
                    % {"a": year - 2, "b": year}, index,
                ))
        else:
            # CSTĐ cấp tỉnh comes every few years: two of them, the later one in the
            # achievement year, within the last six years.
            years = held[(line.person_id, codes.get(PROVINCIAL_FIGHTER))]
            if len(years) < 2:
                result.warnings.append(Problem(
                    "prerequisite", _("no record of two consecutive Chiến sĩ thi đua cấp tỉnh titles before %(year)s.")
                    % {"year": year}, index,
                ))


# --- cash --------------------------------------------------------------------------------------


def _cash_rules(decision: Decision) -> tuple[dict, int | None]:
    if decision.signed_on is None:
        return {}, None  # the multiplier and the base salary depend on the date: unknown until it is
    rules = AwardRule.objects.valid_on(decision.signed_on).filter(issuer_role_id=decision.issuer_role_id)
    multipliers = {(r.award_id, r.subject_type): r.cash_multiplier for r in rules}
    salary = BaseSalary.on(decision.signed_on)
    return multipliers, (salary.amount if salary else None)


def cash_amount(multiplier: Decimal | None, base: int | None) -> int | None:
    """Multiplier × base salary, rounded to the đồng."""
    if multiplier is None or base is None:
        return None
    return int((Decimal(multiplier) * Decimal(base)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def _derive_cash(lines: Sequence[DecisionLine], multipliers: dict, base: int | None) -> None:
    for line in lines:
        line.cash_multiplier = multipliers.get((line.award_id, line.subject_type))
        line.base_salary = base if line.cash_multiplier is not None else None
        line.cash_amount = cash_amount(line.cash_multiplier, line.base_salary)


# --- writes ------------------------------------------------------------------------------------


def _raise_refusals(check: LineCheck) -> None:
    if check.errors:
        raise ValidationError([str(p) for p in check.errors], code="refused")


def _prepare(lines: Iterable[DecisionLine | dict]) -> list[DecisionLine]:
    return [ln if isinstance(ln, DecisionLine) else DecisionLine(**ln) for ln in lines]


def decision_issue(*, lines: Iterable[DecisionLine | dict], confirm: bool = False, based_on=(),
                   **fields) -> Decision:
    """Record a decision with its attached list, in one transaction, or nothing at all.

    Raises ValidationError (refusals naming the line), or ConfirmationRequired (with `.warnings`)
    when warnings stand and `confirm` is false."""
    decision = Decision(**fields)
    lines = _prepare(lines)
    with transaction.atomic():
        decision.full_clean()
        check = decision_lines_check(decision=decision, lines=lines)
        _raise_refusals(check)
        if check.warnings and not confirm:
            raise ConfirmationRequired(check.warnings)
        decision.lines_unchecked = decision.signed_on is None
        decision.save()
        if based_on:
            decision.based_on.set(based_on)
        _save_lines(decision, lines, start=1)
    return decision


def decision_save_lines(*, decision: Decision, lines: Iterable[DecisionLine | dict], confirm: bool = False,
                        replace: bool = False) -> list[DecisionLine]:
    """Add lines to a saved decision (or replace its list), checked together with the lines it
    keeps. Same refusals and confirmation as decision_issue."""
    lines = _prepare(lines)
    with transaction.atomic():
        kept = [] if replace else list(decision.lines.all())
        check = decision_lines_check(decision=decision, lines=kept + lines)
        # the kept lines were accepted before: report only on the new ones, numbered after them
        _raise_refusals(check)
        if check.warnings and not confirm:
            raise ConfirmationRequired(check.warnings)
        if replace:
            decision.lines.all().delete()
        start = max((ln.order for ln in kept), default=0) + 1
        saved = _save_lines(decision, lines, start=start)
        if decision.signed_on and decision.lines_unchecked:
            _mark_checked(decision)  # the whole list was just checked with the date
        return saved


def _save_lines(decision: Decision, lines: list[DecisionLine], *, start: int) -> list[DecisionLine]:
    multipliers, base = _cash_rules(decision)
    _derive_cash(lines, multipliers, base)
    for offset, line in enumerate(lines):
        line.decision = decision
        if not line.order:
            line.order = start + offset
        line.search_text = fold(line.name_text)  # bulk_create skips save()
    saved = DecisionLine.objects.bulk_create(lines, batch_size=500)
    records_written()  # bulk_create sends no signal: cached statistics must still go
    return saved


def decision_lines_refresh(*, decision: Decision) -> int:
    """After an admin edit: re-derive the cash of every line and number the unnumbered ones.
    Returns how many lines changed."""
    lines = list(decision.lines.order_by("order", "pk"))
    multipliers, base = _cash_rules(decision)
    before = [(ln.cash_multiplier, ln.base_salary, ln.cash_amount, ln.order) for ln in lines]
    _derive_cash(lines, multipliers, base)
    next_number = max((ln.order for ln in lines), default=0) + 1
    for line in lines:
        if not line.order:
            line.order, next_number = next_number, next_number + 1
    changed = [ln for ln, old in zip(lines, before, strict=True)
               if (ln.cash_multiplier, ln.base_salary, ln.cash_amount, ln.order) != old]
    DecisionLine.objects.bulk_update(changed, ["cash_multiplier", "base_salary", "cash_amount", "order"],
                                     batch_size=500)
    if changed:
        records_written()
    return len(changed)


def _mark_checked(decision: Decision) -> None:
    decision.lines_unchecked = False
    Decision.objects.filter(pk=decision.pk).update(lines_unchecked=False)


def decision_lines_recheck(*, decision: Decision, confirm: bool = False) -> LineCheck:
    """Check every saved line of a decision against the rules of its signing date, as for a new
    decision, and clear the note that they were not checked.

    For a decision recorded without a date, once staff fill it. Refuses (ValidationError naming
    the line) or asks for confirmation (ConfirmationRequired) like decision_issue; the note stays
    then. Without a date there is nothing to check: the note is set."""
    if decision.signed_on is None:
        if not decision.lines_unchecked:
            decision.lines_unchecked = True
            Decision.objects.filter(pk=decision.pk).update(lines_unchecked=True)
        return LineCheck()
    check = decision_lines_check(decision=decision, lines=list(decision.lines.order_by("order", "pk")))
    _raise_refusals(check)
    if check.warnings and not confirm:
        raise ConfirmationRequired(check.warnings)
    if decision.lines_unchecked:
        _mark_checked(decision)
    return check


def decision_change(*, decision: Decision, confirm: bool = False) -> Decision:
    """Save edits to a recorded decision's own fields (its list is changed by decision_save_lines).

    When the edit gives an undated decision its signing date, its whole list is checked against
    the rules of that date first: refused or unconfirmed, nothing is saved. The cash of every line
    follows the date."""
    with transaction.atomic():
        decision.full_clean()
        decision.save()
        if decision.signed_on and decision.lines_unchecked:
            decision_lines_recheck(decision=decision, confirm=confirm)
        decision_lines_refresh(decision=decision)
    return decision


def decision_revoke(*, decision: Decision, revoked_by: Decision | None, revoked_on: datetime.date) -> Decision:
    """R11: a revoked decision and its lines stay on record (and public, marked), out of statistics."""
    with transaction.atomic():
        decision.status = RecordStatus.REVOKED
        decision.revoked_by = revoked_by
        decision.revoked_on = revoked_on
        decision.full_clean()
        decision.save()
        decision.lines.update(status=RecordStatus.REVOKED, revoked_by=revoked_by)
        records_written()
    return decision
