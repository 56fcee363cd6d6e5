"""Reads of the public shell shared by pages, feeds and the sitemap."""

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch

from .models import Article, ArticlePhoto, ArticleStatus, Category, LinkGroup, SiteProfile

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


# --- articles -----------------------------------------------------------------------------------

def article_public_list():
    """Published articles, newest first, with what list items print (one query). The body and
    search columns stay behind: lists print titles and summaries, and bodies are large."""
    return (
        Article.objects.published().select_related("category").defer("body", "search_text", "search_title")
        .order_by("-published_at", "-id")
    )


def with_gallery(queryset):
    """Adds `article.gallery` (its photos in order) with one more query, for list thumbnails."""
    return queryset.prefetch_related(
        Prefetch("photos", queryset=ArticlePhoto.objects.order_by("order", "id"), to_attr="gallery")
    )


def article_home_lists(*, featured: int = 1, latest: int = 8) -> dict:
    """The home page's lead story and the latest others: three queries whatever the archive size."""
    base = article_public_list()
    # The lead story shows its cover, or else the first photo of its gallery.
    lead = list(with_gallery(base.filter(featured=True))[:featured]) or list(with_gallery(base)[:1])
    latest_items = list(base.exclude(pk__in=[a.pk for a in lead])[:latest])
    return {"featured": lead, "latest": latest_items}


def article_detail(slug: str) -> tuple[int, str]:
    """(id, title) of a published article: what its page needs when its rendered parts are
    stored; raises Article.DoesNotExist. Read once per data version (a found row is kept, so a
    made-up address costs its query every time but fills nothing); whether it is out yet is
    judged now, so a scheduled article appears on time."""
    from django.utils import timezone

    from portal.core.cache import cached

    row = cached("article-head", (slug,), lambda: Article.objects.exclude(status=ArticleStatus.DRAFT)
                 .filter(slug=slug).values_list("pk", "title", "published_at").first())
    if row is None or row[2] is None or row[2] > timezone.now():
        raise Article.DoesNotExist
    return row[0], row[1]


def article_by_id(pk: int):
    """The article, body included, with its category: for the parts of its page that are not
    stored (one query; the caller has found it published)."""
    return Article.objects.select_related("category").defer("search_text", "search_title").get(pk=pk)


def article_parts(article, *, prefetched: bool = False) -> dict:
    """What an article page shows beside the article itself, each read on first use: the
    gallery, the related news and the published decisions it cites."""
    from portal.core.fragments import lazy_value

    def photos():
        if prefetched:
            return list(article.photos.all())
        return list(article.photos.order_by("order", "id"))

    def decisions():
        if "decisions" not in _optional_relations():
            return []
        if prefetched:
            return list(article.decisions.all())
        related = Article._meta.get_field("decisions").related_model.objects
        public = related.published() if hasattr(related, "published") else related.all()
        return list(public.filter(pk__in=article.decisions.values("pk")))

    return {
        "photos": lazy_value(photos),
        "related": lazy_value(lambda: article_related(article)),
        "decisions": lazy_value(decisions),
    }


def article_with_relations(queryset):
    queryset = queryset.select_related("category").prefetch_related(
        Prefetch("photos", queryset=ArticlePhoto.objects.order_by("order", "id"))
    )
    for name in _optional_relations():
        queryset = _with_relation(queryset, name)
    return queryset


def _optional_relations() -> list[str]:
    """The links to other apps' rows that exist in this build (added once those apps exist)."""
    names = {field.name for field in Article._meta.get_fields()}
    return [name for name in ("meeting", "cluster", "decisions") if name in names]


def _with_relation(queryset, name):
    field = Article._meta.get_field(name)
    if not field.many_to_many:
        return queryset.select_related(name)
    # Only the public rows of the other app (published decisions) are shown with the news.
    related = field.related_model.objects
    public = related.published() if hasattr(related, "published") else related.all()
    return queryset.prefetch_related(Prefetch(name, queryset=public))


HOME_KEY = "portal:home:v1:{language}"
HOME_TTL = 10 * 60


def home_context() -> dict:
    """Everything the home page lists, cached: no query at all on a hit.

    Saving or deleting an article or a record another app shows here clears it (signals.py);
    the cache also expires when the next scheduled article falls due, so that one appears on
    time without anyone saving anything."""
    from django.utils import timezone
    from django.utils.translation import get_language

    from . import home_sections

    key = HOME_KEY.format(language=get_language())
    data = cache.get(key)
    if data is None:
        now = timezone.now()
        data = {**article_home_lists(), "sections": home_sections.collect(), "more": home_sections.list_urls()}
        next_due = (
            Article.objects.filter(status__in=["scheduled", "published"], published_at__gt=now)
            .order_by("published_at").values_list("published_at", flat=True).first()
        )
        timeout = HOME_TTL
        if next_due is not None:
            timeout = max(1, min(HOME_TTL, int((next_due - now).total_seconds()) + 1))
        cache.set(key, data, timeout)
    return data


def home_context_clear() -> None:
    from django.conf import settings

    cache.delete_many([HOME_KEY.format(language=code) for code, _name in settings.LANGUAGES])


def article_related(article, *, limit: int = 5) -> list:
    """Other published articles of the same category, newest first (one query)."""
    return list(article_public_list().filter(category_id=article.category_id).exclude(pk=article.pk)[:limit])


def articles_for_meeting(meeting, *, limit: int = 10) -> list:
    """Published news about a meeting, for the meeting page (one query)."""
    if "meeting" not in _optional_relations():
        return []
    return list(article_public_list().filter(meeting=meeting)[:limit])


def categories_with_articles():
    return Category.objects.filter(
        Exists(Article.objects.published().filter(category=OuterRef("pk")))
    ).order_by("order", "name")
