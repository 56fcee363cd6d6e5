"""URLs of the look-up, statistics, form 0603 and cluster summaries, added to the "awards"
namespace by awards/urls.py: their names (awards:statistics…) and addresses stay as they were."""

from django.urls import path

from . import views

urlpatterns = [
    path("khen-thuong/", views.lookup, name="lookup"),
    path("thong-ke/", views.statistics, name="statistics"),
    path("thong-ke/thong-ke-khen-thuong.csv", views.statistics_csv, name="statistics_csv"),
    path("thong-ke/thong-ke-khen-thuong.xlsx", views.statistics_xlsx, name="statistics_xlsx"),
    path("thong-ke/mau-0603/", views.form_0603_page, name="form_0603"),
    path("thong-ke/mau-0603.xlsx", views.form_0603_xlsx, name="form_0603_xlsx"),
    path("thong-ke/cum/<slug:slug>/<int:year>/", views.cluster_summary, name="cluster_summary"),
]
