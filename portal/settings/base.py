"""Settings shared by every profile. Everything that differs between machines comes from the
environment; the profiles (local, production, test) only choose defaults."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # bottom: user model, abstract bases, helpers
    "portal.core",
    # domain apps, each importing only those above it in this list
    "clusters",
    # the library of legal texts: cited by meetings (and later rules, movements, decisions)
    "documents",
    "meetings",
    "awards",
    "certificates",
    # nomination dossiers, appraisal, council votes and public consultation: above awards
    "nominations",
    # cluster scoring: tables, self-scores, compilation, ranking; its proposals become dossiers
    "scoring",
    # the officers' back office, roles, login throttling and the history of changes
    "backoffice",
    # top: the public shell (home, news, search, feeds, site profile)
    "portal.news",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "django_filters",
    "django_tasks_db",
]

MIDDLEWARE = [
    # /healthz for the load balancer, answered before the host check and the HTTPS redirect
    "portal.core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # anonymous pages from the cache, never stale (portal.core.pagecache); a hit skips the rest
    "portal.core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.core.middleware.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # old addresses (remade slugs) answer 301; consulted on a 404 only
    "portal.core.middleware.PathRedirectMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "backoffice.middleware.AuditActorMiddleware",
    "backoffice.middleware.UploadedFileHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "login-landing"
LOGOUT_REDIRECT_URL = "home"

# Django's form renderer with <select> written in Python (portal/core/form_rendering.py)
FORM_RENDERER = "portal.core.form_rendering.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.news.context_processors.site",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------------
# The embedded default is an SQLite file under var/ (git ignores it). Connections are kept
# and health-checked: a new PostgreSQL connection per request cost 3.5x on a simple page.
DEFAULT_SQLITE = f"sqlite:///{BASE_DIR / 'var' / 'portal.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or DEFAULT_SQLITE,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable database host must fail fast (and answer 503) rather than hold a worker
    # for the kernel's two-minute connect timeout; DATABASE_URL may say otherwise (?connect_timeout=).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    # PostgreSQL's default random_page_cost (4) prices disks that seek; on SSD, or with the working
    # set in memory, it made the planner hash all 4,000 decisions rather than look up the nine the
    # look-up found (1,000,000 lines: 6.0 -> 2.6 ms). Empty PG_RANDOM_PAGE_COST keeps the server's.
    if page_cost := os.environ.get("PG_RANDOM_PAGE_COST", "1.1"):
        try:
            page_cost = float(page_cost)
        except ValueError:
            raise ImproperlyConfigured(f"PG_RANDOM_PAGE_COST must be a number (or empty), not {page_cost!r}") from None
        DATABASES["default"]["OPTIONS"].setdefault("options", f"-c random_page_cost={page_cost}")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # SQLite is embedded: a persistent connection buys nothing and WAL keeps readers unblocked.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- full-page cache for anonymous visitors (portal.core.pagecache): invalidated by any write,
# expiring by the next moment a page changes by itself; 0 turns it off
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# rendered parts of pages (portal.core.fragments), for visitors the page cache does not serve
FRAGMENT_CACHE_SECONDS = int(os.environ.get("FRAGMENT_CACHE_SECONDS", "600"))
PAGE_CACHE_SKIP_PREFIXES = ("/admin/", "/can-bo/", "/dang-nhap/", "/tep/", "/i18n/", "/healthz")

# --- background tasks: long imports run in `manage.py db_worker`, a second process beside the web
# workers (make demo starts one; README, production), so no web worker waits on a large file.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- cache: Redis when REDIS_URL is set (several app hosts share it), else per process --------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Django's default of 300 entries would keep a few dozen pages with their parts and figures:
    # a province's site has thousands of addresses. Pages run to some 15 kB, parts to a few.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                          "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("LOCMEM_CACHE_ENTRIES", "3000"))}}}
    # Each gunicorn worker then keeps pages of its own; the data version that hides them after a
    # write is a file every worker of this host reads (portal.core.cache).
    DATA_VERSION_FILE = Path(os.environ.get("DATA_VERSION_FILE", BASE_DIR / "var" / "data-version"))

# --- language, time ---------------------------------------------------------------------------
# Vietnamese whatever the browser says; English only when the visitor picks it (a cookie).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# locale_django/ fills the gaps of Django's own vi catalog (admin, forms, auth strings it lacks).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_django"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["portal.formats"]
LANGUAGE_COOKIE_NAME = "portal_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- static and media: local disks by default, S3-compatible object storage when S3_ENDPOINT_URL
# is set (several app hosts share it). portal/settings/storage.py reads the environment and says
# what each variable means.
from .storage import media_settings  # noqa: E402

_media = media_settings(base_dir=BASE_DIR, debug=DEBUG)
STATIC_URL = _media["STATIC_URL"]
STATIC_ROOT = _media["STATIC_ROOT"]
STATICFILES_DIRS = _media["STATICFILES_DIRS"]
MEDIA_URL = _media["MEDIA_URL"]
MEDIA_ROOT = _media["MEDIA_ROOT"]
PRIVATE_MEDIA_ROOT = _media["PRIVATE_MEDIA_ROOT"]
STORAGES = _media["STORAGES"]
MEDIA_ACCEL_REDIRECT = _media["MEDIA_ACCEL_REDIRECT"]
PRIVATE_MEDIA_SIGNED_URLS = _media["PRIVATE_MEDIA_SIGNED_URLS"]
SERVE_MEDIA = _media["SERVE_MEDIA"]
OBJECT_STORAGE = _media["OBJECT_STORAGE"]
# where pages load images from besides this site (the object store's public address), for the CSP
MEDIA_ORIGINS = _media["MEDIA_ORIGINS"]
FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- backups (manage.py backup / restore, portal.core.backup) ----------------------------------
# Where `manage.py backup` writes its dated folders unless told otherwise: on another disk, or
# copied off the host afterwards (see the README).
BACKUP_ROOT = Path(os.environ.get("BACKUP_ROOT", BASE_DIR / "var" / "backups"))

# --- security defaults every profile keeps ------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60  # one working day
# A shared office computer: closing the browser ends the session; the age above still caps it.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# Login throttling (backoffice/throttle.py), counted in the database so every worker sees it:
# a (user name, address) pair locks after LOGIN_FAILURES_PER_USER failures, for LOGIN_LOCK_BASE
# seconds doubling with each further failure up to LOGIN_LOCK_MAX; an address is limited only
# when LOGIN_DISTINCT_NAMES_PER_ADDRESS different names fail from it within LOGIN_FAILURE_WINDOW.
LOGIN_FAILURES_PER_USER = int(os.environ.get("LOGIN_FAILURES_PER_USER", "5"))
LOGIN_DISTINCT_NAMES_PER_ADDRESS = int(os.environ.get(
    "LOGIN_DISTINCT_NAMES_PER_ADDRESS", os.environ.get("LOGIN_FAILURES_PER_ADDRESS", "20")))
LOGIN_FAILURE_WINDOW = int(os.environ.get("LOGIN_FAILURE_WINDOW", str(15 * 60)))  # seconds
LOGIN_LOCK_BASE = int(os.environ.get("LOGIN_LOCK_BASE", "60"))  # seconds
LOGIN_LOCK_MAX = int(os.environ.get("LOGIN_LOCK_MAX", str(60 * 60)))  # seconds
# Behind a proxy that sets X-Forwarded-For (and strips the client's own), count by that address.
LOGIN_THROTTLE_TRUST_FORWARDED_FOR = env_bool("LOGIN_THROTTLE_TRUST_FORWARDED_FOR", False)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No inline script anywhere: scripts and styles come from our own static files only.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *MEDIA_ORIGINS],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# --- mail ---------------------------------------------------------------------------------------
# The console in development and the demo; SMTP from the environment in production.
def mailers(backend: str) -> dict:
    options = {}
    if backend.endswith("smtp.EmailBackend"):
        options = {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "25")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": 20,
        }
    return {"default": {"BACKEND": backend, "OPTIONS": options}}


MAILERS = mailers(os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "thiduakhenthuong@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
