from django.urls import path

from bench.reference.plain.articles import views

urlpatterns = [
    path("", views.article_list, name="home"),
    path("tin-tuc/<slug:category>/", views.article_list, name="category"),
    path("tin-tuc/<slug:category>/<slug:slug>/", views.article_detail, name="article"),
]
