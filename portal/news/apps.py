from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "portal.news"
    label = "news"
    verbose_name = _("Public site and news")

    def ready(self):
        from portal.core import extras

        from . import files, signals  # noqa: F401
        from .page_extras import news_about

        files.connect()
        extras.register("meeting_detail", news_about)
