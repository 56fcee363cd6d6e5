from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    name = "backoffice"
    verbose_name = _("Back office and security")

    def ready(self):
        from . import audit, roles

        audit.connect()
        # Models added by later migrations get their permissions into the roles too.
        post_migrate.connect(roles.sync_after_migrate, dispatch_uid="backoffice-sync-roles")
