"""Local development and the demo: DEBUG on unless the environment says otherwise."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# A fixed key is fine for a developer's machine only; production refuses to start without one.
SECRET_KEY = os.environ.get("SECRET_KEY") or "local-development-only-not-secret"  # noqa: S105
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
# a developer editing templates sees each change at once; set PAGE_CACHE_SECONDS and
# FRAGMENT_CACHE_SECONDS to try the caches
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0" if DEBUG else "600"))
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "0" if DEBUG else "600"))
