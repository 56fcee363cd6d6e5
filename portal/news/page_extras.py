"""The news about a record, for other apps' pages. Registered into their page slots in
NewsConfig.ready() (see portal.core.extras), so lower apps never import news."""

from django.template.loader import render_to_string

from portal.news import selectors


def news_about(request, meeting, limit=10) -> str:
    """The published news about a meeting (one query), as a titled list; nothing when none."""
    articles = selectors.articles_for_meeting(meeting, limit=limit)
    if not articles:
        return ""
    return render_to_string("news/_news_about.html", {"articles": articles}, request=request)
