"""The "danh sách kèm theo" in Excel: the template, reading an upload, matching its rows to people,
units and households, previewing every row's problems, and saving the confirmed rows.

Lookups are fetched in bulk before the rows are walked, so the number of queries does not grow
with the number of rows: a list of a few thousand rows is previewed and saved in one request.
The admin and the `import_decision_lines` command share everything here."""

from __future__ import annotations

import io
import re
import secrets
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.utils.translation import override as language
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from clusters.models import Gender, Person, Position, Unit, UnitKind
from portal.core.spreadsheets import xlsx_keep_text
from portal.core.text import fold as _fold_text
from portal.core.text import vn_slugify

from .models import Award, AwardClass, Decision, DecisionLine, Household, PersonCategory, SubjectType
from .services import LineCheck, decision_lines_check, decision_save_lines
from .statistics.exports import keep_text

# key, header (translated), width, sample value
COLUMNS = [
    ("no", gettext_lazy("No."), 6, "1"),
    ("subject_type", gettext_lazy("Subject (individual / collective / household)"), 14, "Cá nhân"),
    ("name", gettext_lazy("Name"), 30, "Hoàng Thị Hoa"),
    ("title", gettext_lazy("Title"), 24, "Tổ trưởng tổ sản xuất"),
    ("unit", gettext_lazy("Unit"), 34, "xã Hoàng Văn Thụ, huyện Văn Lãng"),
    ("award", gettext_lazy("Award (code or name)"), 34, "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
    ("award_class", gettext_lazy("Class"), 10, ""),
    ("gender", gettext_lazy("Gender"), 8, "Nữ"),
    ("person_category", gettext_lazy("Person category"), 26, "Người lao động trực tiếp"),
    ("small_collective", gettext_lazy("Small collective (x)"), 10, ""),
    ("enterprise", gettext_lazy("Enterprise (x)"), 10, ""),
    ("posthumous", gettext_lazy("Posthumous (x)"), 10, ""),
    # a line's "reason" is its achievement ("Thành tích"): a context keeps the plain word "lý do" elsewhere
    ("reason", pgettext_lazy("decision line", "Reason"), 50,
     "Đã có thành tích xuất sắc trong phong trào thi đua năm 2024"),
    # for a collective title: its members and the share of them who are Lao động tiên tiến
    ("members", gettext_lazy("Members (collective)"), 12, ""),
    ("advanced_worker_share", gettext_lazy("Members who are Lao động tiên tiến (%)"), 16, ""),
    ("confirmation_reason", gettext_lazy("Reason for confirming a warning"), 30, ""),
]
EXPORT_EXTRA = [
    ("cash_multiplier", gettext_lazy("Cash multiplier"), 12),
    ("base_salary", gettext_lazy("Base salary used"), 14),
    ("cash_amount", gettext_lazy("Cash amount (đồng)"), 16),
    ("status", gettext_lazy("Status"), 12),
]
TRUE_WORDS = {"x", "co", "1", "yes", "true", "v", "dung"}
CATEGORY_ALIASES = {
    "nguoi lao dong truc tiep": PersonCategory.DIRECT_WORKER, "lao dong truc tiep": PersonCategory.DIRECT_WORKER,
    "truc tiep": PersonCategory.DIRECT_WORKER, "nong dan": PersonCategory.DIRECT_WORKER,
    "cong nhan": PersonCategory.DIRECT_WORKER, "doanh nhan": PersonCategory.ENTREPRENEUR,
    "khac": PersonCategory.OTHER,
}
CLASS_ALIASES = {"nhat": "first", "nhi": "second", "ba": "third", "1": "first", "2": "second", "3": "third"}
NEW = "new"

# a list repeats the same units, awards and categories on every row: fold each text once
fold = lru_cache(maxsize=100_000)(_fold_text)


# --- template and export --------------------------------------------------------------------------


def _sheet(title: str, columns) -> tuple[Workbook, object]:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([str(c[1]) for c in columns])
    for index, column in enumerate(columns, start=1):
        sheet.cell(row=1, column=index).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = column[2]
    sheet.freeze_panes = "A2"
    return workbook, sheet


def _bytes(workbook: Workbook) -> bytes:
    xlsx_keep_text(workbook)  # a name typed as "=HYPERLINK(…)" stays text
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_xlsx() -> bytes:
    """The blank attached list with its headers and one sample row."""
    workbook, sheet = _sheet(_("Attached list"), COLUMNS)
    sheet.append([c[3] for c in COLUMNS])
    return _bytes(workbook)


def export_xlsx(decision: Decision, lines: Iterable[DecisionLine]) -> bytes:
    workbook, sheet = _sheet(decision.number_text.replace("/", "-") or _("Attached list"), COLUMNS + EXPORT_EXTRA)
    for line in lines:
        sheet.append([
            line.order, str(line.get_subject_type_display()), line.name_text, line.title_text, line.unit_text,
            line.award.name, line.award_class.name if line.award_class else "",
            str(line.get_gender_display()) if line.gender else "",
            str(line.get_person_category_display()) if line.person_category else "",
            "x" if line.is_small_collective else "", "x" if line.is_enterprise else "",
            "x" if line.posthumous else "", line.reason, line.member_count,
            float(line.advanced_worker_share) if line.advanced_worker_share is not None else None,
            line.confirmation_reason,
            float(line.cash_multiplier) if line.cash_multiplier is not None else None,
            line.base_salary, line.cash_amount, str(line.get_status_display()),
        ])
        keep_text(sheet[sheet.max_row])  # names are typed: "=…" stays text
    return _bytes(workbook)


# --- reading ------------------------------------------------------------------------------------


class ImportFileError(Exception):
    """The upload is not a readable attached list (not xlsx, no header row)."""


def _header_keys() -> dict[str, str]:
    keys = {}
    for key, header, *_rest in COLUMNS:
        for lang in ("vi", "en"):
            with language(lang):
                keys[fold(str(header))] = key
        keys[key] = key
    return keys


# An attached list of 100,000 lines is about 15 MB of sheet XML; these limits leave room for that
# and refuse a "zip bomb" (a few MB that unpack to gigabytes) from what the archive declares,
# before a single row is parsed.
ARCHIVE_MAX_UNCOMPRESSED = 300 * 1024 * 1024
ARCHIVE_MAX_RATIO = 200  # uncompressed / compressed, for any member over 1 MB
SHEET_MAX_ROWS = 1_000_000
SHEET_MAX_COLUMNS = 200
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]+\d+:([A-Z]+)(\d+)"')


