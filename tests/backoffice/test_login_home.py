"""The sign-in belongs to the back office, with its throttled form (issue 13): the view, its
form and its addresses live in backoffice, not in the public news shell; the addresses and their
names (settings.LOGIN_URL, LOGIN_REDIRECT_URL) stay as they were."""

from django.urls import resolve, reverse


def test_the_login_view_and_form_live_in_the_back_office():
    import portal.news.views as news_views

    assert reverse("login") == "/dang-nhap/" and reverse("login-landing") == "/dang-nhap/tiep/"
    login = resolve("/dang-nhap/").func
    assert login.view_class.__module__ == "backoffice.views"
    assert login.view_class.form_class.__module__ == "backoffice.forms"
    assert resolve("/dang-nhap/tiep/").func.__module__ == "backoffice.views"
    assert not hasattr(news_views, "LoginView") and not hasattr(news_views, "login_landing")
