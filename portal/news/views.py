from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.views.decorators.http import require_safe

from portal.core.cache import cached
from portal.core.fragments import lazy_value
from portal.core.pagination import CachedCountPaginator

from . import search as site_search
from . import selectors, sitemaps
from .models import Article, Category

ARTICLES_PER_PAGE = 10
RESULTS_PER_PAGE = 20


@require_safe
def home(request):
    # read from the cache only when the page's rendered part is not stored itself
    return render(request, "news/home.html", {"home": lazy_value(selectors.home_context)})


@require_safe
def article_list(request, slug=None):
    category = get_object_or_404(Category, slug=slug) if slug else None
    articles = selectors.with_gallery(selectors.article_public_list())
    if category is not None:
        articles = articles.filter(category=category)
    # the page's rows and the category menu are queried only when its rendered part is not stored
    page = CachedCountPaginator(articles, ARTICLES_PER_PAGE, count_key=("news", slug),
                                keys_never_null=True).get_page(request.GET.get("page"))  # published: dated
    return render(request, "news/article_list.html", {
        "category": category,
        "categories": selectors.categories_with_articles(),
        "page_obj": page,
    })


def _article_context(article_id, title, article, *, prefetched=False):
    return {"article_id": article_id, "article_title": title, "article": article,
            **selectors.article_parts(article, prefetched=prefetched)}


@require_safe
def article_detail(request, slug):
    try:
        article_id, title = selectors.article_detail(slug)
    except Article.DoesNotExist:
        raise Http404 from None
    # the article itself is read only if a part of its page is not stored (portal.core.fragments)
    article = lazy_value(lambda: selectors.article_by_id(article_id))
    context = _article_context(article_id, title, article)
    # its description (the summary, or the start of its text): one cached read
    context["description"] = cached("article-description", (article_id,), lambda: _description(article))
    return render(request, "news/article_detail.html", context)


def _description(article) -> str:
    return Truncator(article.summary or article.body_text).words(40, truncate=" …")


@require_safe
@staff_member_required
def article_preview(request, pk):
    """Any article as the public would see it, drafts included; never cached anywhere."""
    article = get_object_or_404(selectors.article_with_relations(Article.objects.all()), pk=pk)
    context = _article_context(article.pk, article.title, article, prefetched=True)
    context["description"] = _description(article)
    context["preview"] = True
    response = render(request, "news/article_detail.html", context)
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True, no_cache=True, must_revalidate=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def search(request):
    query = request.GET.get("q", "").strip()[: site_search.MAX_QUERY_LENGTH]
    terms = site_search.terms_of(query)
    keys = site_search.ranked_keys(query)
    page = None
    results = []
    if keys is not None:
        with site_search.planned():
            page = CachedCountPaginator(keys, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
            rows = site_search.load_results(list(page.object_list))
        results = [site_search.describe(r, terms) for r in rows]
    return render(request, "news/search.html", {
        "query": query, "results": results, "page_obj": page,
        "result_count": page.paginator.count if page else 0,
    })


@require_safe
def sitemap(request):
    """Every address in one document while the site has at most a sitemap page of them; beyond
    that an index with one entry per page of each section, so no document grows with the data
    (the counts are cached reads). Built per request: which apps have public pages is known once
    their URLs exist."""
    maps = sitemaps.sitemaps()
    instances = [site() if callable(site) and isinstance(site, type) else site for site in maps.values()]
    if sum(site.paginator.count for site in instances) <= sitemaps.PAGE_SIZE:
        return sitemap_views.sitemap(request, sitemaps=maps)
    return sitemap_views.index(request, sitemaps=maps, sitemap_url_name="sitemap-section")


@require_safe
def sitemap_section(request, section):
    return sitemap_views.sitemap(request, sitemaps=sitemaps.sitemaps(), section=section)


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /tin-tuc/xem-truoc/", "Disallow: /dang-nhap/",
             f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def language_switch(request, code):
    """Remember the visitor's language in a cookie and go back where they were."""
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, code, max_age=365 * 24 * 60 * 60,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE, secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
            httponly=True,
        )
    return response


def page_not_found(request, exception):
    return render(request, "404.html", status=404)
