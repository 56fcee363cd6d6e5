"""What the site answers when something fails on our side: the 500 page, or, when the database
cannot be reached, the maintenance page with a 503.

Both are rendered without the request, so no context processor touches the database: the
database may be what failed."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.cache import add_never_cache_headers

# Seconds a browser, a crawler or a monitor should wait before asking again.
RETRY_AFTER = 60


def is_database_outage(exc: BaseException | None) -> bool:
    """The database layer could not be reached or lost its connection.

    Django turns each driver's errors into these two classes. OperationalError also covers a
    lock or statement timeout and a deadlock: all of them pass, so "try again shortly" is the
    right answer to every one."""
    return isinstance(exc, OperationalError | InterfaceError)


def maintenance_response() -> HttpResponse:
    response = HttpResponse(loader.get_template("503.html").render({}), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    # A proxy or a CDN must not keep serving the maintenance page once the database is back.
    add_never_cache_headers(response)
    return response


def server_error(request):
    """handler500: Django calls it for every uncaught exception, in a view or in a middleware
    (a logged-in visitor's session and user are read by middleware before any view runs), while
    the exception is being handled, so sys.exception() is the one that failed the request."""
    if is_database_outage(sys.exception()):
        return maintenance_response()
    return HttpResponseServerError(loader.get_template("500.html").render({}))
