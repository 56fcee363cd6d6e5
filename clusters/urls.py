from django.urls import path

from . import views

app_name = "clusters"
urlpatterns = [
    path("cum-thi-dua/", views.cluster_list, name="list"),
    path("cum-thi-dua/<slug:slug>/", views.cluster_detail, name="detail"),
    path("don-vi/<slug:slug>/", views.unit_detail, name="unit"),
    path("ca-nhan/<slug:slug>/", views.person_detail, name="person"),
]
