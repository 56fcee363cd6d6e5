"""The test suite: fast hashing, in-memory mail and cache, media in a temporary folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "tests-only-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# one process's version: parallel test workers must not invalidate each other's pages mid-test
# (tests/core/test_data_version.py tries the file the settings name without Redis)
DATA_VERSION_FILE = None
# pages are rendered by every test; the page cache has tests of its own (tests/core/test_pagecache.py)
PAGE_CACHE_SECONDS = 0
# likewise the rendered parts of pages (tests/core/test_fragments.py)
FRAGMENT_CACHE_SECONDS = 0
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# tasks run where they are queued; tests of the worker itself switch to the database backend
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-media-"))
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-private-"))
STORAGES = {
    **STORAGES,  # noqa: F405
    "public": {"BACKEND": "django.core.files.storage.FileSystemStorage",
               "OPTIONS": {"location": MEDIA_ROOT, "base_url": MEDIA_URL}},  # noqa: F405
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None}},
    # no manifest needed: tests never run collectstatic
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SERVE_MEDIA = True
STATIC_ROOT = None  # tests never collect static files; WhiteNoise serves through the finders
WHITENOISE_USE_FINDERS = True
