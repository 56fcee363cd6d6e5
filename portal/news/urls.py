from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from . import feeds, placeholders, views


class FaviconRedirect(RedirectView):
    """To the hashed static file, looked up per request (the manifest exists only after collectstatic)."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("img/favicon.ico")

# The article pages live under /tin-tuc/ in the "news" namespace; the shell's own pages
# (home, search, feeds of the whole site) keep their short root names. The sign-in is the back
# office's (backoffice/login_urls.py).
article_patterns = (
    [
        path("", views.article_list, name="list"),
        path("rss/", feeds.LatestArticlesFeed(), name="rss"),
        path("atom/", feeds.LatestArticlesAtomFeed(), name="atom"),
        path("chuyen-muc/<slug:slug>/", views.article_list, name="category"),
        path("chuyen-muc/<slug:slug>/anh.svg", placeholders.category_image, name="category-image"),
        path("xem-truoc/<int:pk>/", views.article_preview, name="preview"),
        path("<slug:slug>/", views.article_detail, name="detail"),
    ],
    "news",
)

urlpatterns = [
    path("", views.home, name="home"),
    path("tin-tuc/", include(article_patterns)),
    path("tim-kiem/", views.search, name="search"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap-section"),
    path("robots.txt", views.robots_txt, name="robots"),
    # Browsers and crawlers ask for /favicon.ico whatever the page's <link rel="icon"> says.
    path("favicon.ico", FaviconRedirect.as_view(), name="favicon"),
    path("ngon-ngu/<str:code>/", views.language_switch, name="language-switch"),
]
