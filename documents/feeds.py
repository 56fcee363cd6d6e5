from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from portal.core.feeds import BufferedFeed

from .selectors import documents_for_feed

FEED_SIZE = 20


class LatestDocumentsFeed(BufferedFeed):
    title = _("New documents in the library")
    description = _("Laws, decrees, circulars, decisions and plans on emulation and commendation, as they are added "
                    "to the library.")

    def link(self):
        return reverse("documents:list")

    def items(self):
        return documents_for_feed(FEED_SIZE)

    def item_title(self, item):
        return item.display_title

    def item_description(self, item):
        # Readers render a description as HTML, so every piece of text goes out escaped.
        paragraphs = [text for text in (item.subject, item.summary) if text]
        body = format_html_join("", "<p>{}</p>", ((text,) for text in paragraphs))
        if item.summary and item.summary_by_us:
            body = format_html("{}<p><em>{}</em></p>", body, _("Summary written by the editors, not the document's "
                                                             "own words."))
        return body

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.kind_label]
