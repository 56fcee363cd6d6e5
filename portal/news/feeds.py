from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import SiteProfile

FEED_SIZE = 20


class LatestArticlesFeed(Feed):
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
        return item.summary or item.body_text[:400]

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
