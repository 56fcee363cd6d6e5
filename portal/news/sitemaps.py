"""sitemap.xml: the home page, the news, and the public pages of the other apps that exist."""

import importlib

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article


class StaticSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["home", "news:list"]

    def location(self, item):
        return reverse(item)


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8
    limit = 5000

    def items(self):
        return Article.objects.published().order_by("-published_at", "-id").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class _QuerysetSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5
    limit = 5000

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


def _url_exists(model) -> bool:
    """Some apps define get_absolute_url before their views exist; leave those out for now."""
    from django.urls import NoReverseMatch

    obj = model.objects.order_by("pk").first()
    if obj is None:
        return True
    try:
        obj.get_absolute_url()
    except NoReverseMatch:
        return False
    return True
