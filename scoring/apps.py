from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    """Cluster scoring: the province's scoring tables, members' self-scores, the leader's
    compilation, the year-end ranking and its published, versioned results. Above nominations:
    the ranking's proposals become the cluster's nomination dossier."""

    name = "scoring"
    verbose_name = _("Cluster scoring")

    def ready(self):
        from meetings import ranking_locks

        from . import files

        files.connect()
        ranking_locks.register(_ranking_held)


def _ranking_held(meeting_id: int):
    from .models import Scoring

    if Scoring.objects.filter(meeting_id=meeting_id).exists():
        return _("The cluster scoring built this ranking at the meeting and records its vote: change it from "
                 "the scoring's pages.")
    return None
