from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    """The path from a unit's proposal to a decision: nomination dossiers, appraisal, the council's
    vote and the public consultation. It sits above awards: a nominee line holds the decision
    line it became, so awards never imports this app."""

    name = "nominations"
    verbose_name = _("Nominations")

    def ready(self):
        from portal.core import pagecache

        from . import consultation_selectors, files

        files.connect()
        # a consultation opens and closes by the calendar, with no write: cached pages expire by then
        pagecache.register_next_change(consultation_selectors.consultation_next_change)