def check_archive(file) -> int | None:
    """Refuse, from the archive's own declarations, a workbook too large to read safely. Returns the
    number of rows the first sheet declares (None when it declares none)."""
    too_large = _("The Excel file unpacks to more than its size suggests (%(reason)s) and was refused before "
                  "reading it. Save the list again in Excel, or split it.")
    position = file.tell() if hasattr(file, "tell") else 0
    declared = None
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            total = sum(info.file_size for info in members)
            if total > ARCHIVE_MAX_UNCOMPRESSED:
                raise ImportFileError(too_large % {"reason": _("%(mb)s MB unpacked") % {"mb": total // 2**20}})
            for info in members:
                ratio = info.file_size // max(info.compress_size, 1)
                if info.file_size > 2**20 and ratio > ARCHIVE_MAX_RATIO:
                    raise ImportFileError(too_large % {"reason": _("compressed %(ratio)s times") % {"ratio": ratio}})
            sheets = [i for i in members if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")]
            sheet = sheets[0] if sheets else None
            if sheet is not None:
                with archive.open(sheet) as stream:
                    head = stream.read(4096)
                match = _DIMENSION.search(head)
                if match:
                    rows = int(match.group(2))
                    columns = sum((ord(c) - 64) * 26**i for i, c in enumerate(reversed(match.group(1).decode())))
                    if rows > SHEET_MAX_ROWS or columns > SHEET_MAX_COLUMNS:
                        raise ImportFileError(too_large % {
                            "reason": _("%(rows)s rows × %(columns)s columns declared") % {
                                "rows": rows, "columns": columns}})
                    declared = rows
    except zipfile.BadZipFile as exc:
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx).")) from exc
    finally:
        if hasattr(file, "seek"):
            file.seek(position)
    return declared


def read_rows(file, *, progress: Callable[[int], None] | None = None, max_rows: int | None = None,
              too_many: str | None = None) -> list[dict]:
    """Rows of the first sheet as plain dicts (JSON-able, to keep between the preview and the save),
    each with its sheet row number in "row". Empty rows are skipped. The archive is checked first
    (check_archive): a zip bomb is refused before any row is read. Reading stops past `max_rows`,
    with the caller's `too_many` message (a %(max)s in it is filled)."""
    check_archive(file)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx).")) from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    known = _header_keys()
    keys = [known.get(fold(str(cell))) if cell is not None else None for cell in (header or ())]
    if "name" not in keys or "award" not in keys:
        raise ImportFileError(_("The first row must hold the column headers of the template (Name, Award…)."))
    result = []
    for number, values in enumerate(rows, start=2):
        row = {"row": number}
        for key, value in zip(keys, values, strict=False):
            if key:
                row[key] = "" if value is None else str(value).strip()
        if any(row.get(k) for k, *_rest in COLUMNS):
            result.append(row)
            if max_rows and len(result) > max_rows:
                workbook.close()
                message = too_many or _("The list has more than %(max)s rows: import it with the command "
                                        "import_decision_lines.")
                raise ImportFileError(message % {"max": max_rows})
        if progress and number % 500 == 0:
            progress(number)
    workbook.close()
    return result


# --- matching and checking -------------------------------------------------------------------------


@dataclass
class Candidate:
    pk: int
    label: str


@dataclass
class PreviewRow:
    row: int
    data: dict
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    subject_type: str = ""
    award: Award | None = None
    award_class: AwardClass | None = None
    organisation: Unit | None = None
    match: int | None = None  # the chosen person, unit or household
    candidates: list[Candidate] = field(default_factory=list)
    needs_choice: bool = False  # several subjects fit: the user must choose
    creates: bool = False  # a new person, unit or household will be created
    auto: bool = False  # matched without doubt: no choice to show
    line: DecisionLine | None = None

    @property
    def selected(self) -> str:
        if self.match:
            return str(self.match)
        return NEW if self.creates else ""

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class Preview:
    decision: Decision
    rows: list[PreviewRow]
    check: LineCheck | None = None
    stand_ins: dict = field(default_factory=dict)

    @property
    def error_rows(self) -> list[PreviewRow]:
        return [r for r in self.rows if r.errors]

    @property
    def valid_rows(self) -> list[PreviewRow]:
        return [r for r in self.rows if not r.errors]

    @property
    def warnings(self) -> list[str]:
        return [f"{_('Row %(row)s') % {'row': r.row}}: {w}" for r in self.rows for w in r.warnings] + (
            [p.text for p in self.check.warnings if p.index is None] if self.check else []
        )


def _choice_map(choices) -> dict[str, str]:
    labels = {}
    for value, label in choices:
        for lang in ("vi", "en"):
            with language(lang):
                labels[fold(str(label))] = value
        labels[value] = value
    return labels


def _is_true(value: str) -> bool:
    return fold(value or "") in TRUE_WORDS


def preview(decision: Decision, raw_rows: list[dict], *, choices: dict[int, str] | None = None,
            kept: list | None = None, check: Callable[[list], LineCheck] | None = None) -> Preview:
    """Match every row and check it, writing nothing. `choices` maps a sheet row number to the
    chosen subject id (as text) or "new", for rows where several subjects fit.

    The rows' lines are checked after the lines the list already holds (`kept`: the decision's
    saved lines by default), by `check` (the decision's rules by default). A nomination dossier
    passes its own lines and its own check (nominations.imports): one engine for both lists."""
    choices = choices or {}
    rows = [PreviewRow(row=r["row"], data=r) for r in raw_rows]
    subject_map = _choice_map(SubjectType.choices) | {"ca nhan": "individual", "tap the": "collective",
                                                      "ho": "household", "ho gia dinh": "household"}
    gender_map = _choice_map(Gender.choices) | {"nam": Gender.MALE, "nu": Gender.FEMALE}
    category_map = _choice_map(PersonCategory.choices) | CATEGORY_ALIASES

    awards = list(Award.objects.all())
    award_by_key = {a.code: a for a in awards} | {fold(a.name): a for a in awards}
    classes = defaultdict(dict)
    for award_class in AwardClass.objects.all():
        classes[award_class.award_id][award_class.code] = award_class
        classes[award_class.award_id][fold(award_class.name)] = award_class

    # one query for every unit named in the list: as a row's unit or as a collective's name
    unit_folds = {fold(r.data.get("unit", "")) for r in rows} | {fold(r.data.get("name", "")) for r in rows}
    unit_folds.discard("")
    units_by_fold = defaultdict(list)
    for unit in Unit.objects.filter(search_text__in=unit_folds).only("id", "name", "short_name", "search_text",
                                                                     "valid_from", "valid_to"):
        units_by_fold[unit.search_text].append(unit)

    for r in rows:
        d = r.data
        if not d.get("name"):
            r.errors.append(_("the name is missing."))
        r.subject_type = subject_map.get(fold(d.get("subject_type", "")), "") or SubjectType.INDIVIDUAL
        if d.get("subject_type") and fold(d["subject_type"]) not in subject_map:
            r.errors.append(_("unknown subject “%(value)s”.") % {"value": d["subject_type"]})
        r.award = award_by_key.get(fold(d.get("award", ""))) or award_by_key.get(d.get("award", ""))
        if not r.award:
            r.errors.append(_("unknown award “%(value)s”.") % {"value": d.get("award", "")})
        if d.get("award_class") and r.award:
            key = fold(d["award_class"]).removeprefix("hang ").strip()
            r.award_class = classes[r.award.pk].get(CLASS_ALIASES.get(key, key)) or classes[r.award.pk].get(
                fold(d["award_class"]))
            if not r.award_class:
                r.errors.append(_("unknown class “%(value)s”.") % {"value": d["award_class"]})
        if d.get("gender") and fold(d["gender"]) not in gender_map:
            r.errors.append(_("unknown gender “%(value)s”.") % {"value": d["gender"]})
        if d.get("person_category") and fold(d["person_category"]) not in category_map:
            r.errors.append(_("unknown person category “%(value)s”.") % {"value": d["person_category"]})
        found = units_by_fold.get(fold(d.get("unit", "")), [])
        r.organisation = found[0] if len(found) == 1 else None
        d["_gender"] = gender_map.get(fold(d.get("gender", "")), "")
        d["_category"] = category_map.get(fold(d.get("person_category", "")), "")
        d["_members"], d["_share"] = _number(r, d, "members", whole=True), _number(r, d, "advanced_worker_share")

    _match_people(rows, choices)
    _match_units(rows, units_by_fold, choices)
    _match_households(rows, choices)
    stand_ins: dict = {}
    for r in rows:
        if r.errors:
            continue
        r.line = _line_of(r, stand_ins)

    if decision.is_revoked:
        # R11: a revoked decision takes no new line
        for r in rows:
            r.errors.append(_("the decision is revoked: no line can be added to it."))
    checkable = [r for r in rows if r.line is not None and not r.errors]
    # checked after the lines the decision already has, as decision_save_lines will check them
    if kept is None:
        kept = list(decision.lines.all()) if decision.pk else []
    if check is None:
        def check(lines):
            return decision_lines_check(decision=decision, lines=lines)
    result = check(kept + [r.line for r in checkable])
    for index, r in enumerate(checkable, start=len(kept)):
        r.errors += [p.text for p in result.errors_for(index)]
        r.warnings += [p.text for p in result.warnings_for(index)]
    return Preview(decision=decision, rows=rows, check=result, stand_ins=stand_ins)


def _number(r: PreviewRow, d: dict, key: str, *, whole: bool = False):
    """A number typed in a cell ("12", "72,5", "72.5 %"), or None; anything else is the row's error."""
    text = (d.get(key) or "").replace("%", "").replace(",", ".").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or value < 0 or (whole and value != value.to_integral()):
        r.errors.append(_("“%(value)s” is not a number.") % {"value": d[key]})
        return None
    return int(value) if whole else value


def _apply_choice(r: PreviewRow, choices: dict[int, str]) -> None:
    """Use the user's pick where one was made; a required pick left empty is an error."""
    chosen = choices.get(r.row)
    if chosen == NEW:
        r.match, r.creates = None, True
    elif chosen and chosen.isdigit() and int(chosen) in {c.pk for c in r.candidates}:
        r.match, r.creates = int(chosen), False
    elif r.needs_choice:
        r.errors.append(_("several records fit this name: choose one, or a new record."))


def _match_people(rows: list[PreviewRow], choices) -> None:
    wanted = [r for r in rows if r.subject_type == SubjectType.INDIVIDUAL and r.data.get("name")]
    names = {fold(r.data["name"]) for r in wanted}
    people = defaultdict(list)
    for person in Person.objects.filter(search_text__in=names).only("id", "full_name", "search_text", "birth_year"):
        people[person.search_text].append(person)
    ids = [p.pk for group in people.values() for p in group]
    # where each candidate works: their positions and the units of their earlier award lines
    units_of = defaultdict(set)
    labels = defaultdict(list)
    for person_id, unit_id, unit_name in Position.objects.filter(person_id__in=ids).values_list(
            "person_id", "unit_id", "unit__name"):
        units_of[person_id].add(unit_id)
        labels[person_id].append(unit_name)
    for person_id, unit_id, unit_text in DecisionLine.objects.filter(person_id__in=ids).values_list(
            "person_id", "organisation_id", "unit_text").distinct():
        if unit_id:
            units_of[person_id].add(unit_id)
        if unit_text:
            labels[person_id].append(unit_text)
    for r in wanted:
        group = people.get(fold(r.data["name"]), [])
        unit_id = r.organisation.pk if r.organisation else None
        strong = [p for p in group if unit_id and unit_id in units_of[p.pk]]
        r.candidates = [Candidate(p.pk, _label(p.full_name, labels[p.pk], p.birth_year)) for p in (strong or group)]
        if len(strong) == 1:
            r.match, r.auto = strong[0].pk, True
        elif len(strong) > 1:
            r.needs_choice = True
        else:
            r.creates = True  # same name elsewhere: offered, but a new person by default
        if r.candidates and len(strong) != 1:
            _apply_choice(r, choices)


def _label(name: str, places: list[str], birth_year=None) -> str:
    where = "; ".join(dict.fromkeys(places)) or _("no unit on record")
    born = f", {birth_year}" if birth_year else ""
    return f"{name}{born} ({where})"


def _match_units(rows: list[PreviewRow], units_by_fold, choices) -> None:
    for r in rows:
        if r.subject_type != SubjectType.COLLECTIVE or not r.data.get("name"):
            continue
        group = units_by_fold.get(fold(r.data["name"]), [])
        r.candidates = [Candidate(u.pk, u.name) for u in group]
        if len(group) == 1:
            r.match, r.auto = group[0].pk, True
        elif group:
            r.needs_choice = True
            _apply_choice(r, choices)
        else:
            r.creates = True


def _match_households(rows: list[PreviewRow], choices) -> None:
    wanted = [r for r in rows if r.subject_type == SubjectType.HOUSEHOLD and r.data.get("name")]
    households = defaultdict(list)
    for household in Household.objects.filter(search_text__in={fold(r.data["name"]) for r in wanted}):
        households[household.search_text].append(household)
    for r in wanted:
        group = households.get(fold(r.data["name"]), [])
        commune_id = r.organisation.pk if r.organisation else None
        strong = [h for h in group if h.commune_id == commune_id]
        r.candidates = [Candidate(h.pk, f"{h.head_name} ({h.address})") for h in (strong or group)]
        if len(strong) == 1:
            r.match, r.auto = strong[0].pk, True
        elif len(strong) > 1:
            r.needs_choice = True
            _apply_choice(r, choices)
        else:
            r.creates = True
            if group:
                _apply_choice(r, choices)


def _line_of(r: PreviewRow, stand_ins: dict) -> DecisionLine:
    """The unsaved line of a row. A subject still to be created gets a stand-in negative id so
    that two rows for the same new subject are still caught as a duplicate."""
    d = r.data
    # as typed: what the subject kind forbids (a gender on a collective) is the line's own
    # validation's to say, in the preview, like on every other path
    line = DecisionLine(
        subject_type=r.subject_type, name_text=d.get("name", "")[:300], title_text=d.get("title", "")[:300],
        unit_text=d.get("unit", "")[:300], award=r.award, award_class=r.award_class, reason=d.get("reason", ""),
        organisation=r.organisation, person_category=d["_category"], gender=d["_gender"],
        is_small_collective=_is_true(d.get("small_collective", "")), is_enterprise=_is_true(d.get("enterprise", "")),
        posthumous=_is_true(d.get("posthumous", "")), member_count=d.get("_members"),
        advanced_worker_share=d.get("_share"), confirmation_reason=d.get("confirmation_reason", "")[:500],
    )
    subject_id = r.match if r.match else -_stand_in(r, stand_ins)
    field_name = {"individual": "person_id", "collective": "unit_id", "household": "household_id"}[r.subject_type]
    setattr(line, field_name, subject_id)
    return line


def _stand_in(r: PreviewRow, stand_ins: dict) -> int:
    where = r.organisation.pk if r.organisation else fold(r.data.get("unit", ""))
    key = (r.subject_type, fold(r.data.get("name", "")), where)
    return stand_ins.setdefault(key, len(stand_ins) + 1)


# --- saving ---------------------------------------------------------------------------------------


def _new_slugs(model, texts: list[str]) -> list[str]:
    """Unique slugs for many new rows in one query: a clash gets a short random suffix."""
    bases = [vn_slugify(t, max_length=180) or "muc" for t in texts]
    taken = set(model.objects.filter(slug__in=set(bases)).values_list("slug", flat=True))
    result = []
    for base in bases:
        slug = base
        while slug in taken:
            slug = f"{base}-{secrets.token_hex(3)}"
        taken.add(slug)
        result.append(slug)
    return result


def apply(preview_result: Preview, *, valid_only: bool, confirm: bool,
          save: Callable[[list[PreviewRow], list[DecisionLine]], list] | None = None) -> list:
    """Create the new subjects and save the lines of the checked rows, in one transaction.

    Without `valid_only`, any row with an error saves nothing. Warnings need `confirm`.
    `save(rows, lines)`: the caller's own write of the rows' unsaved lines (a subject still to be
    created has a negative stand-in id), in place of creating the subjects and saving the lines on
    the decision; what the warnings need is then the caller's to judge."""
    decision = preview_result.decision
    rows = preview_result.valid_rows if valid_only else preview_result.rows
    if not valid_only and preview_result.error_rows:
        raise ValueError("rows with errors: save the valid rows only, or nothing")
    if save is not None:
        with transaction.atomic():
            return save(rows, [_line_of(r, preview_result.stand_ins) for r in rows])
    before = [(r.match, r.creates) for r in rows]
    try:
        with transaction.atomic():
            _create_subjects(rows, preview_result.stand_ins)
            lines = [_line_of(r, preview_result.stand_ins) for r in rows]
            return decision_save_lines(decision=decision, lines=lines, confirm=confirm)
    except Exception:
        # the new subjects were rolled back: the rows must not keep pointing at them
        for r, (match, creates) in zip(rows, before, strict=True):
            r.match, r.creates = match, creates
        raise


def _create_subjects(rows: list[PreviewRow], stand_ins: dict) -> None:
    """One new person (unit, household) per distinct name and unit, however many rows name it."""
    pending = defaultdict(list)
    for r in rows:
        if r.creates and not r.match:
            pending[(r.subject_type, _stand_in(r, stand_ins))].append(r)
    people = [(key, group) for key, group in pending.items() if key[0] == SubjectType.INDIVIDUAL]
    if people:
        names = [group[0].data["name"] for _key, group in people]
        objs = [Person(full_name=name[:200], slug=slug, search_text=fold(name), gender=group[0].data["_gender"])
                for name, slug, (_key, group) in zip(names, _new_slugs(Person, names), people, strict=True)]
        Person.objects.bulk_create(objs, batch_size=500)
        for obj, (_key, group) in zip(objs, people, strict=True):
            for r in group:
                r.match = obj.pk
    collectives = [(key, group) for key, group in pending.items() if key[0] == SubjectType.COLLECTIVE]
    if collectives:
        names = [group[0].data["name"] for _key, group in collectives]
        objs = [Unit(name=name[:255], slug=slug, search_text=fold(name), parent=group[0].organisation,
                     kind=UnitKind.VILLAGE if _is_true(group[0].data.get("small_collective", "")) else UnitKind.OTHER)
                for name, slug, (_key, group) in zip(names, _new_slugs(Unit, names), collectives, strict=True)]
        Unit.objects.bulk_create(objs, batch_size=500)
        for obj, (_key, group) in zip(objs, collectives, strict=True):
            for r in group:
                r.match = obj.pk
    households = [(key, group) for key, group in pending.items() if key[0] == SubjectType.HOUSEHOLD]
    if households:
        objs = [Household(head_name=group[0].data["name"][:200], address=group[0].data.get("unit", "")[:300],
                          commune=group[0].organisation, search_text=fold(group[0].data["name"]))
                for _key, group in households]
        Household.objects.bulk_create(objs, batch_size=500)
        for obj, (_key, group) in zip(objs, households, strict=True):
            for r in group:
                r.match = obj.pk
