"""Reads of the public shell shared by pages, feeds and the sitemap."""

from django.core.cache import cache

from .models import LinkGroup, SiteProfile

SITE_CONTEXT_KEY = "portal:site-context:v1"


def site_context() -> dict:
    """Header, sidebar and footer facts: one cache read per page, two queries on a miss."""
    data = cache.get(SITE_CONTEXT_KEY)
    if data is None:
        groups = list(LinkGroup.objects.prefetch_related("links"))
        data = {
            "profile": SiteProfile.current(),
            "link_groups": [(g.title, [(link.title, link.url) for link in g.links.all()]) for g in groups],
        }
        cache.set(SITE_CONTEXT_KEY, data, 60 * 60)
    return data


def site_context_clear() -> None:
    cache.delete(SITE_CONTEXT_KEY)
