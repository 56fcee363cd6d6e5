"""Writes of the commendation records: the only way a decision or its lines is saved, revoked or
deleted, whoever asks (the admin, the import, the demo, a script). Each function runs in one
transaction and applies the rules of awards/rules.py first: refused (ValidationError naming the
line), or unconfirmed (ConfirmationRequired with `.warnings`), nothing is saved.

- decision_save: a decision, new or edited, with lines added, changed or deleted. The whole
  resulting list is checked when the decision is new, when a line is added or changed, and when
  a field the rules read changes (date, issuing body, authority, achievement year, type): a
  list too long for the admin's inline is checked like a short one.
- decision_issue, decision_change, decision_save_lines, decision_line_change,
  decision_line_delete: the usual cases of decision_save, by name.
- decision_revoke, decision_line_revoke (R11): revoked decisions and lines stay on record, out
  of streaks and statistics; a revoked decision takes no new line, a revoked line is never
  deleted, and a revocation rests on a decision signed no later than it.

Cash (R10) is derived, never typed: multiplier × base salary on the signing date, or a factor of
another rule's amount (a household's 1.5 times the individual's), all read from the dated rules."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models.signals import post_save
from django.utils.translation import gettext as _

from portal.core.cache import records_written
from portal.core.locking import bump_version
from portal.core.text import fold

from .models import AwardRule, BaseSalary, Decision, DecisionLine, RecordStatus
from .rules import REVOCATION_BASIS as R11_BASIS
from .rules import (  # noqa: F401  (re-exported: callers import the check from the service)
    RULE_FIELDS,
    ConfirmationRequired,
    LineCheck,
    Problem,
    decision_lines_check,
    raise_refusals,
    refusal,
    require_confirmation,
)
from .statistics.rollup import statistics_rollup_refresh

# Lines added by hand are few and each is announced (post_save) to whoever listens, such as the
# history of changes; an imported list of thousands is written in bulk, like any bulk job.
ANNOUNCE_LIMIT = 300


# --- cash --------------------------------------------------------------------------------------


def _cash_rules(decision: Decision) -> tuple[dict, int | None]:
    """(award, subject) -> multiplier of the base salary on the signing date, for the decision's
    authority; a relative amount is resolved to the multiplier of the rule it refers to."""
    if decision.signed_on is None:
        return {}, None  # the multiplier and the base salary depend on the date: unknown until it is
    rules = list(AwardRule.objects.valid_on(decision.signed_on).filter(issuer_role_id=decision.issuer_role_id))
    direct = {(r.award_id, r.subject_type): r.cash_multiplier for r in rules}
    multipliers = {}
    for rule in rules:
        if rule.cash_relative_factor is not None:
            other = direct.get((rule.cash_relative_award_id, rule.cash_relative_subject))
            value = other * rule.cash_relative_factor if other is not None else None
        else:
            value = rule.cash_multiplier
        multipliers[(rule.award_id, rule.subject_type)] = value
    salary = BaseSalary.on(decision.signed_on)
    return multipliers, (salary.amount if salary else None)


def cash_amount(multiplier: Decimal | None, base: int | None) -> int | None:
    """Multiplier × base salary, rounded to the đồng."""
    if multiplier is None or base is None:
        return None
    return int((Decimal(multiplier) * Decimal(base)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def _derive_cash(lines: Iterable[DecisionLine], multipliers: dict, base: int | None) -> None:
    for line in lines:
        multiplier = multipliers.get((line.award_id, line.subject_type))
        line.cash_multiplier = (Decimal(multiplier).quantize(Decimal("0.01")) if multiplier is not None else None)
        line.base_salary = base if line.cash_multiplier is not None else None
        line.cash_amount = cash_amount(line.cash_multiplier, line.base_salary)


# --- the one write ------------------------------------------------------------------------------


def _prepare(lines: Iterable[DecisionLine | dict]) -> list[DecisionLine]:
    return [ln if isinstance(ln, DecisionLine) else DecisionLine(**ln) for ln in lines]


def _header_changed(decision: Decision, old: Decision | None) -> bool:
    return old is None or any(getattr(decision, name) != getattr(old, name) for name in RULE_FIELDS)


def decision_save(*, decision: Decision, add: Iterable[DecisionLine | dict] = (),
                  change: Sequence[DecisionLine] = (), delete: Sequence[DecisionLine] = (),
                  confirm: bool = False, based_on=None, header: bool = True) -> Decision:
    """Record a decision (new or edited) and changes to its attached list, in one transaction, or
    nothing at all. `change` holds saved lines with edited fields; `delete`, saved lines to remove.
    `header=False`: the decision's own fields are not edited (a change to its list only), so they
    are neither validated nor written again.

    Raises ValidationError (refusals naming the line), or ConfirmationRequired (with `.warnings`)
    when warnings stand and `confirm` is false or a reason they need is missing."""
    add = _prepare(add)
    change, delete = list(change), list(delete)
    with transaction.atomic():
        old = Decision.objects.select_for_update().filter(pk=decision.pk).first() if decision.pk else None
        _check_revocation_path(decision, old, add=add, change=change, delete=delete)
        if header or old is None:
            decision.full_clean()
        changed_ids = {ln.pk for ln in change}
        gone_ids = {ln.pk for ln in delete}
        kept = [] if old is None else [
            ln for ln in decision.lines.order_by("order", "pk") if ln.pk not in changed_ids | gone_ids]
        resulting = kept + change + add
        header_changed = _header_changed(decision, old)  # a date filled in is a change too
        if header_changed or add or change:
            check = decision_lines_check(decision=decision, lines=resulting)
            raise_refusals(check)
            require_confirmation(check, resulting, confirm=confirm)
        unchecked = decision.signed_on is None
        if header or old is None:
            decision.lines_unchecked = unchecked
            decision.save()
        elif decision.lines_unchecked != unchecked and (add or change):
            # the whole list was just checked with the date
            decision.lines_unchecked = unchecked
            Decision.objects.filter(pk=decision.pk).update(lines_unchecked=unchecked)
        if not (header or old is None) and (add or change or delete):
            # a change of the list (by a form, a line's page or an import) is a change of the
            # decision: an editor who opened it before is refused (portal.core.locking)
            bump_version(decision)
        if based_on is not None:
            decision.based_on.set(based_on)
        for line in delete:
            line.delete()
        multipliers, base = _cash_rules(decision)
        if header_changed:
            # the date or the authority decides the cash of every line
            _derive_cash(kept, multipliers, base)
            DecisionLine.objects.bulk_update(kept, ["cash_multiplier", "base_salary", "cash_amount"], batch_size=500)
        _derive_cash(change, multipliers, base)
        start = max((ln.order for ln in kept + change), default=0) + 1
        for line in change:
            if not line.order:  # a number cleared in a form: after the others
                line.order, start = start, start + 1
            line.save()
        _create_lines(decision, add, start=start, multipliers=multipliers, base=base)
        if decision.is_revoked and (old is None or old.status != decision.status):
            _revoke_lines(decision)
        statistics_rollup_refresh(decision_ids=[decision.pk])  # what it counts, published or not, in force or not
        records_written()  # bulk writes send no signal: cached statistics must still go
    return decision


def _check_revocation_path(decision: Decision, old: Decision | None, *, add, change, delete) -> None:
    """R11 on the way in: a revoked decision takes no new line, a revoked line is neither changed
    nor deleted, a revocation is not undone by an edit, and it rests on a decision signed no later
    than it."""
    # a decision recorded as already revoked comes with its list, revoked with it
    closed = old is not None and old.status == RecordStatus.REVOKED
    if add and closed:
        raise refusal("R11.revoked-decision-closed",
                      _("The decision is revoked: no line can be added to it."), basis=R11_BASIS)
    if change and DecisionLine.objects.filter(pk__in=[ln.pk for ln in change], status=RecordStatus.REVOKED).exists():
        raise refusal("R11.line-already-revoked", _("A revoked line stays as it was revoked."), basis=R11_BASIS)
    revoked = [ln for ln in delete if ln.status == RecordStatus.REVOKED]
    if revoked:
        raise refusal("R11.revoked-line-kept", _(
            "%(name)s's line is revoked: revoked lines stay on record and are never deleted.")
            % {"name": revoked[0].name_text}, basis=R11_BASIS)
    if old is not None and old.status == RecordStatus.REVOKED and decision.status != RecordStatus.REVOKED:
        raise refusal("R11.revocation-final", _(
            "A revoked decision stays revoked; if the revocation was itself annulled, record that decision."),
            basis=R11_BASIS)
    if decision.status == RecordStatus.REVOKED:
        _check_revoker(revoked_by=decision.revoked_by, revoked_on=decision.revoked_on, target=decision)


def _create_lines(decision: Decision, lines: list[DecisionLine], *, start: int, multipliers: dict,
                  base: int | None) -> list[DecisionLine]:
    _derive_cash(lines, multipliers, base)
    for offset, line in enumerate(lines):
        line.decision = decision
        if not line.order:
            line.order = start + offset
        line.search_text = fold(line.name_text)  # bulk_create skips save()
    saved = DecisionLine.objects.bulk_create(lines, batch_size=500)
    if len(saved) <= ANNOUNCE_LIMIT:
        for line in saved:
            post_save.send(sender=DecisionLine, instance=line, created=True, raw=False, using="default",
                           update_fields=None)
    return saved


# --- the usual cases, by name ----------------------------------------------------------------------


def decision_issue(*, lines: Iterable[DecisionLine | dict], confirm: bool = False, based_on=(),
                   **fields) -> Decision:
    """Record a new decision with its attached list."""
    return decision_save(decision=Decision(**fields), add=lines, confirm=confirm,
                         based_on=list(based_on) if based_on else None)


def decision_change(*, decision: Decision, confirm: bool = False) -> Decision:
    """Save edits to a recorded decision's own fields. When one the rules read changes (the date,
    the issuing body or authority, the achievement year, the type), its whole list is checked
    against them first; the cash of every line follows."""
    return decision_save(decision=decision, confirm=confirm)


def decision_save_lines(*, decision: Decision, lines: Iterable[DecisionLine | dict], confirm: bool = False,
                        replace: bool = False) -> list[DecisionLine]:
    """Add lines to a saved decision (or replace its list: revoked lines are never removed, so
    a list holding one cannot be replaced), checked together with the lines it keeps."""
    lines = _prepare(lines)
    delete = list(decision.lines.all()) if replace else []
    decision_save(decision=decision, add=lines, delete=delete, confirm=confirm, header=False)
    return lines


def decision_line_change(*, line: DecisionLine, confirm: bool = False) -> DecisionLine:
    """Save edits to one line, checked with the rest of its decision's list."""
    decision_save(decision=line.decision, change=[line], confirm=confirm, header=False)
    return line


