"""The sign-in, at the site's root: /dang-nhap/ and where it lands. Named without a namespace,
as settings.LOGIN_URL ("login") and LOGIN_REDIRECT_URL ("login-landing") and every "Đăng nhập"
link name them; portal/urls.py includes this beside backoffice.urls (/can-bo/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-nhap/tiep/", views.login_landing, name="login-landing"),
]
