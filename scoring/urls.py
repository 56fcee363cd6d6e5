"""Public addresses of cluster scoring: the results of a year under the cluster's own address
(/cum-thi-dua/<cluster>/2017/) and the summary in the statistics section."""

from django.urls import path

from . import views

app_name = "scoring"
urlpatterns = [
    path("cum-thi-dua/<slug:slug>/<int:year>/", views.cluster_year_results, name="cluster_year"),
    path("thong-ke/cham-diem/", views.summary, name="summary"),
]
