from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("tim-kiem/", views.search, name="search"),
    path("ngon-ngu/<str:code>/", views.language_switch, name="language-switch"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-nhap/tiep/", views.login_landing, name="login-landing"),
]
