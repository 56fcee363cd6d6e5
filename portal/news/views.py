from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET


@require_GET
def home(request):
    return render(request, "news/home.html", {})


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()
    return render(request, "news/search.html", {"query": query, "results": []})


@require_GET
def language_switch(request, code):
    """Remember the visitor's language in a cookie and go back where they were."""
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, code, max_age=365 * 24 * 60 * 60,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE, secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
            httponly=True,
        )
    return response


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


def login_landing(request):
    """Where a fresh login lands: staff in the admin, everyone else on the home page."""
    if request.user.is_authenticated and request.user.is_staff:
        return redirect(reverse("admin:index"))
    return redirect("home")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request, so no context processor touches the database: the
    # database may be what failed.
    return HttpResponseServerError(loader.get_template("500.html").render({}))
