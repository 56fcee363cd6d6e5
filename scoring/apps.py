from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    """Cluster scoring: the province's scoring tables, members' self-scores, the leader's
    compilation, the year-end ranking and its published, versioned results. Above nominations:
    the ranking's proposals become the cluster's nomination dossier."""

    name = "scoring"
    verbose_name = _("Cluster scoring")

    def ready(self):
        from . import files

        files.connect()
