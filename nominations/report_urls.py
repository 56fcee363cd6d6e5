"""Addresses of the nomination report and the official forms 0601, 0602, 0604 and 0605.

`urlpatterns` are public (the forms count what was decided, like form 0603 at /thong-ke/mau-0603/),
included by portal/urls.py under the "nomination_reports" namespace. `staff_urlpatterns` are the
reviewers' pages, spliced into backoffice/urls.py as plain path() lines under /can-bo/ (the
back office's permission matrix walks flat patterns), so they are named "backoffice:…"."""

from django.urls import path

from . import report_views as views

app_name = "nomination_reports"

urlpatterns = [
    path("thong-ke/bieu-mau/", views.forms_index, name="forms"),
]
for _number in ("0601", "0602", "0604", "0605"):
    urlpatterns += [
        path(f"thong-ke/mau-{_number}/", views.official_form_page, {"number": _number}, name=f"form_{_number}"),
        path(f"thong-ke/mau-{_number}.xlsx", views.official_form_xlsx, {"number": _number},
             name=f"form_{_number}_xlsx"),
    ]

staff_urlpatterns = [
    path("bao-cao-khen-thuong/", views.nomination_report, name="nomination-report"),
    path("bao-cao-khen-thuong/bao-cao.xlsx", views.nomination_report_xlsx, name="nomination-report-xlsx"),
    path("bao-cao-khen-thuong/mau-0602/", views.form_0602_staff, name="nomination-form-0602"),
    path("bao-cao-khen-thuong/mau-0602.xlsx", views.form_0602_staff_xlsx, name="nomination-form-0602-xlsx"),
]
