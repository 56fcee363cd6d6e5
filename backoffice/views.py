"""The officers' back office (/can-bo/) and the reviewers' queue, and the sign-in that leads to
them (/dang-nhap/, at the site's root: backoffice/login_urls.py).

Out-of-scope records answer 404, never 403, so nobody learns that another unit's record exists;
pages of a role the account lacks answer 403; the public is sent to the login page."""


from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.cache import never_cache

from meetings import workflow
from meetings.models import MeetingDocument, RecordState

from . import roles, selectors, services, throttle
from .access import back_office
from .access import record_or_404 as _record_or_404
from .audit import history_of
from .downloads import protect_download
from .forms import LoginForm, PasswordResetForm, ReturnForm

PAGE_SIZE = 20


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True
    form_class = LoginForm  # throttled after repeated failures


def login_landing(request):
    """Where a fresh login lands: staff in the admin, unit officers in their back office,
    everyone else on the home page."""
    if request.user.is_authenticated and request.user.is_staff:
        return redirect(reverse("admin:index"))
    if roles.is_officer(request.user):
        return redirect("backoffice:dashboard")
    return redirect("home")


@back_office()
def dashboard(request):
    mine = selectors.meetings_for(request.user)
    state = request.GET.get("trang-thai") or None
    page = Paginator(selectors.meetings_for(request.user, state), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "backoffice/dashboard.html", {
        "counts": selectors.state_counts(mine), "page_obj": page, "state": state,
        "is_officer": roles.is_officer(request.user), "is_reviewer": roles.is_reviewer(request.user),
    })


@back_office("reviewer")
def review_queue(request):
    everything = selectors.meetings_for(request.user)
    state = request.GET.get("trang-thai") or RecordState.SUBMITTED
    page = Paginator(selectors.meetings_for(request.user, state), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "backoffice/review_queue.html", {
        "counts": selectors.state_counts(everything), "page_obj": page, "state": state,
        "is_reviewer": True,
    })


@back_office()
def meeting_detail(request, meeting_id):
    meeting = _record_or_404(request, meeting_id)
    steps = workflow.allowed_steps(meeting, request.user)
    return render(request, "backoffice/meeting_detail.html", {
        "meeting": meeting,
        "can_edit": workflow.can_edit(meeting, request.user),
        "can_submit": RecordState.SUBMITTED in steps,
        "can_approve": RecordState.APPROVED in steps,
        "can_publish": RecordState.PUBLISHED in steps,
        "can_return": RecordState.RETURNED in steps,
        "return_form": ReturnForm(),
        "history": list(history_of(meeting)[:200]),
        "is_reviewer": roles.is_reviewer(request.user),
    })


def _move(request, meeting, to_state, reason=""):
    try:
        services.meeting_move(meeting=meeting, to_state=to_state, user=request.user, reason=reason,
                              build_url=request.build_absolute_uri)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    return True


@back_office()
def meeting_submit(request, meeting_id):
    meeting = _record_or_404(request, meeting_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if _move(request, meeting, RecordState.SUBMITTED):
        messages.success(request, _("The record is submitted for review. You will receive an e-mail when it is "
                                    "approved or returned."))
    return redirect("backoffice:meeting-detail", meeting_id=meeting.pk)


REVIEW_ACTIONS = {
    "approve": (RecordState.APPROVED, pgettext_lazy("the record is …", "approved")),
    "publish": (RecordState.PUBLISHED, pgettext_lazy("the record is …", "published")),
    "return": (RecordState.RETURNED, pgettext_lazy("the record is …", "returned to the unit")),
}


@back_office()
def meeting_review(request, meeting_id):
    meeting = _record_or_404(request, meeting_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not roles.is_reviewer(request.user):
        raise PermissionDenied
    action = REVIEW_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Unknown action."))
        return redirect("backoffice:meeting-detail", meeting_id=meeting.pk)
    to_state, done = action
    reason = ""
    if to_state == RecordState.RETURNED:
        form = ReturnForm(request.POST)
        if not form.is_valid():
            return render(request, "backoffice/meeting_detail.html", {
                "meeting": meeting, "return_form": form, "is_reviewer": True,
                "can_approve": False, "can_publish": False, "can_return": True,
                "history": list(history_of(meeting)[:200]),
            }, status=400)
        reason = form.cleaned_data["reason"]
    if _move(request, meeting, to_state, reason):
        messages.success(request, _("The record is %(done)s.") % {"done": done})
    return redirect("backoffice:meeting-detail", meeting_id=meeting.pk)


@never_cache
def document_download(request, document_id):
    """Documents of records the user may see, or public documents of published meetings; always
    an attachment, never rendered by the browser."""
    try:
        document = selectors.document_for(request.user, document_id)
    except MeetingDocument.DoesNotExist:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404 from None
    filename = document.file.name.rsplit("/", 1)[-1]
    response = FileResponse(document.file.open("rb"), as_attachment=True, filename=filename)
    return protect_download(response, filename)


# --- password reset by e-mail (staff and officers), which also lifts that user's locks -------


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "backoffice/password_reset_form.html"
    email_template_name = "backoffice/password_reset_email.txt"
    subject_template_name = "backoffice/password_reset_subject.txt"
    success_url = reverse_lazy("password-reset-done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "backoffice/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "backoffice/password_reset_confirm.html"
    success_url = reverse_lazy("password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        throttle.clear_user(form.user.get_username())  # a successful reset unlocks
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "backoffice/password_reset_complete.html"


# --- who is locked out, for reviewers and staff, with a button to unlock ----------------------


@back_office("reviewer")
def login_locks(request):
    if request.method == "POST":
        username = request.POST.get("username", "")
        address = request.POST.get("address", "")
        if username and address:
            throttle.clear_pair(username, address)
        elif username:
            throttle.clear_user(username)
        elif address:
            throttle.clear_address(address)
        messages.success(request, _("Unlocked."))
        return redirect("backoffice:login-locks")
    return render(request, "backoffice/login_locks.html", {"locks": throttle.current_locks(), "is_reviewer": True})
