"""Scoring tables in Excel (docs/scoring-template.md): one sheet, a header block of the table's
facts (title, year, type, basis, caps) above one row per criterion, in the columns the export
writes and the import reads. Headers and kinds are read in Vietnamese or English, accents and
case aside.

An import is checked whole and shown before anything is saved: the rows read from the file are
plain JSON (signed between the preview and the confirmation), checked by `check`, and saved by
`apply` in one transaction through the services, which refuse a table already in use."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.utils.translation import override as language
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from awards.imports import ImportFileError, check_archive
from portal.core.spreadsheets import xlsx_keep_text
from portal.core.text import fold

from . import services
from .models import ClusterType, Criterion, CriterionGroup, CriterionKind, ScoreTemplate

# key, header, column width
COLUMNS = [
    ("group_code", gettext_lazy("Group code"), 10),
    ("group_title", gettext_lazy("Group title"), 34),
    ("code", gettext_lazy("Code"), 8),
    ("title", gettext_lazy("Criterion"), 56),
    ("kind", gettext_lazy("Kind"), 14),
    ("max_points", gettext_lazy("Maximum points / limit"), 14),
    ("evidence_required", gettext_lazy("Evidence required (x)"), 12),
    ("guidance", gettext_lazy("Guidance"), 60),
]
# the header block: a label in column A, its value in column B
HEADER = [
    ("title", gettext_lazy("Table title")),
    ("year", gettext_lazy("Year")),
    ("cluster_type", gettext_lazy("Type of cluster")),
    ("basis", gettext_lazy("Issuing decision")),
    ("bonus_cap", gettext_lazy("Cap on all bonus points")),
    ("penalty_cap", gettext_lazy("Cap on all penalty points")),
]
KIND_LABELS = {
    CriterionKind.SCORED: pgettext_lazy("kind of scoring item", "Criterion"),
    CriterionKind.BONUS: pgettext_lazy("kind of scoring item", "Bonus points"),
    CriterionKind.PENALTY: pgettext_lazy("kind of scoring item", "Penalty points"),
}
TRUE_WORDS = {"x", "co", "1", "yes", "true", "v"}
FALSE_WORDS = {"", "khong", "0", "no", "false"}
# a scoring table has tens of rows; reading stops well past any real one
MAX_ROWS = 1000
MAX_UPLOAD_BYTES = 5 * 2**20
HEADER_SEARCH_ROWS = 30
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _bilingual(label) -> set[str]:
    words = set()
    for lang in ("vi", "en"):
        with language(lang):
            words.add(fold(str(label)))
    return words


def _column_keys() -> dict[str, str]:
    keys = {}
    for key, label, _width in COLUMNS:
        keys |= dict.fromkeys(_bilingual(label), key)
        keys[key] = key
    return keys


def _header_keys() -> dict[str, str]:
    keys = {}
    for key, label in HEADER:
        keys |= dict.fromkeys(_bilingual(label), key)
    return keys


def _kind_words() -> dict[str, str]:
    words = {}
    for kind, label in KIND_LABELS.items():
        words |= dict.fromkeys(_bilingual(label), kind)
        words |= dict.fromkeys(_bilingual(CriterionKind(kind).label), kind)
        words[kind] = kind
    words |= {"thuong": CriterionKind.BONUS, "tru": CriterionKind.PENALTY, "bonus": CriterionKind.BONUS,
              "penalty": CriterionKind.PENALTY}
    return words


# --- writing --------------------------------------------------------------------------------------


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral() else float(value)


def _workbook(header: dict, rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Scoring table")[:31]
    for key, label in HEADER:
        sheet.append([str(label), header.get(key)])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    sheet.append([])
    sheet.append([str(label) for _key, label, _width in COLUMNS])
    header_row = sheet.max_row
    for index, (_key, _label, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=header_row, column=index)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = width
    for values in rows:
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    xlsx_keep_text(workbook)  # a title typed as "=…" stays text
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _row(group: CriterionGroup | None, criterion) -> list:
    return [
        group.code if group else "", group.title if group else "", criterion.code, criterion.title,
        str(KIND_LABELS[criterion.kind]), _number(criterion.max_points), "x" if criterion.evidence_required else "",
        criterion.guidance,
    ]


def export_xlsx(template: ScoreTemplate) -> bytes:
    groups = {g.pk: g for g in template.groups.all()}
    rows = [_row(groups.get(c.group_id), c) for c in template.criteria.all()]
    header = {"title": template.title, "year": template.year, "cluster_type": template.cluster_type.name,
              "basis": template.basis, "bonus_cap": _number(template.bonus_cap),
              "penalty_cap": _number(template.penalty_cap)}
    return _workbook(header, rows)


# real-looking criteria of a district cluster's table (the province's own wording)
EXAMPLE_GROUPS = [
    ("I", "Thực hiện nhiệm vụ chính trị, phát triển kinh tế – xã hội", [
        ("1", "Hoàn thành các chỉ tiêu kinh tế – xã hội chủ yếu do HĐND, UBND tỉnh giao", 20, False,
         "Mỗi chỉ tiêu không đạt trừ 2 điểm; căn cứ báo cáo của Cục Thống kê."),
        ("2", "Thu ngân sách nhà nước trên địa bàn đạt và vượt dự toán", 10, True,
         "Đạt dự toán: 8 điểm; vượt từ 10% trở lên: 10 điểm."),
        ("3", "Xây dựng nông thôn mới, giảm nghèo bền vững", 10, False, ""),
        ("4", "Cải cách hành chính, chuyển đổi số, chỉ số PAR Index", 10, False,
         "Theo kết quả xếp hạng chỉ số cải cách hành chính năm của tỉnh."),
    ]),
    ("II", "Công tác thi đua, khen thưởng", [
        ("5", "Ký kết giao ước thi đua, phát động và tổ chức các phong trào thi đua", 10, True,
         "Kèm kế hoạch, văn bản phát động của đơn vị."),
        ("6", "Tham gia đầy đủ các hội nghị, hoạt động của cụm", 5, False,
         "Vắng mặt không có lý do một lần trừ 1 điểm."),
        ("7", "Phát hiện, bồi dưỡng, nhân rộng các điển hình tiên tiến", 10, True, ""),
        ("8", "Gửi báo cáo, hồ sơ thi đua đúng thời hạn", 5, False, ""),
    ]),
    ("III", "Quốc phòng, an ninh và đối ngoại", [
        ("9", "Giữ vững quốc phòng, an ninh, chủ quyền lãnh thổ, an ninh biên giới", 10, False, ""),
        ("10", "Hợp tác, giao lưu hữu nghị với các địa phương giáp biên", 10, False, ""),
    ]),
]
EXAMPLE_BONUS = [
    ("T1", "Có sáng kiến, mô hình mới được cấp có thẩm quyền công nhận và nhân rộng", CriterionKind.BONUS, 3,
     True, "Mỗi sáng kiến, mô hình: 1 điểm."),
    ("T2", "Được Thủ tướng Chính phủ, bộ, ngành Trung ương khen thưởng trong năm", CriterionKind.BONUS, 2, True, ""),
    ("P1", "Chậm gửi báo cáo, hồ sơ so với thời hạn của cụm", CriterionKind.PENALTY, 2, False,
     "Mỗi lần chậm trừ 0,5 điểm."),
    ("P2", "Để xảy ra vụ việc phức tạp về an ninh trật tự, khiếu kiện đông người kéo dài", CriterionKind.PENALTY,
     5, False, ""),
]


def example_xlsx() -> bytes:
    """A filled-in example of the layout, to copy from."""
    rows = []
    for group_code, group_title, criteria in EXAMPLE_GROUPS:
        for code, title, points, evidence, guidance in criteria:
            rows.append([group_code, group_title, code, title, str(KIND_LABELS[CriterionKind.SCORED]), points,
                         "x" if evidence else "", guidance])
    for code, title, kind, points, evidence, guidance in EXAMPLE_BONUS:
        rows.append(["", "", code, title, str(KIND_LABELS[kind]), points, "x" if evidence else "", guidance])
    header = {"title": "Bảng tiêu chí chấm điểm thi đua cụm các huyện biên giới năm 2025", "year": 2025,
              "cluster_type": "Cụm các huyện, thành phố", "basis": "Quyết định số 125/QĐ-UBND ngày 15/01/2025",
              "bonus_cap": 5, "penalty_cap": None}
    return _workbook(header, rows)


# --- reading --------------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_table(file) -> dict:
    """The header block and the criterion rows of an upload, as JSON-able text: {"header": {key:
    text}, "rows": [{"row": sheet row number, key: text}]}. The archive is checked before a row
    is read (awards.imports.check_archive refuses zip bombs)."""
    size = getattr(file, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ImportFileError(_("The file is larger than %(mb)s MB: a scoring table is much smaller.")
                              % {"mb": MAX_UPLOAD_BYTES // 2**20})
    check_archive(file)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx).")) from exc
    try:
        return _read_sheet(workbook.worksheets[0])
    finally:
        workbook.close()


def _read_sheet(sheet) -> dict:
    columns, header_keys = _column_keys(), _header_keys()
    header: dict[str, str] = {}
    keys = None
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [_text(v) for v in values]
        if keys is None:
            found = [columns.get(fold(c)) if c else None for c in cells]
            if "title" in found and "kind" in found:
                keys = found
            elif number > HEADER_SEARCH_ROWS:
                break
            elif cells and fold(cells[0]) in header_keys:
                header[header_keys[fold(cells[0])]] = cells[1] if len(cells) > 1 else ""
            continue
        row = {key: value for key, value in zip(keys, cells, strict=False) if key}
        if any(row.values()):
            rows.append({"row": number, **row})
            if len(rows) > MAX_ROWS:
                raise ImportFileError(_("The sheet has more than %(max)s rows: is it a scoring table?")
                                      % {"max": MAX_ROWS})
    if keys is None:
        raise ImportFileError(_("No row of column headers was found (Criterion, Kind, Maximum points…): use the "
                                "layout of the example file."))
    return {"header": header, "rows": rows}


# --- checking -------------------------------------------------------------------------------------


@dataclass
class RowCheck:
    row: int
    data: dict
    kind: str | None = None
    max_points: Decimal | None = None
    evidence_required: bool = False
    errors: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind]) if self.kind else self.data.get("kind", "")


@dataclass
class TableCheck:
    header: dict
    rows: list[RowCheck]
    errors: list[str] = field(default_factory=list)  # of the table as a whole
    bonus_cap: Decimal | None = None
    penalty_cap: Decimal | None = None

    @property
    def error_rows(self) -> list[RowCheck]:
        return [r for r in self.rows if r.errors]

    @property
    def is_valid(self) -> bool:
        return not self.errors and not self.error_rows

    @property
    def group_count(self) -> int:
        return len({(r.data.get("group_code", ""), r.data.get("group_title", "")) for r in self.rows} - {("", "")})


def _decimal(text: str) -> Decimal | None:
    """A number as typed in Vietnamese ("2,5") or read from a cell ("2.5"); None if it is not one."""
    cleaned = text.replace(" ", "")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _points(text: str, *, allow_zero: bool) -> tuple[Decimal | None, str | None]:
    value = _decimal(text)
    if value is None or value < 0 or (value == 0 and not allow_zero):
        return None, "number"
    if value != value.quantize(Decimal("0.01")):
        return None, "places"
    if value >= 10000:
        return None, "large"
    return value.quantize(Decimal("0.01")), None


def check(raw: dict) -> TableCheck:
    """Every row's problems and the table's, saving nothing."""
    kinds = _kind_words()
    header = {key: str(raw.get("header", {}).get(key, "")).strip() for key, _label in HEADER}
    result = TableCheck(header=header, rows=[])
    if not header["title"]:
        result.errors.append(_("The table's title is missing: write it beside “%(label)s” above the criteria.")
                             % {"label": HEADER[0][1]})
    elif len(header["title"]) > 300:
        result.errors.append(_("The table's title is longer than 300 characters."))
    for key, label in HEADER[4:]:
        if header[key]:
            value, problem = _points(header[key], allow_zero=True)
            if problem:
                result.errors.append(_("%(label)s: “%(value)s” is not a number of points (0 or more, at most two "
                                       "decimals).") % {"label": label, "value": header[key]})
            setattr(result, key, value)
    group_titles: dict[str, tuple[str, int]] = {}
    for data in raw.get("rows", []):
        row = RowCheck(row=int(data["row"]), data=data)
        title, kind_text = data.get("title", ""), data.get("kind", "")
        if not title:
            row.errors.append(_("the criterion has no title."))
        elif len(title) > 500:
            row.errors.append(_("the criterion is longer than 500 characters."))
        row.kind = kinds.get(fold(kind_text)) if kind_text else CriterionKind.SCORED
        if row.kind is None:
            row.errors.append(_("unknown kind “%(kind)s”: write %(choices)s.") % {
                "kind": kind_text, "choices": ", ".join(f"“{label}”" for label in KIND_LABELS.values())})
        max_text = data.get("max_points", "")
        row.max_points, problem = _points(max_text, allow_zero=False)
        if problem == "places":
            row.errors.append(_("the maximum “%(value)s” has more than two decimals.") % {"value": max_text})
        elif problem:
            row.errors.append(_("the maximum must be a positive number of points, not “%(value)s”.")
                              % {"value": max_text} if max_text else _("the maximum points are missing."))
        evidence = fold(data.get("evidence_required", ""))
        if evidence in TRUE_WORDS:
            row.evidence_required = True
        elif evidence not in FALSE_WORDS:
            row.errors.append(_("evidence required: write x or leave the cell empty, not “%(value)s”.")
                              % {"value": data.get("evidence_required")})
        if len(data.get("code", "")) > 20 or len(data.get("group_code", "")) > 20:
            row.errors.append(_("a code is longer than 20 characters."))
        group_code, group_title = data.get("group_code", ""), data.get("group_title", "")
        if len(group_title) > 300:
            row.errors.append(_("the group title is longer than 300 characters."))
        if group_code and not group_title:
            row.errors.append(_("group %(code)s has no title.") % {"code": group_code})
        elif group_code:
            seen = group_titles.setdefault(group_code, (group_title, row.row))
            if fold(seen[0]) != fold(group_title):
                row.errors.append(_("group %(code)s is titled “%(title)s” on row %(row)s.")
                                  % {"code": group_code, "title": seen[0], "row": seen[1]})
        result.rows.append(row)
    if not result.rows:
        result.errors.append(_("The sheet has no criteria under the column headers."))
    elif not any(r.kind == CriterionKind.SCORED for r in result.rows):
        result.errors.append(_("The table has no scored criterion (kind “%(kind)s”).")
                             % {"kind": KIND_LABELS[CriterionKind.SCORED]})
    return result


# --- saving ---------------------------------------------------------------------------------------


def apply(checked: TableCheck, *, template: ScoreTemplate | None = None, cluster_type: ClusterType | None = None,
          year: int | None = None) -> ScoreTemplate:
    """Save the checked table: a new table of `cluster_type` and `year`, or in place of the groups
    and criteria of `template` (its title, basis and caps taken from the file). Every write goes
    through the services, which refuse a table a cluster already scores with."""
    if not checked.is_valid:
        raise ValueError("a table with errors is never saved")
    header = checked.header
    with transaction.atomic():
        if template is None:
            template = ScoreTemplate(cluster_type=cluster_type, year=year)
        else:
            template = ScoreTemplate.objects.select_for_update().get(pk=template.pk)
            for criterion in template.criteria.all():
                services.criterion_delete(criterion=criterion)
            for group in template.groups.all():
                services.group_delete(group=group)
        template.title = header["title"]
        template.basis = header["basis"][:300]
        template.bonus_cap, template.penalty_cap = checked.bonus_cap, checked.penalty_cap
        services.template_save(template=template)
        groups: dict[tuple[str, str], CriterionGroup] = {}
        for order, row in enumerate(checked.rows, start=1):
            key = _group_key(row.data)
            group = None
            if key is not None:
                group = groups.get(key)
                if group is None:
                    group = services.group_save(group=CriterionGroup(
                        template=template, order=len(groups) + 1, code=row.data.get("group_code", ""),
                        title=row.data.get("group_title", "")))
                    groups[key] = group
            services.criterion_save(criterion=Criterion(
                template=template, group=group, order=order, code=row.data.get("code", ""),
                title=row.data["title"], kind=row.kind, max_points=row.max_points,
                evidence_required=row.evidence_required, guidance=row.data.get("guidance", "")))
    return template


def _group_key(data: dict) -> tuple[str, str] | None:
    """Rows of one group share its code (or, without a code, its title)."""
    code, title = data.get("group_code", ""), data.get("group_title", "")
    if code:
        return ("code", code)
    if title:
        return ("title", fold(title))
    return None
