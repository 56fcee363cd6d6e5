from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Review meetings")

    def ready(self):
        from documents import citations

        from . import files
        from .selectors import public_meetings

        files.connect()
        # The document page lists the published meetings held under it.
        citations.register(
            "meetings", label=_("Meetings held under it"),
            records=lambda document: public_meetings().filter(basis_document=document),
            meta=lambda meeting: meeting.date_short,
        )
