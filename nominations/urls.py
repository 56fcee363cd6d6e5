from django.urls import path

from . import views

app_name = "nominations"
urlpatterns = [
    path("lay-y-kien/", views.consultation_list, name="consultation_list"),
    path("lay-y-kien/<slug:slug>/", views.consultation_detail, name="consultation"),
    path("lay-y-kien/<slug:slug>/gop-y/", views.comment_form, name="comment_form"),
    path("lay-y-kien/<slug:slug>/gop-y/da-gui/", views.comment_sent, name="comment_sent"),
]
