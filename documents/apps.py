from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Document library")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import files
        from .models import Document, DocumentLink

        files.connect()
        # Cached reads (the filter choices, any page that shows a document) follow the
        # library's writes as they follow the other record apps' (portal.core.cache).
        for model in (Document, DocumentLink):
            for signal in (post_save, post_delete):
                signal.connect(_written, sender=model, dispatch_uid=f"documents-written-{model.__name__}-{id(signal)}")


def _written(sender, **kwargs):
    from portal.core.cache import records_written

    records_written()