def decision_line_delete(*, line: DecisionLine) -> None:
    """Remove a line entered by mistake. A revoked line is history and stays."""
    decision_save(decision=line.decision, delete=[line], header=False)


# --- revocation (R11) -------------------------------------------------------------------------------


def _check_revoker(*, revoked_by: Decision | None, revoked_on: datetime.date | None, target) -> None:
    if revoked_on is None:
        raise refusal("R11.revocation-basis-required", _("Give the date of the revocation."), basis=R11_BASIS)
    signed_on = target.signed_on if isinstance(target, Decision) else target.decision.signed_on
    if signed_on and revoked_on < signed_on:
        raise refusal("R11.revoked-before-signed", _("A decision cannot be revoked before it was signed."),
                      basis=R11_BASIS)
    if revoked_by is not None:
        if revoked_by.signed_on and revoked_by.signed_on > revoked_on:
            raise refusal("R11.revoker-signed-later", _(
                "%(revoker)s was signed on %(signed)s, after the revocation date %(date)s: a revocation rests on "
                "a decision already signed.") % {"revoker": revoked_by.title,
                                                  "signed": f"{revoked_by.signed_on:%d/%m/%Y}",
                                                  "date": f"{revoked_on:%d/%m/%Y}"}, basis=R11_BASIS)
        if revoked_by.status == RecordStatus.REVOKED:
            raise refusal("R11.revoker-is-revoked", _("%(revoker)s is itself revoked.") % {"revoker": revoked_by.title},
                          basis=R11_BASIS)


