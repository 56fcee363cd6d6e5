from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.encoding import iri_to_uri

from . import health
from .models import PathRedirect


class HealthCheckMiddleware:
    """Answers /healthz (portal.core.health) before anything else runs.

    First in MIDDLEWARE on purpose: a load balancer probes each host by its address and over
    plain http, so the host check (ALLOWED_HOSTS) and the HTTPS redirect would turn every probe
    into a 400 or a 301; and no session, language or throttling concerns a probe."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == health.PATH:
            return health.health_response(request.method)
        return self.get_response(request)


class SiteLanguageMiddleware:
    """Vietnamese for everyone unless the visitor chose another language with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language; a provincial portal
    speaks Vietnamese first, so only the explicit choice (a cookie) counts."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        # Pages differ by the language cookie; shared caches must know it.
        patch_vary_headers(response, ("Cookie",))
        translation.deactivate()
        return response


class PermissionsPolicyMiddleware:
    """The portal uses no camera, microphone, location or payment: say so, so an injected frame
    or script cannot ask for them either."""

    POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.POLICY)
        return response


class PathRedirectMiddleware:
    """Answers a 404 whose path is in the table of old addresses with a permanent redirect to
    the page's address now (portal.core.models.PathRedirect).

    The table is read only once a page was not found, so every ordinary page is answered with
    no extra query. Our own model rather than django.contrib.redirects: that one needs the sites
    framework and a SITE_ID whose domain must match each host serving the portal, and keeps
    only 200 characters of a path, shorter than an article's address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        new_path = PathRedirect.objects.filter(old_path=request.path).values_list("new_path", flat=True).first()
        if new_path is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(iri_to_uri(new_path) + (f"?{query}" if query else ""))
