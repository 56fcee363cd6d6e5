"""URLs of the look-up, statistics, form 0603 and cluster summaries, added to the "awards"
namespace by awards/urls.py (urlpatterns += stats_urlpatterns)."""

from django.urls import path

from . import stats_views

urlpatterns = [
    path("khen-thuong/", stats_views.lookup, name="lookup"),
    path("thong-ke/", stats_views.statistics, name="statistics"),
    path("thong-ke/thong-ke-khen-thuong.csv", stats_views.statistics_csv, name="statistics_csv"),
    path("thong-ke/thong-ke-khen-thuong.xlsx", stats_views.statistics_xlsx, name="statistics_xlsx"),
    path("thong-ke/mau-0603/", stats_views.form_0603, name="form_0603"),
    path("thong-ke/mau-0603.xlsx", stats_views.form_0603_xlsx, name="form_0603_xlsx"),
    path("thong-ke/cum/<slug:slug>/<int:year>/", stats_views.cluster_summary, name="cluster_summary"),
]