def _revoke_lines(decision: Decision) -> None:
    """Every line still in force goes with its decision; one revoked earlier keeps its own record."""
    lines = list(decision.lines.filter(status=RecordStatus.IN_FORCE))
    for line in lines:
        line.status, line.revoked_by, line.revoked_on = RecordStatus.REVOKED, decision.revoked_by, decision.revoked_on
    DecisionLine.objects.bulk_update(lines, ["status", "revoked_by", "revoked_on"], batch_size=500)


def decision_revoke(*, decision: Decision, revoked_by: Decision | None, revoked_on: datetime.date) -> Decision:
    """R11: a revoked decision and its lines stay on record (and public, marked), out of statistics."""
    with transaction.atomic():
        if decision.status == RecordStatus.REVOKED:
            return decision
        _check_revoker(revoked_by=revoked_by, revoked_on=revoked_on, target=decision)
        decision.status = RecordStatus.REVOKED
        decision.revoked_by = revoked_by
        decision.revoked_on = revoked_on
        decision.full_clean()
        decision.save()
        _revoke_lines(decision)
        statistics_rollup_refresh(decision_ids=[decision.pk])
        records_written()
    return decision


def decision_line_revoke(*, line: DecisionLine, revoked_on: datetime.date, revoked_by: Decision | None = None,
                         basis: str = "") -> DecisionLine:
    """R11 for one line of a decision that otherwise stands: its basis is the revoking decision,
    recorded here (`revoked_by`) or named as written (`basis`). The line stays on record, marked
    on the public pages, out of streaks and statistics."""
    basis = (basis or "").strip()
    with transaction.atomic():
        current = DecisionLine.objects.select_for_update().get(pk=line.pk)
        if current.status == RecordStatus.REVOKED:
            raise refusal("R11.line-already-revoked", _("This line is already revoked."), basis=R11_BASIS)
        if revoked_by is None and not basis:
            raise refusal("R11.revocation-basis-required", _(
                "Name the decision that revokes the line: choose it, or write its number and date."), basis=R11_BASIS)
        _check_revoker(revoked_by=revoked_by, revoked_on=revoked_on, target=current)
        line.status, line.revoked_by, line.revoked_on, line.revocation_basis = (
            RecordStatus.REVOKED, revoked_by, revoked_on, basis)
        line.full_clean(exclude=["decision"])
        line.save(update_fields=["status", "revoked_by", "revoked_on", "revocation_basis", "updated_at"])
        bump_version(current.decision)
        statistics_rollup_refresh(decision_ids=[current.decision_id])
        records_written()
    return line


def validate_revocation(*, target: Decision | DecisionLine, revoked_by: Decision | None,
                        revoked_on: datetime.date | None) -> None:
    """The R11 checks of decision_revoke and decision_line_revoke, for a form to show first."""
    _check_revoker(revoked_by=revoked_by, revoked_on=revoked_on, target=target)


__all__ = [
    "ConfirmationRequired", "LineCheck", "Problem", "cash_amount", "decision_change",
    "decision_issue", "decision_line_change", "decision_line_delete", "decision_line_revoke", "decision_lines_check",
    "decision_revoke", "decision_save", "decision_save_lines",
    "validate_revocation",
]
