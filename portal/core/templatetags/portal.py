from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal.core import dates

register = template.Library()


@register.filter
def vn_date(value):
    """{{ meeting.date|vn_date }} -> 'Thứ Sáu, 14/07/2017'."""
    return dates.format_date(value)


@register.filter
def vn_datetime(value):
    """{{ article.published_at|vn_datetime }} -> 'Thứ Sáu, 21/07/2017 - 15:07'."""
    return dates.format_datetime(value)


@register.simple_tag
def sample_badge(obj):
    """The small label invented demo records carry on their public pages."""
    if getattr(obj, "is_sample", False):
        return format_html('<span class="badge badge-sample">{}</span>', _("Sample data"))
    return ""


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (pagination keeps the filters)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def page_extras(context, slot, obj):
    """Content higher apps add to this page (see portal.core.extras)."""
    from django.utils.safestring import mark_safe

    from portal.core import extras

    return mark_safe(extras.render(slot, context.get("request"), obj))  # noqa: S308 - renderers return escaped HTML


@register.simple_tag
def page_numbers(page):
    """1 … 4 5 [6] 7 8 … 40: the page links around the current page, for includes/pagination.html."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
