"""The public consultation pages (R9): the list, a consultation's page with its nominees, and the
comment form on a page of its own, so the consultation's page carries no CSRF token and stays in
the full-page cache. Whether a consultation is open is computed from today's date; the cache
expires when one opens or closes (selectors.consultation_next_change)."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from portal.core.clients import client_address
from portal.core.pagination import CachedCountPaginator

from . import consultation_selectors as selectors
from . import services
from .comment_form import CommentForm
from .models import Consultation

PAGE_SIZE = 20


def _published(slug: str) -> Consultation:
    try:
        return selectors.published_consultations().get(slug=slug)
    except Consultation.DoesNotExist:
        raise Http404 from None


@require_safe
def consultation_list(request):
    page = CachedCountPaginator(selectors.consultation_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for consultation in page.object_list:
        consultation.is_open = consultation.is_open_on(today)
    return render(request, "nominations/consultation_list.html", {"page": page})


@require_safe
def consultation_detail(request, slug):
    try:
        consultation = selectors.consultation_detail(slug)
    except Consultation.DoesNotExist:
        raise Http404 from None
    return render(request, "nominations/consultation_detail.html", {
        "consultation": consultation, "is_open": consultation.is_open_on(timezone.localdate()),
    })


def _closed(request, consultation):
    return render(request, "nominations/comment_form.html", {"consultation": consultation, "is_open": False})


@require_http_methods(["GET", "HEAD", "POST"])
def comment_form(request, slug):
    consultation = _published(slug)
    if not consultation.is_open_on(timezone.localdate()):
        return _closed(request, consultation)
    if request.method != "POST":
        form = CommentForm(consultation=consultation)
        return render(request, "nominations/comment_form.html",
                      {"consultation": consultation, "form": form, "is_open": True})
    form = CommentForm(request.POST, consultation=consultation)
    if form.is_bot:
        # answered as a success, so the bot learns nothing; nothing is kept
        return redirect("nominations:comment_sent", slug=consultation.slug)
    status = 200
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.comment_add(consultation=consultation, name=data["name"], contact=data["contact"],
                                 text=data["text"], line=data["line"], address=client_address(request))
        except ValidationError as error:
            if getattr(error, "code", None) == "closed":
                return _closed(request, consultation)
            if getattr(error, "code", None) == "rate_limited":
                status = 429
            for message in error.messages:
                form.add_error(None, message)
        else:
            return redirect("nominations:comment_sent", slug=consultation.slug)
    if "answer" in form.errors or "token" in form.errors:
        form.ask_again()
    return render(request, "nominations/comment_form.html",
                  {"consultation": consultation, "form": form, "is_open": True, "refused": True}, status=status)


@require_safe
def comment_sent(request, slug):
    return render(request, "nominations/comment_sent.html", {"consultation": _published(slug)})
