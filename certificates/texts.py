"""What each field of a certificate says, from a decision line and its register entry.

Certificates are Vietnamese papers whatever language the staff's screen is in: the words this
module adds (“Quyết định số…”, “ngày … tháng … năm …”) are translated under the vi locale."""

import datetime

from django.utils import translation
from django.utils.translation import gettext

from awards.models import DecisionLine

from .models import FieldSource, LayoutField
from .render import Box, Page


def official_date_parts(date: datetime.date) -> dict[str, str]:
    """Day and month as Decree 30/2020 writes them: a zero before days under 10 and months 1 and 2."""
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
    return {"day": day, "month": month, "year": str(date.year)}


def line_texts(line: DecisionLine, *, register_number: str) -> dict[str, str]:
    """{source: text} for one line (the decision, its award and class loaded with it)."""
    decision = line.decision
    with translation.override("vi"):
        award = line.award.name
        if line.award_class_id:
            award = f"{award} {line.award_class.name}"
        decision_text = ""
        if decision.number_text and decision.signed_on:
            decision_text = gettext("Decision No. %(number)s of %(date)s") % {
                "number": decision.number_text, "date": f"{decision.signed_on:%d/%m/%Y}"}
        return {
            FieldSource.NAME: line.name_text,
            FieldSource.TITLE_AND_UNIT: ", ".join(t for t in (line.title_text, line.unit_text) if t.strip()),
            FieldSource.ACHIEVEMENT: line.reason,
            FieldSource.AWARD: award,
            FieldSource.DECISION: decision_text,
            FieldSource.SIGNER_TITLE: decision.signer_title,
            FieldSource.SIGNER_NAME: decision.signer_name,
            FieldSource.REGISTER_NUMBER: register_number,
            "date": decision.signed_on,
        }


def field_text(field: LayoutField, texts: dict) -> str:
    if field.source == FieldSource.FIXED_TEXT:
        value = field.text
    elif field.source == FieldSource.PLACE_AND_DATE:
        date = texts.get("date")
        if date is None:
            value = ""
        else:
            with translation.override("vi"):
                value = gettext("%(place)s, day %(day)s month %(month)s year %(year)s") % {
                    "place": field.text, **official_date_parts(date)}
            value = value.lstrip(", ") if not field.text else value
    else:
        value = texts.get(field.source, "") or ""
    if not value.strip():
        return ""  # no prefix before nothing: the blank's dotted line stays empty
    value = f"{field.prefix}{value}"
    return value.upper() if field.uppercase else value


def field_box(field: LayoutField) -> Box:
    return Box(
        x_mm=float(field.x_mm), y_mm=float(field.y_mm), width_mm=float(field.width_mm),
        height_mm=float(field.height_mm), font_size=float(field.font_size), min_font_size=float(field.min_font_size),
        bold=field.bold, italic=field.italic, align=field.align, label=field.get_source_display(),
    )


def certificate_page(layout, fields, texts: dict, *, label: str = "", background: bytes | None = None) -> Page:
    width, height = layout.page_size_mm
    page = Page(width_mm=width, height_mm=height, label=label, background=background)
    for field in fields:
        text = field_text(field, texts)
        if text:
            page.texts.append((field_box(field), text))
    return page
