from django.urls import path

from . import feeds, views

app_name = "documents"
urlpatterns = [
    path("van-ban/", views.document_list, name="list"),
    path("van-ban/rss/", feeds.LatestDocumentsFeed(), name="rss"),
    path("van-ban/<slug:slug>/", views.document_detail, name="detail"),
]
