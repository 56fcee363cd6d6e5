from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "portal.news"
    label = "news"
    verbose_name = _("Public site and news")

    def ready(self):
        from portal.core import extras, pagecache

        from . import files, signals  # noqa: F401
        from .page_extras import news_about

        files.connect()
        extras.register("meeting_detail", news_about)
        # a scheduled article appears by itself: cached pages expire by then
        pagecache.register_next_change(_next_scheduled_article)


def _next_scheduled_article(now):
    from .models import Article

    return (Article.objects.filter(status__in=["scheduled", "published"], published_at__gt=now)
            .order_by("published_at").values_list("published_at", flat=True).first())
