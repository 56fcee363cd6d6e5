"""Reads the office's pages share. Nothing is written here."""

from __future__ import annotations

from dataclasses import dataclass, field

from awards.models import AwardType, DecisionLine, RecordStatus, Standard, StandardKind, SubjectType
from awards.rules import _streak
from portal.core.text import fold

from .checks import rules_day
from .models import NomineeLine

HISTORY_LIMIT = 100  # a common name may match many lines; the newest are the ones that matter


@dataclass
class Streak:
    """A prerequisite of consecutive titles (R6) and what the records show of it."""

    standard: Standard
    years: list[int]
    found: int

    @property
    def met(self) -> bool:
        return self.found >= (self.standard.count or 0)


@dataclass
class NomineeHistory:
    lines: list[DecisionLine] = field(default_factory=list)
    by_record: bool = False  # True: matched through the person (unit, household) record, not by name
    streaks: list[Streak] = field(default_factory=list)
    truncated: bool = False


def _same_unit(line: NomineeLine, earlier: DecisionLine) -> bool:
    if line.organisation_id and earlier.organisation_id:
        return line.organisation_id == earlier.organisation_id
    ours, theirs = fold(line.unit_text), fold(earlier.unit_text)
    # either side may have no unit written: then the name and year decide
    return not ours or not theirs or ours in theirs or theirs in ours


def _same_birth_year(line: NomineeLine, earlier: DecisionLine) -> bool:
    theirs = earlier.person.birth_year if earlier.person_id else None
    return not (line.birth_year and theirs) or line.birth_year == theirs


def nominee_history(line: NomineeLine) -> NomineeHistory:
    """Earlier decision lines of the nominee and the streaks its award's prerequisites need, in
    two queries whatever the records hold.

    Matched through the record (person, collective or household) when the line names one; else
    by the name folded (DecisionLine.search_text), kept when the unit and year of birth do not
    contradict it. A name match is a lead for the appraiser to check, not a proof."""
    result = NomineeHistory()
    record = {SubjectType.INDIVIDUAL: ("person_id", line.person_id),
              SubjectType.COLLECTIVE: ("unit_id", line.collective_id),
              SubjectType.HOUSEHOLD: ("household_id", line.household_id)}[line.subject_type]
    found = DecisionLine.objects.select_related("award", "award_class", "decision", "person")
    if record[1]:
        found = found.filter(**{record[0]: record[1]})
        result.by_record = True
    else:
        found = found.filter(search_text=fold(line.name_text), subject_type=line.subject_type)
    if line.decision_line_id:
        found = found.exclude(pk=line.decision_line_id)
    rows = list(found.order_by("-decision__achievement_year", "-decision__signed_on", "-pk")[:HISTORY_LIMIT + 1])
    result.truncated = len(rows) > HISTORY_LIMIT
    rows = rows[:HISTORY_LIMIT]
    if not result.by_record:
        rows = [r for r in rows if _same_unit(line, r) and _same_birth_year(line, r)]
    result.lines = rows

    year = line.dossier.achievement_year
    standards = Standard.objects.valid_on(rules_day(line.dossier)).filter(
        award_id=line.award_id, kind=StandardKind.STREAK, is_enabled=True).select_related("required_award")
    for standard in standards:
        # what the rule service counts: merit titles of in-force lines of in-force decisions
        years = {r.decision.achievement_year for r in rows
                 if r.award_id == standard.required_award_id and r.award.counts_for_streak
                 and r.decision.award_type == AwardType.MERIT and r.status == RecordStatus.IN_FORCE
                 and r.decision.status == RecordStatus.IN_FORCE and r.decision.withdrawn_at is None
                 and r.decision.achievement_year is not None and r.decision.achievement_year <= year}
        result.streaks.append(Streak(standard=standard, years=sorted(years, reverse=True),
                                     found=_streak(years, year, standard.max_gap_years or 1)))
    return result
