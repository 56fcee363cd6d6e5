from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Commendations")

    def ready(self):
        from portal.core.files import delete_files_with_rows

        from . import files
        from .models import LineImport

        files.connect()
        # an import's upload goes with its job row (the job drops it itself once read)
        delete_files_with_rows(LineImport, ("file",))
