"""Two small pieces of request handling the back office relies on."""

from django.conf import settings

from .audit import acting_as
from .downloads import protect_download


class AuditActorMiddleware:
    """Tells the history recorder who is acting (after AuthenticationMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        source = "admin" if request.path.startswith("/admin/") else "backoffice"
        with acting_as(user, source):
            return self.get_response(request)


class UploadedFileHeadersMiddleware:
    """Where Django serves /media/ itself (the demo, one host), an uploaded document is always a
    download that no browser renders or runs; images keep rendering, sandboxed. Production's web
    server or object storage must send the same headers (see the README)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = settings.MEDIA_URL

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.prefix) and response.status_code == 200:
            protect_download(response, request.path.rsplit("/", 1)[-1])
        return response
