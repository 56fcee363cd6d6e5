"""What each logged step of a dossier (DossierEvent.action, written by services.py) is called,
for every page that shows a dossier's history: the office's admin and the unit's back office."""

from django.utils.translation import gettext_lazy, pgettext_lazy

ACTION_LABELS = {
    "created": gettext_lazy("dossier created"), "line_added": gettext_lazy("nominee added"),
    "line_changed": gettext_lazy("nominee changed"), "line_deleted": gettext_lazy("nominee removed"),
    "attachment_added": gettext_lazy("attachment added"), "submitted": pgettext_lazy("dossier event", "submitted"),
    "resubmitted": gettext_lazy("submitted again"), "step": gettext_lazy("state changed"),
    "line_returned": gettext_lazy("nominee returned for changes"), "line_appraised": gettext_lazy("nominee appraised"),
    "line_approved": gettext_lazy("nominee approved"), "line_not_approved": gettext_lazy("nominee not approved"),
    "line_pending": gettext_lazy("nominee's outcome reopened"),
    "concurrence": gettext_lazy("concurrence of another office"),
    "vote": pgettext_lazy("dossier event", "council vote"),
    "consultation_opened": gettext_lazy("public consultation opened"),
    "decision_drafted": gettext_lazy("decision drafted"), "decision_signed": gettext_lazy("decision signed"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
