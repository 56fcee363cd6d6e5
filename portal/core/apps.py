from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = _("Users and settings")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

        from . import files
        from .cache import on_record_write
        from .dbstats import after_migrate
        from .models import PendingUpload
        from .pending import pending_upload_visible_to

        # Any write to a record app's model invalidates the cached reads (portal.core.cache).
        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(on_record_write, dispatch_uid=f"portal-data-version-{id(signal)}")

        # A kept upload (portal.core.pending) is seen by its uploader only; its files go with it.
        files.register(PendingUpload, ("file", "thumbnail"), can_view=pending_upload_visible_to)
        files.delete_files_with_rows(PendingUpload, ("file", "thumbnail"))

        # the planner's statistics follow the schema (portal.core.dbstats)
        post_migrate.connect(after_migrate, dispatch_uid="portal-planner-statistics")
