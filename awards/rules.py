"""The rules a decision's lines are checked against (domain.md §3 and §4), read-only: nothing is
written here. The rule service (services.py) runs `decision_lines_check` before every write; the
admin, the import and the back office run it too, to show the same problems before saving.

- the line itself (§4): the subject the database's constraints require, said as messages
  (DecisionLine.subject_errors, one validation for every path), an award, a subject kind;
- authority (R5): the issuing authority must hold the power for that award and subject on the
  signing date, where rules of that date are loaded (a warning to confirm where none are); its
  role must fit the issuing body's administrative level; the class is required iff the award
  has classes;
- standards and prerequisites (R6), dated rows of `Standard`: streaks of earlier titles,
  Lao động tiên tiến of the same year, the share of members who are Lao động tiên tiến, a quota,
  the provincial flag only to the unit ranked first in its cluster or bloc. Records before the
  portal are incomplete: these warn and ask for confirmation, never refuse; some (a flag against
  the ranking) ask for a reason recorded on the line;
- duplicates (R8): the same subject cannot get the same award for the same achievement year
  twice (revoked lines excluded);
- existence (§4): the subject and the issuing body existed on the signing date (a warning).

A decision known only from a secondary source may have no signing date. Its lines get every
check that needs no date; the rules of a period (authority, existence, cash) wait, and the
standards are those in force at the end of its achievement year.

Every problem has a stable rule code (RULES below; docs/rules.md lists each with its tests) and
names its basis. The checks read in a fixed number of queries, whatever the number of lines."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from clusters.models import AdministrativeLevel, ClusterMember, Unit

from .models import (
    Award,
    AwardClass,
    AwardRule,
    AwardSubject,
    AwardType,
    Decision,
    DecisionLine,
    RecordStatus,
    Standard,
    StandardKind,
    SubjectType,
)

LAW_2022 = "Luật Thi đua, khen thưởng 06/2022/QH15"

# Every code a refusal or a warning can carry, with the rule of domain.md it belongs to. The
# R6 codes are those of the Standard rows (migration 0007); the flag's situations add a suffix.
RULES = {
    "D4.award-missing": "§4", "D4.subject-kind-missing": "§4", "D4.line": "§4",
    "D4.subject-not-existing": "§4", "D4.issuer-not-existing": "§4",
    "R5.no-rules-loaded": "R5", "R5.no-authority": "R5", "R5.custom-award-unchecked": "R5",
    "R5.subject-kind": "R5", "R5.class-required": "R5", "R5.class-not-allowed": "R5", "R5.class-mismatch": "R5",
    "R5.issuer-level": "R5", "R5.issuer-level-unknown": "R5",
    "R6.cstd-tinh-streak": "R6", "R6.cstd-toan-quoc-streak": "R6", "R6.cstdcs-ldtt": "R6",
    "R6.ttldtt-share": "R6", "R6.ttldxs-share": "R6", "R6.cstdcs-quota": "R6",
    "R6.co-tinh.no-cluster": "R6", "R6.co-tinh.no-ranking": "R6", "R6.co-tinh.not-first": "R6",
    "R6.co-tinh.second": "R6",
    "R8.duplicate-in-decision": "R8", "R8.duplicate": "R8",
    "R8.duplicate-proposal": "R8",  # emitted by nominations.checks, across dossiers
    "R11.revoked-decision-closed": "R11", "R11.revoked-line-kept": "R11", "R11.revoked-before-signed": "R11",
    "R11.revoker-signed-later": "R11", "R11.revocation-basis-required": "R11", "R11.revocation-final": "R11",
    "R11.line-already-revoked": "R11", "R11.revoker-is-revoked": "R11",
}
DUPLICATE_BASIS = f"{LAW_2022}, Điều 5"
REVOCATION_BASIS = f"{LAW_2022}, Điều 93, khoản 2"
# the fields of a decision the checks read: a change to any of them re-checks the whole list
RULE_FIELDS = ("signed_on", "issuer_role_id", "issuer_unit_id", "achievement_year", "award_type")


@dataclass(frozen=True)
class Problem:
    """A refusal or a warning, about one line (`index`, 0-based) or the whole decision (None).

    `basis` names the legal text it rests on; `needs_reason`: confirming it takes a reason
    written on the line (DecisionLine.confirmation_reason)."""

    code: str
    message: str
    index: int | None = None
    basis: str = ""
    needs_reason: bool = False

    @property
    def number(self) -> int | None:
        return None if self.index is None else self.index + 1

    @property
    def text(self) -> str:
        """The message with its rule code and basis, as every screen shows it."""
        message = self.message
        if self.needs_reason:
            message = _("%(message)s Confirming it needs a reason, written on the line.") % {"message": message}
        if self.basis:
            return _("%(message)s (rule %(code)s; basis: %(basis)s)") % {
                "message": message, "code": self.code, "basis": self.basis}
        return _("%(message)s (rule %(code)s)") % {"message": message, "code": self.code}

    def __str__(self) -> str:
        if self.index is None:
            return self.text
        return _("Line %(number)s: %(message)s") % {"number": self.number, "message": self.text}


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

    def unreasoned(self, lines: Sequence[DecisionLine]) -> list[Problem]:
        """Warnings that need a reason on a line that gives none."""
        return [p for p in self.warnings if p.needs_reason and p.index is not None
                and not (lines[p.index].confirmation_reason or "").strip()]


class ConfirmationRequired(ValidationError):
    """Raised when warnings stand and the caller did not confirm them (or gave no reason where one
    is needed); `.warnings` lists them."""

    def __init__(self, warnings: Sequence[Problem]):
        self.warnings = list(warnings)
        super().__init__([str(w) for w in self.warnings], code="confirmation_required")


def refusal(code: str, message: str, *, basis: str = "") -> ValidationError:
    """A refusal of a write that is not about one line (R11), with its code and basis."""
    return ValidationError(Problem(code, message, basis=basis).text, code=code)


def require_confirmation(check: LineCheck, lines: Sequence[DecisionLine], *, confirm: bool) -> None:
    """Raise unless every warning is confirmed, and every one that needs a reason has it."""
    if check.warnings and not confirm:
        raise ConfirmationRequired(check.warnings)
    missing = check.unreasoned(lines)
    if missing:
        raise ConfirmationRequired(missing)


def raise_refusals(check: LineCheck) -> None:
    if check.errors:
        raise ValidationError([str(p) for p in check.errors], code="refused")


# --- small helpers ---------------------------------------------------------------------------------


def _subject_key(line: DecisionLine):
    if line.subject_type == SubjectType.INDIVIDUAL:
        return ("p", line.person_id) if line.person_id else None
    if line.subject_type == SubjectType.COLLECTIVE:
        return ("u", line.unit_id) if line.unit_id else None
    return ("h", line.household_id) if line.household_id else None


def _key_of_row(row: dict):
    if row["person_id"]:
        return ("p", row["person_id"])
    if row["unit_id"]:
        return ("u", row["unit_id"])
    return ("h", row["household_id"])


def _existed(unit: Unit, day: datetime.date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= day) and (unit.valid_to is None or unit.valid_to >= day)


def _subject_label(value: str) -> str:
    return str(SubjectType(value).label) if value in SubjectType.values else "?"


def _date(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


def _percent(value: Decimal) -> str:
    """52,5 % the Vietnamese way; whole numbers without decimals."""
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:.2f}".rstrip("0")
    return text.replace(".", ",") + "\u00a0%"


def _in_force(queryset):
    # a withdrawn decision (entered by mistake) grants nothing toward a later title
    return queryset.filter(status=RecordStatus.IN_FORCE, decision__status=RecordStatus.IN_FORCE,
                           decision__withdrawn_at__isnull=True)


# --- the check -----------------------------------------------------------------------------------


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
    rules = list(AwardRule.objects.valid_on(day)) if day else []
    powers = {(r.award_id, r.subject_type, r.issuer_role_id) for r in rules}
    awards_with_rules = {r.award_id for r in rules}

    if day and not rules:
        result.warnings.append(Problem(
            "R5.no-rules-loaded",
            _("No award rules are loaded for %(date)s: the authority for each line cannot be checked. "
              "Confirm that the decision is lawful.") % {"date": _date(day)},
        ))
    _check_issuer(result, decision, day, rules)

    subject_units = {ln.unit_id for ln in lines if ln.unit_id} if day else set()
    units = Unit.objects.in_bulk(subject_units) if subject_units else {}

    year = decision.achievement_year
    seen: dict[tuple, int] = {}
    for index, line in enumerate(lines):
        for messages in line.subject_errors().values():
            for message in messages:
                result.errors.append(Problem("D4.line", message, index))
        award = awards.get(line.award_id)
        if award is None:
            result.errors.append(Problem("D4.award-missing", _("choose an award."), index))
            continue
        _check_subject(result, index, line, award)
        _check_class(result, index, line, award, class_award)
        if rules and line.subject_type and (award.pk, line.subject_type, decision.issuer_role_id) not in powers:
            if award.category == "custom" and award.pk not in awards_with_rules:
                result.warnings.append(Problem(
                    "R5.custom-award-unchecked",
                    _("%(award)s is an honour outside the law with no rule loaded; confirm the authority.")
                    % {"award": award}, index,
                ))
            else:
                holders = sorted({r.legal_basis for r in rules
                                  if r.award_id == award.pk and r.subject_type == line.subject_type})
                own = sorted({r.legal_basis for r in rules if r.issuer_role_id == decision.issuer_role_id})
                result.errors.append(Problem(
                    "R5.no-authority",
                    _("%(issuer)s may not grant %(award)s to %(subject)s on %(date)s.") % {
                        "issuer": decision.issuer_role, "award": award,
                        "subject": _subject_label(line.subject_type), "date": _date(day),
                    }, index, basis="; ".join(holders or own),
                ))
        unit = units.get(line.unit_id)
        if unit and not _existed(unit, day):
            result.warnings.append(Problem(
                "D4.subject-not-existing",
                _("%(unit)s did not exist on %(date)s.") % {"unit": unit, "date": _date(day)}, index,
            ))
        key = _subject_key(line)
        if key and year:
            dup_key = (key, award.pk)
            if dup_key in seen:
                result.errors.append(Problem(
                    "R8.duplicate-in-decision",
                    _("the same subject receives %(award)s twice in this list.") % {"award": award}, index,
                    basis=DUPLICATE_BASIS,
                ))
            else:
                seen[dup_key] = index

    if year:
        _check_duplicates(result, decision, lines, awards)
        standards_day = day or datetime.date(year, 12, 31)
        _check_standards(result, decision, lines, awards, standards_day)
    return result


def _check_issuer(result: LineCheck, decision: Decision, day, rules: list[AwardRule]) -> None:
    """R5: the authority signs for a body of its administrative level (a commune chair does not
    sign for the provincial People's Committee), and the body existed on the day."""
    issuer_unit = decision.issuer_unit if decision.issuer_unit_id else None
    if issuer_unit is None:
        return
    if day and not _existed(issuer_unit, day):
        result.warnings.append(Problem(
            "D4.issuer-not-existing",
            _("The issuing body %(unit)s did not exist on %(date)s.") % {"unit": issuer_unit, "date": _date(day)},
        ))
    role = decision.issuer_role
    basis = "; ".join(sorted({r.legal_basis for r in rules if r.issuer_role_id == role.pk}))
    wanted, actual = role.admin_level, issuer_unit.admin_level
    if wanted == actual:
        return
    if wanted and not actual:
        # empty: a department, or a People's Committee whose level nobody recorded yet
        result.warnings.append(Problem(
            "R5.issuer-level-unknown",
            _("The administrative level of %(unit)s is not recorded: confirm that %(role)s signs for it, or "
              "record its level.") % {"unit": issuer_unit, "role": role}, basis=basis,
        ))
        return
    values = {"role": role, "unit": issuer_unit, "actual": AdministrativeLevel(actual).label,
              "wanted": AdministrativeLevel(wanted).label if wanted else ""}
    if wanted:
        message = _("%(role)s signs for a body of %(wanted)s level, not for %(unit)s (%(actual)s level).")
    else:
        message = _("%(role)s does not sign for a local government body such as %(unit)s (%(actual)s level).")
    result.errors.append(Problem("R5.issuer-level", message % values, basis=basis))


def _check_subject(result: LineCheck, index: int, line: DecisionLine, award: Award) -> None:
    if not line.subject_type:
        result.errors.append(Problem(
            "D4.subject-kind-missing", _("say whether the subject is an individual, a collective or a household."),
            index,
        ))
        return
    if award.subject_type not in (AwardSubject.ANY, line.subject_type):
        result.errors.append(Problem(
            "R5.subject-kind",
            _("%(award)s is granted to %(allowed)s only.")
            % {"award": award, "allowed": AwardSubject(award.subject_type).label},
            index, basis=award.legal_basis,
        ))


def _check_class(result: LineCheck, index: int, line: DecisionLine, award: Award, class_award: dict) -> None:
    if award.has_classes and not line.award_class_id:
        result.errors.append(Problem(
            "R5.class-required", _("%(award)s needs a class (hạng).") % {"award": award}, index,
            basis=award.legal_basis))
    elif not award.has_classes and line.award_class_id:
        result.errors.append(Problem(
            "R5.class-not-allowed", _("%(award)s has no classes.") % {"award": award}, index, basis=award.legal_basis))
    elif line.award_class_id and class_award.get(line.award_class_id) != award.pk:
        result.errors.append(Problem("R5.class-mismatch", _("this class belongs to another award."), index))


def _check_duplicates(result: LineCheck, decision: Decision, lines: Sequence[DecisionLine], awards: dict) -> None:
    """R8: one award per subject and achievement year. A merit award and an ad hoc one for a
    different feat in the same year are different achievements, so the type must match too."""
    earlier = _earlier_lines(lines=lines, award_ids=set(awards), years=[decision.achievement_year],
                             exclude_decision_id=decision.pk)
    found = {(_key_of_row(r), r["award_id"]): r["decision__number_text"] or str(_("number unknown"))
             for r in earlier if r["decision__award_type"] == decision.award_type}
    for index, line in enumerate(lines):
        other = found.get((_subject_key(line), line.award_id))
        if other:
            result.errors.append(Problem(
                "R8.duplicate", _("the same subject already received %(award)s for %(year)s in decision %(decision)s.")
                % {"award": awards[line.award_id], "year": decision.achievement_year, "decision": other}, index,
                basis=DUPLICATE_BASIS,
            ))


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
    queryset = _in_force(DecisionLine.objects.filter(subject_q, award_id__in=award_ids,
                                                     decision__achievement_year__in=years))
    if exclude_decision_id:
        queryset = queryset.exclude(decision_id=exclude_decision_id)
    return list(queryset.values(
        "person_id", "unit_id", "household_id", "award_id", "decision__achievement_year",
        "decision__award_type", "decision__number_text",
    ))


# --- R6: standards and prerequisites, read from the dated Standard rows -------------------------


def _check_standards(result: LineCheck, decision: Decision, lines: Sequence[DecisionLine], awards: dict,
                     day: datetime.date) -> None:
    award_ids = {ln.award_id for ln in lines if ln.award_id in awards}
    standards = list(Standard.objects.valid_on(day).filter(award_id__in=award_ids, is_enabled=True)
                     .select_related("award", "required_award"))
    if not standards:
        return
    by_kind = defaultdict(list)
    for standard in standards:
        by_kind[standard.kind].append(standard)
    if by_kind[StandardKind.STREAK] or by_kind[StandardKind.SAME_YEAR]:
        _check_titles_held(result, decision, lines, by_kind[StandardKind.STREAK] + by_kind[StandardKind.SAME_YEAR])
    for standard in by_kind[StandardKind.MEMBER_SHARE]:
        _check_member_share(result, lines, standard)
    for standard in by_kind[StandardKind.QUOTA]:
        _check_quota(result, decision, lines, standard)
    for standard in by_kind[StandardKind.LEADS_CLUSTER]:
        _check_leads_cluster(result, decision, lines, standard)


def _check_titles_held(result: LineCheck, decision: Decision, lines: Sequence[DecisionLine],
                       standards: list[Standard]) -> None:
    """Streaks (3 consecutive CSTĐ cơ sở before CSTĐ cấp tỉnh; 2 consecutive CSTĐ cấp tỉnh, the
    later in the achievement year, before CSTĐ toàn quốc) and a title of the same year (LĐTT
    before CSTĐ cơ sở), in one query. Only merit titles of in-force lines count toward a streak:
    ad hoc and campaign awards do not (NĐ 152/2025 Điều 4); any Lao động tiên tiến of the year
    counts for the same-year standard."""
    year = decision.achievement_year
    by_award = defaultdict(list)
    for standard in standards:
        by_award[standard.award_id].append(standard)
    wanted = [(i, ln) for i, ln in enumerate(lines) if ln.person_id and ln.award_id in by_award]
    if not wanted:
        return
    if decision.award_type != AwardType.MERIT:
        # an ad hoc or campaign award needs no lower award first (NĐ 152/2025 Điều 4)
        return
    required = {s.required_award_id for s in standards}
    span = max((s.count or 1) * (s.max_gap_years or 1) for s in standards)
    # (person, award) -> achievement years: merit titles (what a streak counts), and any title
    merit: dict[tuple[int, int], set[int]] = defaultdict(set)
    held: dict[tuple[int, int], set[int]] = defaultdict(set)
    rows = _in_force(DecisionLine.objects.filter(
        person_id__in={ln.person_id for _i, ln in wanted}, award_id__in=required,
        decision__achievement_year__gte=year - span, decision__achievement_year__lte=year,
    ))
    if decision.pk:
        rows = rows.exclude(decision_id=decision.pk)
    for person_id, award_id, y, award_type, counts in rows.values_list(
            "person_id", "award_id", "decision__achievement_year", "decision__award_type",
            "award__counts_for_streak"):
        held[(person_id, award_id)].add(y)
        if award_type == AwardType.MERIT and counts:
            merit[(person_id, award_id)].add(y)
    for line in lines:  # titles in the same decision count too (it is a merit decision here)
        if line.person_id and line.award_id in required:
            held[(line.person_id, line.award_id)].add(year)
            merit[(line.person_id, line.award_id)].add(year)

    for index, line in wanted:
        for standard in by_award[line.award_id]:
            key = (line.person_id, standard.required_award_id)
            if standard.kind == StandardKind.SAME_YEAR:
                if year not in held[key]:
                    result.warnings.append(Problem(
                        standard.code,
                        _("no record of %(title)s for %(year)s; it is often granted outside the portal: confirm "
                          "that the person holds it.") % {"title": standard.required_award, "year": year},
                        index, basis=standard.legal_basis,
                    ))
            elif _streak(merit[key], year, standard.max_gap_years) < standard.count:
                result.warnings.append(Problem(
                    standard.code,
                    _("no record of %(count)s consecutive %(title)s titles, the last for %(year)s.")
                    % {"count": standard.count, "title": standard.required_award, "year": year},
                    index, basis=standard.legal_basis,
                ))


def _streak(years: set[int], last: int, max_gap: int) -> int:
    """How many consecutive titles end with one for `last`: each at most `max_gap` years after
    the one before it (1 for a yearly title, 3 for one given on a three-year cycle)."""
    if last not in years:
        return 0
    length, current = 1, last
    while True:
        earlier = [y for y in years if current - max_gap <= y < current]
        if not earlier:
            return length
        current = max(earlier)
        length += 1


def _meets(value: Decimal, standard: Standard) -> bool:
    return value >= standard.threshold if standard.threshold_inclusive else value > standard.threshold


def _threshold_text(standard: Standard) -> str:
    if standard.threshold_inclusive:
        return _("at least %(value)s") % {"value": _percent(standard.threshold)}
    return _("more than %(value)s") % {"value": _percent(standard.threshold)}


def _check_member_share(result: LineCheck, lines: Sequence[DecisionLine], standard: Standard) -> None:
    """TTLĐTT and TTLĐXS: the share of members who are Lao động tiên tiến, as the line records it."""
    for index, line in enumerate(lines):
        if line.award_id != standard.award_id or line.subject_type != SubjectType.COLLECTIVE:
            continue
        share = line.advanced_worker_share
        if share is None:
            message = _("the share of members who are %(title)s is not recorded; %(award)s needs %(threshold)s.")
        elif not _meets(Decimal(share), standard):
            message = _("%(share)s of the members are %(title)s; %(award)s needs %(threshold)s.")
        else:
            continue
        result.warnings.append(Problem(standard.code, message % {
            "title": standard.required_award, "award": standard.award, "threshold": _threshold_text(standard),
            "share": _percent(Decimal(share)) if share is not None else "",
        }, index, basis=standard.legal_basis))


def _check_quota(result: LineCheck, decision: Decision, lines: Sequence[DecisionLine], standard: Standard) -> None:
    """At most a share of another title's number, per issuing body and achievement year (the 15 %
    of CSTĐ cơ sở among the Lao động tiên tiến, to 2023): one grouped query."""
    mine = [i for i, ln in enumerate(lines) if ln.award_id == standard.award_id]
    if not mine or not decision.issuer_unit_id:
        return
    rows = _in_force(DecisionLine.objects.filter(
        decision__issuer_unit_id=decision.issuer_unit_id, decision__achievement_year=decision.achievement_year,
        award_id__in=[standard.award_id, standard.required_award_id],
    ))
    if decision.pk:
        rows = rows.exclude(decision_id=decision.pk)
    counts = dict(rows.values_list("award_id").annotate(n=Count("id")).order_by())
    for line in lines:
        if line.award_id in (standard.award_id, standard.required_award_id):
            counts[line.award_id] = counts.get(line.award_id, 0) + 1
    given, base = counts.get(standard.award_id, 0), counts.get(standard.required_award_id, 0)
    share = Decimal(given) * 100 / base if base else Decimal(100)
    over = share > standard.threshold if standard.threshold_inclusive else share >= standard.threshold
    if over:
        result.warnings.append(Problem(standard.code, _(
            "%(given)s %(award)s for %(year)s exceed %(threshold)s of the %(base)s %(title)s of %(unit)s."
        ) % {"given": given, "award": standard.award, "year": decision.achievement_year, "base": base,
             "title": standard.required_award, "unit": decision.issuer_unit,
             "threshold": _percent(standard.threshold)}, mine[-1], basis=standard.legal_basis))


def _check_leads_cluster(result: LineCheck, decision: Decision, lines: Sequence[DecisionLine],
                         standard: Standard) -> None:
    """The provincial flag goes only to the unit that led its cluster or khối that year: ranked
    first (tied first counts) at that cluster-year's year-end review. The leader role (Trưởng
    cụm) does not qualify by itself. A flag to a unit in no cluster, to a unit not ranked first,
    or a second flag in a cluster-year without a tie for first needs a reason; a cluster-year
    whose ranking is not recorded needs a confirmation. A fixed number of queries."""
    from meetings.models import MeetingKind, Ranking

    flags = [(i, ln) for i, ln in enumerate(lines) if ln.award_id == standard.award_id and ln.unit_id]
    year = decision.achievement_year
    if not flags or not year:
        return
    basis = standard.legal_basis
    memberships = defaultdict(list)  # unit -> [(cluster_year_id, cluster)]
    for member in ClusterMember.objects.filter(unit_id__in={ln.unit_id for _i, ln in flags}, year=year) \
            .select_related("cluster_year__cluster"):
        memberships[member.unit_id].append((member.cluster_year_id, member.cluster_year.cluster))
    cluster_years = {cy for rows in memberships.values() for cy, _cluster in rows}
    # the ranking of each cluster-year: that of its latest year-end review with one
    first: dict[int, set[int]] = {}
    latest: dict[int, tuple] = {}
    rankings = list(
        Ranking.objects.filter(meeting__cluster_year_id__in=cluster_years, meeting__kind=MeetingKind.YEAR_END_REVIEW)
        .values_list("meeting__cluster_year_id", "meeting__sort_date", "meeting_id", "unit_id", "rank")
    )
    for cy, sort_date, meeting_id, _unit, _rank in rankings:
        if cy not in latest or (sort_date, meeting_id) > latest[cy]:
            latest[cy] = (sort_date, meeting_id)
    for cy, _sort_date, meeting_id, unit_id, rank in rankings:
        if meeting_id == latest[cy][1] and rank == 1:
            first.setdefault(cy, set()).add(unit_id)
    names = dict(Unit.objects.filter(
        pk__in={u for units in first.values() for u in units} | {ln.unit_id for _i, ln in flags},
    ).values_list("pk", "name"))
    # flags already given for the year to members of those cluster-years
    members_of = defaultdict(set)
    for cy, unit_id in ClusterMember.objects.filter(cluster_year_id__in=cluster_years).values_list(
            "cluster_year_id", "unit_id"):
        members_of[cy].add(unit_id)
    earlier = _in_force(DecisionLine.objects.filter(
        award_id=standard.award_id, decision__achievement_year=year,
        unit_id__in={u for units in members_of.values() for u in units},
    ))
    if decision.pk:
        earlier = earlier.exclude(decision_id=decision.pk)
    earlier_units = list(earlier.values_list("unit_id", flat=True))
    given: dict[int, int] = {}  # cluster-year -> flags for the year, earlier ones and this list's so far

    for index, line in flags:
        unit = names.get(line.unit_id, "?")
        rows = memberships.get(line.unit_id, [])
        if line.cluster_id:
            rows = [(cy, cluster) for cy, cluster in rows if cluster.pk == line.cluster_id]
        if not rows:
            if line.cluster_id:
                message = _("%(unit)s was not a member of %(cluster)s in %(year)s: the flag goes to the unit "
                            "that led its cluster or bloc.") % {"unit": unit, "cluster": line.cluster, "year": year}
            else:
                message = _("%(unit)s was in no emulation cluster or bloc in %(year)s: the flag goes to the unit "
                            "that led its cluster or bloc.") % {"unit": unit, "year": year}
            result.warnings.append(Problem("R6.co-tinh.no-cluster", message, index, basis=basis, needs_reason=True))
            continue
        ranked = [(cy, cluster) for cy, cluster in rows if cy in first]
        leading = [(cy, cluster) for cy, cluster in ranked if line.unit_id in first[cy]]
        if leading:
            cy, cluster = leading[0]
        elif ranked:
            cy, cluster = ranked[0]
            firsts = sorted(names[u] for u in first[cy])
            result.warnings.append(Problem("R6.co-tinh.not-first", _(
                "%(unit)s was not ranked first at the %(year)s year-end review of %(cluster)s (ranked first: "
                "%(first)s); the leader's role alone does not earn the flag."
            ) % {"unit": unit, "year": year, "cluster": cluster, "first": ", ".join(firsts)}, index, basis=basis,
                needs_reason=True))
        else:
            cy, cluster = rows[0]
            result.warnings.append(Problem("R6.co-tinh.no-ranking", _(
                "no ranking of the %(year)s year-end review of %(cluster)s is recorded: confirm that %(unit)s "
                "was ranked first."
            ) % {"unit": unit, "year": year, "cluster": cluster}, index, basis=basis))
        if cy not in given:
            given[cy] = sum(1 for u in earlier_units if u in members_of[cy])
        given[cy] += 1
        allowed = max(len(first.get(cy, ())), 1)
        if given[cy] > allowed:
            result.warnings.append(Problem("R6.co-tinh.second", _(
                "%(cluster)s already has a flag for %(year)s and no tie for first place."
            ) % {"cluster": cluster, "year": year}, index, basis=basis, needs_reason=True))
