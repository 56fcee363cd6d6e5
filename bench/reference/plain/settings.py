"""A plain Django article page, the floor the portal's article is compared with (issue 17)."""

from bench.reference.common import *  # noqa: F403
from bench.reference.common import OUT

ROOT_URLCONF = "bench.reference.plain.urls"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "bench.reference.plain.articles",
]
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [OUT.parent.parent / "reference" / "plain" / "templates"],
    "APP_DIRS": False,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": OUT / "plain.sqlite3"}}
