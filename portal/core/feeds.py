"""The base of the portal's RSS and Atom feeds."""

import io

from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse
from django.utils.http import http_date

from . import fragments


class BufferedFeed(Feed):
    """Django's Feed writes the document into the response piece by piece: some seven hundred
    small writes for twenty items, each turned into bytes and kept apart, a third of the feed's
    time. Here the document is written into a string, kept until the records change, and handed
    to the response in one piece; the rest is Django's Feed.__call__ as it is."""

    def __call__(self, request, *args, **kwargs):
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist:
            raise Http404("Feed object does not exist.") from None
        # the same document for every reader until the records change: kept as a rendered part of
        # a page is (portal.core.fragments), for readers the page cache does not serve
        content, content_type, modified = fragments.stored(
            request, "feed", [request.get_full_path()], lambda: self._document(obj, request))
        response = HttpResponse(content, content_type=content_type)
        if modified is not None:
            # lets ConditionalGetMiddleware answer 304 Not Modified
            response.headers["Last-Modified"] = modified
        return response

    def _document(self, obj, request) -> tuple[str, str, str | None]:
        feedgen = self.get_feed(obj, request)
        buffer = io.StringIO()
        feedgen.write(buffer, "utf-8")
        modified = None
        if hasattr(self, "item_pubdate") or hasattr(self, "item_updateddate"):
            modified = http_date(feedgen.latest_post_date().timestamp())
        return buffer.getvalue(), feedgen.content_type, modified
