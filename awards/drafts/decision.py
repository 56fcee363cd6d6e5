"""A commendation decision laid out as Nghị định 30/2020/NĐ-CP (Phụ lục I) lays out an
administrative decision, from what the record holds.

The document's own words ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Căn cứ …", "Điều 1.") are the
legal form of a Vietnamese decision, not interface text: they are written here in Vietnamese and
are never translated. Parts taken from other records (a document's citation, an award's name)
are read in Vietnamese whatever the language of the person downloading.

A fact the record does not hold is left as a dotted blank for the signer to fill: an unknown
number is "Số: ……/QĐ-UBND", an unknown date "ngày …… tháng …… năm ……". Nothing is guessed.

The legal bases ("Căn cứ …;") come, in this order of preference, from
1. the documents of the library the decision cites (any relation from Decision to
   documents.Document, so the draft follows as soon as the record gains one), ordered by the
   rank of their kind (law, decree, circular, decision…) then their date;
2. otherwise, the legal bases of the dated award rules its lines were checked against (the
   powers of its issuing authority on its signing date), each named by its library record when
   the library holds a document of that number;
3. otherwise a dotted blank.
The proposal memos it rests on give the closing "Xét đề nghị của … tại Tờ trình số …" lines."""

import datetime
import re
from collections import OrderedDict

from django.db.models import Prefetch
from django.utils import translation

from clusters.models import UnitKind

from ..models import AwardCategory, AwardLevel, AwardRule, Decision, DecisionLine, SigningForm, SubjectType
from .layout import BLANK, LONG_BLANK, Cell, Layout, PageBreak, Paragraph, Run, Table, para

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

# Units that are places, not bodies: a place names the "địa danh" of the date line and is never
# printed as a parent body above the issuer.
TERRITORIES = {UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE, UnitKind.VILLAGE}
PLACE_KINDS = {UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE}
_PLACE_PREFIX = re.compile(r"^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+", re.IGNORECASE)
_COMMITTEE_PLACE = re.compile(
    r"^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)"
    r"\s+(.+)$", re.IGNORECASE)
# Abbreviations a record may use that a decision spells out in its heading.
_ABBREVIATIONS = [(re.compile(r"\bUBND\b"), "Ủy ban nhân dân"), (re.compile(r"\bHĐND\b"), "Hội đồng nhân dân")]
_DOCUMENT_NUMBER = re.compile(r"\b\d+[a-zA-Z]?/\d{4}/[\wĐđ\-]+")

# Groups of the attached list, in the order decisions print them ("06 tập thể, 06 cá nhân").
GROUPS = [
    (SubjectType.COLLECTIVE, "TẬP THỂ", "tập thể"),
    (SubjectType.INDIVIDUAL, "CÁ NHÂN", "cá nhân"),
    (SubjectType.HOUSEHOLD, "HỘ GIA ĐÌNH", "hộ gia đình"),
]
ROMAN = ["I", "II", "III", "IV"]
TITLE_CATEGORIES = {AwardCategory.EMULATION_TITLE, AwardCategory.STATE_HONORARY_TITLE}

HEADER_SIZE = 13.0
TABLE_SIZE = 13.0
INDENT_MM = 10.0
SIGNATURE_SPACE_PT = 72.0  # about 25 mm


# --- reading the record -------------------------------------------------------------------------


def load_decision(pk) -> Decision:
    """The decision with everything its draft prints, in a fixed number of queries."""
    lines = DecisionLine.objects.select_related("award", "award_class", "organisation").order_by("order", "id")
    return (Decision.objects.select_related("issuer_role", "issuer_unit__parent__parent")
            .prefetch_related(Prefetch("lines", queryset=lines), "based_on__submitting_unit", "legal_bases")
            .get(pk=pk))


def _expand(name: str) -> str:
    for pattern, full in _ABBREVIATIONS:
        name = pattern.sub(full, name)
    return name.strip()


def _ancestors(unit, depth=6):
    while unit is not None and depth:
        yield unit
        unit, depth = unit.parent, depth - 1


def place_name(unit) -> str:
    """The địa danh of the date line: the province, district or commune the body sits in
    ('Lạng Sơn'); empty when the record does not say."""
    for ancestor in _ancestors(unit):
        if ancestor.kind in PLACE_KINDS:
            return ancestor.short_name or _PLACE_PREFIX.sub("", ancestor.name).strip()
    match = _COMMITTEE_PLACE.match(unit.name.strip()) if unit is not None else None
    return match.group(1).strip() if match else ""


def parent_body(unit):
    """The body above the issuer (cơ quan chủ quản), when the record names one."""
    parent = unit.parent if unit is not None else None
    return parent if parent is not None and parent.kind not in TERRITORIES else None


def _two(value: int) -> str:
    return f"{value:02d}"


