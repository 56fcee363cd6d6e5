from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificate printing")

    def ready(self):
        from portal.core.files import delete_files_with_rows, register

        from .models import CertificateLayout

        # the scan of a blank is a working file of the office: staff who may see layouts, nobody else
        register(CertificateLayout, ("blank_scan",), can_view=_may_see_layouts)
        delete_files_with_rows(CertificateLayout, ("blank_scan",))


def _may_see_layouts(user, obj) -> bool:
    return bool(user and user.is_active and user.is_staff and user.has_perm("certificates.view_certificatelayout"))
