from django import template
from django.urls import NoReverseMatch

register = template.Library()


@register.simple_tag
def url_of(obj):
    """The object's page, or "" while the app that shows it has no such page yet."""
    if obj is None:
        return ""
    try:
        return obj.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        return ""
