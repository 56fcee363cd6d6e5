"""The base of the portal's RSS and Atom feeds."""

import io

from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse
from django.utils.http import http_date


class BufferedFeed(Feed):
    """Django's Feed writes the document into the response piece by piece: some seven hundred
    small writes for twenty items, each turned into bytes and kept apart, a third of the feed's
    time. Here the document is written into a string and handed to the response in one piece;
    the rest is Django's Feed.__call__ as it is."""

    def __call__(self, request, *args, **kwargs):
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist:
            raise Http404("Feed object does not exist.") from None
        feedgen = self.get_feed(obj, request)
        buffer = io.StringIO()
        feedgen.write(buffer, "utf-8")
        response = HttpResponse(buffer.getvalue(), content_type=feedgen.content_type)
        if hasattr(self, "item_pubdate") or hasattr(self, "item_updateddate"):
            # lets ConditionalGetMiddleware answer 304 Not Modified
            response.headers["Last-Modified"] = http_date(feedgen.latest_post_date().timestamp())
        return response
