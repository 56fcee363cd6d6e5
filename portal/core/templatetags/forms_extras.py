"""{% error_summary form sections %}: every error of a refused save at the top of the form."""

from django import template
from django.utils.text import capfirst

from portal.core.error_summary import error_summary as build_summary

register = template.Library()


@register.inclusion_tag("core/error_summary.html")
def error_summary(form, sections=()):
    return {"items": build_summary(form, sections)}


@register.inclusion_tag("core/error_summary.html")
def admin_error_summary(adminform, inline_admin_formsets=()):
    """The same for an admin change form: the main form and every inline."""
    sections = [(capfirst(inline.opts.verbose_name_plural), inline.formset) for inline in inline_admin_formsets]
    return {"items": build_summary(adminform.form if adminform else None, sections)}
