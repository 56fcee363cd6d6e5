"""The list of every error of a refused save, shown at the top of the form with a link to each
field: the first error of a long form may be thousands of pixels down ("Người dự, hàng 2: Họ và
tên: …"). Used by the back office's filing form and by every admin change form."""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ErrorItem:
    text: str
    href: str = ""


def _anchor(bound_field) -> str:
    ident = bound_field.id_for_label or bound_field.auto_id
    return f"#{ident}" if ident and not bound_field.is_hidden else ""


def _first_visible_anchor(form) -> str:
    for bound_field in form.visible_fields():
        if anchor := _anchor(bound_field):
            return anchor
    return ""


def _join(where: str, message: str) -> str:
    return _("%(where)s: %(message)s") % {"where": where, "message": message} if where else message


def form_errors(form, *, where: str = "") -> list[ErrorItem]:
    """Each message of `form`, named by `where` (a section and row) and the field's label."""
    items = [ErrorItem(_join(where, str(message)), _first_visible_anchor(form))
             for message in form.non_field_errors()]
    for bound_field in form:
        for message in bound_field.errors:
            label = str(bound_field.label or bound_field.name)
            text = _join(_join(where, label), str(message)) if not bound_field.is_hidden else _join(where, message)
            items.append(ErrorItem(text, _anchor(bound_field)))
    return items


def formset_errors(title: str, formset, *, anchor: str = "") -> list[ErrorItem]:
    items = [ErrorItem(_join(str(title), str(message)), anchor) for message in formset.non_form_errors()]
    for number, form in enumerate(formset.forms, start=1):
        if form.errors:
            where = _("%(section)s, row %(number)s") % {"section": title, "number": number}
            items.extend(form_errors(form, where=where))
    return items


def error_summary(form, sections=()) -> list[ErrorItem]:
    """`sections`: (title, formset) pairs, or (title, formset, anchor) where the formset's own
    errors should link to its section."""
    items = form_errors(form) if form is not None and form.is_bound else []
    for section in sections:
        title, formset, anchor = (*section, "")[:3]
        if formset.is_bound:
            items.extend(formset_errors(title, formset, anchor=anchor))
    return items
