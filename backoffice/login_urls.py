"""The sign-in, at the site's root: /dang-nhap/ and where it lands. Named without a namespace,
as settings.LOGIN_URL ("login") and LOGIN_REDIRECT_URL ("login-landing") and every "Đăng nhập"
link name them; portal/urls.py includes this beside backoffice.urls (/can-bo/).

The password reset by e-mail lives under /can-bo/mat-khau/ but here, with the sign-in: its pages
are for people who cannot sign in, unlike every page of backoffice.urls."""

from django.urls import path

from . import views

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-nhap/tiep/", views.login_landing, name="login-landing"),
    path("can-bo/mat-khau/quen/", views.PasswordResetView.as_view(), name="password-reset"),
    path("can-bo/mat-khau/da-gui/", views.PasswordResetDoneView.as_view(), name="password-reset-done"),
    path("can-bo/mat-khau/dat-lai/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(),
         name="password-reset-confirm"),
    path("can-bo/mat-khau/xong/", views.PasswordResetCompleteView.as_view(), name="password-reset-complete"),
]