def date_line(place: str, day: datetime.date | None) -> str:
    """'Lạng Sơn, ngày 20 tháng 12 năm 2024'. The decree writes a day below 10 and the months
    January and February with a leading zero; an unknown part is a blank to fill."""
    where = place or LONG_BLANK
    if day is None:
        return f"{where}, ngày {BLANK} tháng {BLANK} năm {BLANK}"
    month = _two(day.month) if day.month < 3 else str(day.month)
    return f"{where}, ngày {_two(day.day)} tháng {month} năm {day.year}"


def short_date(day: datetime.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else f"{BLANK}/{BLANK}/{BLANK}"


def number_and_symbol(decision) -> str:
    """'123/QĐ-UBND'; with the number unknown, a blank before the symbol."""
    if decision.number is not None:
        return decision.number_text or (f"{decision.number}/{decision.symbol}" if decision.symbol
                                        else str(decision.number))
    return f"{BLANK}/{decision.symbol}" if decision.symbol else BLANK


def head_title(decision) -> str:
    """The title of the head in whose name the decision is issued ('Chủ tịch'); empty when the
    record does not give it (a department's director is recorded only as 'unit head')."""
    role = decision.issuer_role
    if role.admin_level:
        return "Chủ tịch"
    if role.level == AwardLevel.STATE:
        return role.name
    title = decision.signer_title.strip()
    if decision.signing_form == SigningForm.OTHER and title and not title.lower().startswith("quyền "):
        return title
    return ""


def authority_line(decision) -> str:
    """'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN': who decides, under the title."""
    body = _expand(decision.issuer_unit.name)
    role = decision.issuer_role
    if role.level == AwardLevel.STATE and not role.admin_level:
        return role.name.upper()
    head = head_title(decision)
    if head and body.lower().startswith(head.lower()):
        return body.upper()
    return f"{head.upper() if head else LONG_BLANK} {body.upper()}"


def signature_lines(decision) -> list[str]:
    """The signing form and the signer's title, as the decree stacks them above the name:
    'TM. ỦY BAN NHÂN DÂN' / 'CHỦ TỊCH'; 'KT. CHỦ TỊCH' / 'PHÓ CHỦ TỊCH'; 'Q. CHỦ TỊCH'."""
    title = decision.signer_title.strip()
    head = head_title(decision)
    form = decision.signing_form
    unit = decision.issuer_unit
    if form == SigningForm.TM:
        collective = "Ủy ban nhân dân" if unit.kind == UnitKind.PEOPLES_COMMITTEE else _expand(unit.name)
        return [f"TM. {collective.upper()}", (title or head or LONG_BLANK).upper()]
    if form == SigningForm.KT:
        return [f"KT. {(head or LONG_BLANK).upper()}", (title or LONG_BLANK).upper()]
    if form == "Q" or title.lower().startswith("quyền "):  # an acting head signs
        acting = title[len("quyền "):] if title.lower().startswith("quyền ") else (head or LONG_BLANK)
        return [f"Q. {acting.upper()}"]
    return [(title or head or LONG_BLANK).upper()]


# --- legal bases ----------------------------------------------------------------------------------


def _document_model():
    from django.apps import apps

    return apps.get_model("documents", "Document") if apps.is_installed("documents") else None


KIND_RANK = ["law", "decree", "circular", "decision", "plan", "guidance", "official_letter", "report", "other"]


def cited_documents(decision) -> list:
    """Library documents the decision itself cites (its legal bases), the law first."""
    return sorted(decision.legal_bases.all(), key=lambda d: (
        KIND_RANK.index(d.kind) if d.kind in KIND_RANK else len(KIND_RANK), d.signed_on or datetime.date.max))


def rule_bases(decision, lines) -> list[str]:
    """The legal bases of the award rules in force on the signing date under which the issuing
    authority grants the lines' awards ('Luật Thi đua, khen thưởng 06/2022/QH15', …)."""
    if decision.signed_on is None or not lines:
        return []
    wanted = {(line.award_id, line.subject_type) for line in lines}
    rules = (AwardRule.objects.valid_on(decision.signed_on)
             .filter(issuer_role_id=decision.issuer_role_id, award_id__in={a for a, _s in wanted})
             .order_by("valid_from", "id"))
    bases = OrderedDict()
    for rule in rules:
        if (rule.award_id, rule.subject_type) in wanted:
            for part in rule.legal_basis.split(";"):
                if part.strip():
                    bases[part.strip()] = None
    return list(bases)


def _cite_text(text: str) -> str:
    """A basis written as text, named by the library's record of that number when there is one."""
    Document = _document_model()
    match = _DOCUMENT_NUMBER.search(text)
    if Document is None or match is None:
        return text
    document = Document.objects.published().filter(number=match.group(0)).first()
    return document.citation if document is not None else text


def legal_basis_texts(decision, lines) -> list[str]:
    documents = cited_documents(decision)
    if documents:
        return [document.citation for document in documents]
    return [_cite_text(text) for text in rule_bases(decision, lines)]


def proposal_texts(decision) -> list[str]:
    texts = []
    for memo in decision.based_on.all():
        unit = memo.submitting_unit
        texts.append(f"Xét đề nghị của {_expand(unit.name) if unit else LONG_BLANK} tại Tờ trình số "
                     f"{memo.number_text or BLANK} ngày {short_date(memo.date)}")
    return texts


# --- the articles -----------------------------------------------------------------------------------


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def award_label(line) -> str:
    label = line.award.name
    if line.award_class_id:
        label = f"{label} {line.award_class.name}"
    return label


def _counts(lines) -> str:
    """'02 tập thể, 03 cá nhân'."""
    parts = []
    for subject, _heading, noun in GROUPS:
        count = sum(1 for line in lines if line.subject_type == subject)
        if count:
            parts.append(f"{_two(count)} {noun}")
    return ", ".join(parts)


def article_award(lines) -> str:
    awards = OrderedDict()
    for line in lines:
        label = award_label(line)
        awards[label] = f"danh hiệu “{label}”" if line.award.category in TITLE_CATEGORIES else label
    reasons = {line.reason.strip() for line in lines}
    what = ", ".join(awards.values()) or LONG_BLANK
    text = f"Tặng {what} cho {_counts(lines) or LONG_BLANK} (có danh sách kèm theo)"
    if len(reasons) == 1 and (reason := reasons.pop()):
        text += f", vì đã có {reason[len('đã có '):]}" if reason.lower().startswith("đã có ") else f", vì: {reason}"
    return text + "."


def article_cash(lines) -> str | None:
    paid = [line for line in lines if line.cash_amount]
    if not paid:
        return None
    funds = OrderedDict((line.fund.strip(), None) for line in paid if line.fund.strip())
    total = sum(line.cash_amount for line in paid)
    return (f"Tiền thưởng theo danh sách kèm theo, tổng cộng {_money(total)} đồng, "
            f"trích từ {', '.join(funds) or LONG_BLANK}.")


def article_execution(decision, lines) -> str:
    nouns = [noun for subject, _h, noun in GROUPS if any(line.subject_type == subject for line in lines)]
    named = ", ".join(nouns) or "tập thể, cá nhân"
    return ("Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị có liên "
            f"quan và các {named} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.")


# --- the page ----------------------------------------------------------------------------------------


def _center(text, *, bold=False, italic=False, underline=False, size=14.0, after=0.0, before=0.0, **options):
    return para(Run(text, bold=bold, italic=italic, underline=underline), align="center", size=size,
                space_after_pt=after, space_before_pt=before, **options)


def _heading(decision) -> Table:
    unit = decision.issuer_unit
    left = []
    parent = parent_body(unit)
    if parent is not None:
        left.append(_center(_expand(parent.name).upper(), size=HEADER_SIZE))
    left.append(_center(_expand(unit.name).upper(), bold=True, size=HEADER_SIZE))
    right = [_center(NATIONAL_TITLE, bold=True, size=HEADER_SIZE),
             _center(MOTTO, bold=True, underline=True, size=14.0)]
    number = _center(f"Số: {number_and_symbol(decision)}", size=HEADER_SIZE, before=6)
    when = _center(date_line(place_name(unit), decision.signed_on), italic=True, size=14.0, before=6)
    return Table(widths=(0.4, 0.6), rows=((Cell(tuple(left)), Cell(tuple(right))), (Cell((number,)), Cell((when,)))))


def _article(number: int, text: str) -> Paragraph:
    return para(Run(f"Điều {number}. ", bold=True), text, first_line_indent_mm=INDENT_MM, space_after_pt=6)


def _signature(decision, recipients: list[str]) -> Table:
    left = [para(Run("Nơi nhận:", bold=True, italic=True), align="left", size=12, space_after_pt=0)]
    left += [para(text, align="left", size=11, space_after_pt=0) for text in recipients]
    right = [_center(line, bold=True) for line in signature_lines(decision)]
    # the space above the name is for the signature and the seal
    right.append(_center(decision.signer_name.strip() or LONG_BLANK, bold=True, before=SIGNATURE_SPACE_PT))
    return Table(widths=(0.45, 0.55), rows=((Cell(tuple(left)), Cell(tuple(right))),))


def _cell(text: str, *, bold=False, italic=False, align="left") -> Cell:
    return Cell((para(Run(text, bold=bold, italic=italic), align=align, size=TABLE_SIZE, space_after_pt=0),))


def attached_list(decision, lines) -> list:
    with_cash = any(line.cash_amount for line in lines)
    reasons = {line.reason.strip() for line in lines}
    per_line_reason = len(reasons) > 1
    headers = ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức khen thưởng"]
    widths = [0.08, 0.32, 0.32, 0.28]
    if with_cash:
        headers.append("Tiền thưởng (đồng)")
        widths = [0.07, 0.27, 0.26, 0.23, 0.17]
    columns = len(headers)
    rows = [tuple(_cell(text, bold=True, align="center") for text in headers)]
    shaded = set()
    group_index = 0
    for subject, heading, _noun in GROUPS:
        group = [line for line in lines if line.subject_type == subject]
        if not group:
            continue
        shaded.add(len(rows))
        rows.append((Cell((para(Run(f"{ROMAN[group_index]}. {heading} ({_two(len(group))})", bold=True),
                                align="left", size=TABLE_SIZE, space_after_pt=0),), colspan=columns),))
        group_index += 1
        for number, line in enumerate(group, start=1):
            where = ", ".join(filter(None, [line.title_text.strip(), line.unit_text.strip()]))
            if not where and line.organisation_id:
                where = line.organisation.name
            award = award_label(line) + (" (truy tặng)" if line.posthumous else "")
            award_paragraphs = [para(award, align="left", size=TABLE_SIZE, space_after_pt=0)]
            if per_line_reason and line.reason.strip():
                award_paragraphs.append(para(Run(line.reason.strip(), italic=True), align="left", size=11,
                                             space_after_pt=0))
            row = [_cell(str(number), align="center"), _cell(line.name_text), _cell(where),
                   Cell(tuple(award_paragraphs))]
            if with_cash:
                row.append(_cell(_money(line.cash_amount) if line.cash_amount else "", align="right"))
            rows.append(tuple(row))
    if with_cash:
        total = sum(line.cash_amount or 0 for line in lines)
        label = _cell("Tổng cộng", bold=True, align="center")
        rows.append((Cell(label.paragraphs, colspan=columns - 1), _cell(_money(total), bold=True, align="right")))
    subject = re.sub(r"^về việc\s+", "", decision.subject_line.strip(), flags=re.IGNORECASE)
    return [
        PageBreak(),
        _center("DANH SÁCH", bold=True),
        _center(subject[:1].upper() + subject[1:], bold=True),
        _center(f"(Kèm theo Quyết định số {number_and_symbol(decision)} ngày {short_date(decision.signed_on)} "
                f"của {_issuer_in_text(decision)})", italic=True, after=9),
        Table(widths=tuple(widths), rows=tuple(rows), grid=True, header_rows=1, shaded_rows=frozenset(shaded)),
    ]


def decision_layout(decision: Decision) -> Layout:
    """The draft of `decision` (read it with load_decision to keep the query count fixed)."""
    with translation.override("vi"):
        return _layout(decision)


def _issuer_in_text(decision) -> str:
    """'Chủ tịch Ủy ban nhân dân tỉnh Lạng Sơn' for the line under the attached list's title."""
    body = _expand(decision.issuer_unit.name)
    role = decision.issuer_role
    if role.level == AwardLevel.STATE and not role.admin_level:
        return role.name
    head = head_title(decision)
    if head and body.lower().startswith(head.lower()):
        return body
    return f"{head or LONG_BLANK} {body}"


def _layout(decision: Decision) -> Layout:
    lines = list(decision.lines.all())
    blocks = [_heading(decision),
              _center("QUYẾT ĐỊNH", bold=True, before=18),
              _center(decision.subject_line.strip() or LONG_BLANK, bold=True, after=12),
              _center(authority_line(decision), bold=True, after=12)]

    bases = [f"Căn cứ {text}" for text in legal_basis_texts(decision, lines)] or [f"Căn cứ {LONG_BLANK}"]
    bases += proposal_texts(decision) or [f"Xét đề nghị của {LONG_BLANK}"]
    for index, text in enumerate(bases):
        end = "." if index == len(bases) - 1 else ";"
        blocks.append(para(Run(text.rstrip(".;") + end, italic=True), first_line_indent_mm=INDENT_MM,
                           space_after_pt=3))
    blocks.append(_center("QUYẾT ĐỊNH:", bold=True, before=9, after=9))

    articles = [article_award(lines)]
    cash = article_cash(lines)
    if cash:
        articles.append(cash)
    articles.append(article_execution(decision, lines))
    blocks += [_article(number, text) for number, text in enumerate(articles, start=1)]

    recipients = [f"- Như Điều {len(articles)};"]
    recipients += [f"- {_expand(memo.submitting_unit.name)};" for memo in decision.based_on.all()
                   if memo.submitting_unit_id]
    recipients.append("- Lưu: VT.")
    blocks.append(_signature(decision, list(OrderedDict.fromkeys(recipients))))

    if lines:
        blocks += attached_list(decision, lines)
    title = f"Quyết định số {number_and_symbol(decision)}"
    return Layout(title=title, blocks=tuple(blocks))
