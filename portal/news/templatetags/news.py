"""Template hooks other apps' pages may use to show news: {% load news %}{% news_about meeting %}."""

from django import template

from portal.news import selectors

register = template.Library()


@register.inclusion_tag("news/_news_about.html")
def news_about(meeting, limit=10):
    """The published news about a meeting (one query), as a titled list; nothing when none."""
    return {"articles": selectors.articles_for_meeting(meeting, limit=limit)}
