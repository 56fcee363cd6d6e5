"""A minimal Wagtail blog, the reference issue 17 compares the portal's pages with: the apps and
middleware `wagtail start` gives, a blog page of title, date and rich-text body."""

from bench.reference.common import *  # noqa: F403
from bench.reference.common import MIDDLEWARE, OUT

ROOT_URLCONF = "bench.reference.wagtailblog.urls"
INSTALLED_APPS = [
    "bench.reference.wagtailblog.blog",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
MIDDLEWARE = [*MIDDLEWARE, "wagtail.contrib.redirects.middleware.RedirectMiddleware"]
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [OUT.parent.parent / "reference" / "wagtailblog" / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": OUT / "wagtail.sqlite3"}}
WAGTAIL_SITE_NAME = "bench"
WAGTAILADMIN_BASE_URL = "http://testserver"
