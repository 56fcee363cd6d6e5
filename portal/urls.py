from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

from portal.core.files import private_file

admin.site.site_header = _("Emulation and commendation administration")
admin.site.site_title = _("Emulation and commendation")
admin.site.index_title = _("Records")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("can-bo/", include("backoffice.urls")),
    path("", include("backoffice.login_urls")),  # /dang-nhap/: the sign-in is the back office's
    # Files of unpublished records, for those allowed to see them (portal.core.files).
    path("tep/<path:path>", private_file, name="private_file"),
    # Each app names its own Vietnamese URL prefixes (/cum-thi-dua/, /hoi-nghi/, …).
    path("", include("clusters.urls")),
    path("", include("documents.urls")),
    path("", include("meetings.urls")),
    path("", include("awards.urls")),
    path("", include("nominations.report_urls")),  # forms 0601, 0602, 0604, 0605 beside 0603
    path("", include("nominations.urls")),
    path("", include("scoring.urls")),  # a cluster-year's results under /cum-thi-dua/<cluster>/<year>/
    path("", include("portal.news.urls")),
]

if settings.SERVE_MEDIA:
    # The demo and single-host installs; scaled-out sites serve media from object storage.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

handler404 = "portal.news.views.page_not_found"
# A database outage is answered with the maintenance page and a 503, anything else with a 500.
handler500 = "portal.core.errors.server_error"
