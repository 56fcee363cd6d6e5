"""Nominee lines from the attached list in Excel, through the decision import's engine
(awards.imports), not a copy of it: the engine reads the sheet, matches each row to a person, a
unit or a household and builds the row's unsaved decision line; here that line becomes a nominee
line, the rows are checked by the dossier's own rules (checks.dossier_lines_check) after the lines
the dossier already holds, and the saved rows go through services.line_save one by one.

A nominee not matched to a record stays unmatched (the record is made when a decision grants the
line), so nothing but nominee lines is written. A dossier is small: the import runs in the request,
and a list longer than MAX_ROWS is refused."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from awards import imports as engine
from awards.models import Decision, DecisionLine
from awards.rules import LineCheck

from . import services
from .checks import dossier_lines_check, rules_day
from .models import Dossier, NomineeLine

MAX_ROWS = 500
ImportFileError = engine.ImportFileError
template_xlsx = engine.template_xlsx  # the decision's template: its "reason" is the achievement summary


def read_rows(file) -> list[dict]:
    """The sheet's rows (JSON-able: a page keeps them between the preview and the save)."""
    return engine.read_rows(file, max_rows=MAX_ROWS, too_many=_(
        "The list has more than %(max)s rows. A dossier's list is shorter: split it into several dossiers, or "
        "send it to the office."))


def _known(pk: int | None) -> int | None:
    return pk if pk and pk > 0 else None  # a negative id is the engine's stand-in for a record not yet made


def nominee_line(dossier: Dossier, line: DecisionLine) -> NomineeLine:
    """The nominee line an imported row's decision line stands for."""
    return NomineeLine(
        dossier=dossier, subject_type=line.subject_type, name_text=line.name_text, title_text=line.title_text,
        unit_text=line.unit_text, award=line.award, award_class_id=line.award_class_id,
        organisation_id=line.organisation_id, person_category=line.person_category, gender=line.gender,
        is_small_collective=line.is_small_collective, is_enterprise=line.is_enterprise, posthumous=line.posthumous,
        member_count=line.member_count, advanced_worker_share=line.advanced_worker_share,
        confirmation_reason=line.confirmation_reason, achievement_summary=line.reason,
        person_id=_known(line.person_id), collective_id=_known(line.unit_id), household_id=_known(line.household_id),
    )


def _as_decision(dossier: Dossier) -> Decision:
    """What the engine reads of the list's decision; the rules themselves are the dossier's."""
    return Decision(issuer_role_id=dossier.addressed_role_id, issuer_unit_id=dossier.addressed_unit_id,
                    signed_on=rules_day(dossier), achievement_year=dossier.achievement_year,
                    award_type=dossier.award_type, movement_id=dossier.movement_id)


def preview(dossier: Dossier, raw_rows: list[dict], *, choices: dict[int, str] | None = None) -> engine.Preview:
    """Every row matched and checked with the dossier's lines, writing nothing. A row refused by
    the rules is a row error, as in the decision import; warnings are shown and confirmed when the
    dossier is submitted."""
    kept = list(dossier.lines.select_related("award").order_by("order", "pk"))

    def check(lines) -> LineCheck:
        return dossier_lines_check(dossier, [ln if isinstance(ln, NomineeLine) else nominee_line(dossier, ln)
                                             for ln in lines])

    return engine.preview(_as_decision(dossier), raw_rows, choices=choices, kept=kept, check=check)


def save(result: engine.Preview, *, user, dossier: Dossier, valid_only: bool) -> list[NomineeLine]:
    """Add the rows' lines to the dossier, all or none."""

    def write(rows, lines) -> list[NomineeLine]:
        saved = []
        for row, line in zip(rows, lines, strict=True):
            nominee = nominee_line(dossier, line)
            try:
                services.line_save(user=user, line=nominee, check=False)  # the dossier page checks the list
            except ValidationError as error:
                raise ValidationError([_("Row %(row)s: %(message)s") % {"row": row.row, "message": message}
                                       for message in error.messages]) from error
            saved.append(nominee)
        return saved

    return engine.apply(result, valid_only=valid_only, confirm=True, save=write)
