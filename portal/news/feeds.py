from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from portal.core.feeds import BufferedFeed

from . import selectors
from .models import SiteProfile
from .sanitize import clean_html

FEED_SIZE = 20
EXCERPT_LENGTH = 400


class LatestArticlesFeed(BufferedFeed):
    description = _("The latest news on emulation clusters, their meetings and commendations.")

    def title(self):
        return SiteProfile.current().site_name

    def link(self):
        return reverse("news:list")

    def items(self):
        return selectors.article_public_list()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers render a description as HTML (RSS by custom, Atom's type="html"), so plain text
        # goes out escaped: a summary that mentions <script>, or a body's text decoded from
        # &lt;script&gt;, is shown as written and never runs. The sanitiser is the last gate.
        text = item.summary or Truncator(item.body_text).chars(EXCERPT_LENGTH)
        return clean_html(format_html("<p>{}</p>", text))

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return ", ".join(filter(None, [item.author_name, item.author_unit])) or None

    def item_categories(self, item):
        return [item.category.name]


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
