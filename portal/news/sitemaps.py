"""sitemap.xml: an index of sections (the home page, the news, and the public pages of the other
apps that exist), each section in pages of PAGE_SIZE addresses. One document with every address
took seconds to build at a province's size; a page of the index costs the same whatever the size."""

import importlib

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from portal.core.cache import cached
from portal.core.pagination import CachedCountPaginator

from .models import Article

# addresses per sitemap page: small enough to build in a few milliseconds
PAGE_SIZE = 1000


class CountedSitemap(Sitemap):
    """The index counts every section: counts kept until the next write (portal.core.pagination)."""

    @property
    def paginator(self):
        return CachedCountPaginator(self._items(), self.limit)


class StaticSitemap(CountedSitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["home", "news:list"]

    def location(self, item):
        return reverse(item)


class ArticleSitemap(CountedSitemap):
    changefreq = "monthly"
    priority = 0.8
    limit = PAGE_SIZE

    def items(self):
        return Article.objects.published().order_by("-published_at", "-id").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # the index's <lastmod> from one aggregate, not by reading every article; kept until a write
        return cached("sitemap-news-lastmod", (), lambda: Article.objects.published().aggregate(
            latest=Max("updated_at"))["latest"])


class _QuerysetSitemap(CountedSitemap):
    changefreq = "monthly"
    priority = 0.5
    limit = PAGE_SIZE

    def __init__(self, queryset_factory):
        self.queryset_factory = queryset_factory

    def items(self):
        return self.queryset_factory()


# (name, module, model, how to get the public rows)
OTHER_APPS = [
    ("clusters", "clusters.models", "Cluster", lambda model: model.objects.order_by("pk")),
    ("units", "clusters.models", "Unit", lambda model: model.objects.filter(is_external=False).order_by("pk")),
    ("people", "clusters.models", "Person", lambda model: model.objects.order_by("pk")),
    ("meetings", "meetings.models", "Meeting", lambda model: model.objects.published().order_by("pk")),
    ("documents", "documents.models", "Document", lambda model: model.objects.published().order_by("pk")),
    ("decisions", "awards.models", "Decision",
     lambda model: (model.objects.published() if hasattr(model.objects, "published") else model.objects.none())
     .order_by("pk")),
    ("movements", "awards.models", "Movement", lambda model: model.objects.filter(is_published=True).order_by("pk")),
    ("consultations", "nominations.models", "Consultation",
     lambda model: model.objects.filter(published_on__lte=timezone.localdate()).order_by("pk")),
    ("scoring", "scoring.models", "Scoring",
     lambda model: model.objects.filter(results__version=1, cluster_year__withdrawn_at__isnull=True)
     .select_related("cluster_year__cluster").order_by("pk")),
]


def _has_public_page(model) -> bool:
    return hasattr(model, "get_absolute_url")


def sitemaps() -> dict:
    maps = {"static": StaticSitemap, "news": ArticleSitemap}
    for name, module_name, model_name, rows in OTHER_APPS:
        try:
            model = getattr(importlib.import_module(module_name), model_name)
        except (ImportError, AttributeError):
            continue
        if _has_public_page(model) and _url_exists(model):
            maps[name] = _QuerysetSitemap(lambda model=model, rows=rows: rows(model))
    return maps


_URLS_KNOWN: set = set()


def _url_exists(model) -> bool:
    """Some apps define get_absolute_url before their views exist; leave those out for now.
    Known per process once a row has answered (URLs do not change while it runs)."""
    from django.urls import NoReverseMatch

    if model in _URLS_KNOWN:
        return True
    obj = model.objects.order_by("pk").first()
    if obj is None:
        return True
    try:
        obj.get_absolute_url()
    except NoReverseMatch:
        return False
    _URLS_KNOWN.add(model)
    return True
