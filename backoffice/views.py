"""The officers' back office (/can-bo/) and the reviewers' queue, and the sign-in that leads to
them (/dang-nhap/, at the site's root: backoffice/login_urls.py).

Out-of-scope records answer 404, never 403, so nobody learns that another unit's record exists;
pages of a role the account lacks answer 403; the public is sent to the login page."""


from django.apps import apps
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.cache import never_cache

from meetings import workflow
from meetings.models import MeetingDocument, RecordState

from . import dossiers, roles, selectors, services, throttle
from .access import back_office
from .access import record_or_404 as _record_or_404
from .audit import readable_history
from .downloads import protect_download
from .forms import LoginForm, PasswordResetForm, ReturnForm

PAGE_SIZE = 20


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True
    form_class = LoginForm  # throttled after repeated failures


def login_landing(request):
    """Where a fresh login lands: reviewers on their home in the back office (what waits for
    them; the admin is a link away), other staff and superusers (who administer rather than
    review) in the admin, unit officers in their back office, everyone else on the home page."""
    if roles.is_reviewer(request.user) and not request.user.is_superuser:
        return redirect("backoffice:review-queue")
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
    is_officer = roles.is_officer(request.user)
    return render(request, "backoffice/dashboard.html", {
        "counts": selectors.state_counts(mine), "page_obj": page, "state": state,
        "is_officer": is_officer, "is_reviewer": roles.is_reviewer(request.user),
        "open_dossiers": dossiers.open_dossiers(request.user) if is_officer else None,
    })


# The admin's lists a reviewer uses most, each shown only to those allowed to open it, under the
# model's own name.
ADMIN_LISTS = ["awards.decision", "nominations.dossier", "meetings.meeting", "clusters.cluster", "documents.document",
               "news.article"]


def _admin_lists(user) -> list[tuple[str, str]]:
    found = []
    for label in ADMIN_LISTS:
        app_label, model_name = label.split(".")
        if not (user.has_perm(f"{app_label}.view_{model_name}") or user.has_perm(f"{app_label}.change_{model_name}")):
            continue
        try:
            model = apps.get_model(app_label, model_name)
            url = reverse(f"admin:{app_label}_{model_name}_changelist")
        except (LookupError, NoReverseMatch):  # an app not installed, or not in the admin, on this site
            continue
        found.append((capfirst(model._meta.verbose_name_plural), url))
    return found


@back_office("reviewer")
def review_queue(request):
    """The reviewer's home: what waits for them (submitted and approved records by default), the
    longest-waiting first, with the days each has waited since it was submitted."""
    state = request.GET.get("trang-thai")
    state = state if state in RecordState.values else None
    page = Paginator(selectors.waiting_for_review(request.user, state), PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for meeting in page:
        meeting.days_waiting = (
            (today - timezone.localtime(meeting.submitted_at).date()).days if meeting.submitted_at else None
        )
    return render(request, "backoffice/review_queue.html", {
        "counts": selectors.state_counts(selectors.meetings_for(request.user)), "page_obj": page, "state": state,
        "waiting": selectors.waiting_for_review(request.user).count() if state else page.paginator.count,
        "admin_lists": _admin_lists(request.user), "is_reviewer": True,
    })


def _detail_context(request, meeting, return_form=None) -> dict:
    steps = workflow.allowed_steps(meeting, request.user)
    is_reviewer = roles.is_reviewer(request.user)
    return {
        "meeting": meeting,
        "can_edit": workflow.can_edit(meeting, request.user),
        "can_submit": RecordState.SUBMITTED in steps,
        "can_approve": RecordState.APPROVED in steps,
        "can_publish": RecordState.PUBLISHED in steps,
        "can_return": RecordState.RETURNED in steps,
        # why approve or publish is not offered: this reviewer wrote the record (four eyes)
        "four_eyes": is_reviewer and meeting.record_state in selectors.WAITING_STATES and not (
            steps & workflow.FOUR_EYES_STATES) and workflow.is_own_work(meeting, request.user),
        "return_form": return_form or ReturnForm(),
        "history": readable_history(meeting),
        "is_reviewer": is_reviewer,
    }


@back_office()
def meeting_detail(request, meeting_id):
    meeting = _record_or_404(request, meeting_id)
    return render(request, "backoffice/meeting_detail.html", _detail_context(request, meeting))


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
# Approving and publishing take a second step: a page that says what will happen, whose form
# carries this field. A POST without it (a stray click, a replayed form) changes nothing.
CONFIRMED_ACTIONS = {"approve", "publish"}
CONFIRM_FIELD = "confirmed"


@back_office()
def meeting_review(request, meeting_id):
    """POST: return (with its reason), or approve or publish once confirmed. GET with
    ?action=approve|publish: the confirmation page."""
    meeting = _record_or_404(request, meeting_id)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if not roles.is_reviewer(request.user):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else request.GET
    name = data.get("action", "")
    action = REVIEW_ACTIONS.get(name)
    if action is None or (request.method == "GET" and name not in CONFIRMED_ACTIONS):
        messages.error(request, _("Unknown action."))
        return redirect("backoffice:meeting-detail", meeting_id=meeting.pk)
    to_state, done = action
    if name in CONFIRMED_ACTIONS and (request.method == "GET" or data.get(CONFIRM_FIELD) != "yes"):
        return _confirm_page(request, meeting, name, to_state)
    reason = ""
    if to_state == RecordState.RETURNED:
        form = ReturnForm(request.POST)
        if not form.is_valid():
            return render(request, "backoffice/meeting_detail.html", _detail_context(request, meeting, form),
                          status=400)
        reason = form.cleaned_data["reason"]
    if _move(request, meeting, to_state, reason):
        messages.success(request, _("The record is %(done)s.") % {"done": done})
    return redirect("backoffice:meeting-detail", meeting_id=meeting.pk)


def _confirm_page(request, meeting, name, to_state):
    """What approving or publishing will do, and the button that does it; or, when the step is
    not open to this account now, why not (on the record page)."""
    if to_state not in workflow.allowed_steps(meeting, request.user):
        refusal = workflow.four_eyes_error(meeting, request.user, to_state)
        messages.error(request, refusal or _("This step is not open for the record in its present state."))
        return redirect("backoffice:meeting-detail", meeting_id=meeting.pk)
    return render(request, "backoffice/meeting_review_confirm.html", {
        "meeting": meeting, "action": name, "to_state": RecordState(to_state), "confirm_field": CONFIRM_FIELD,
        "is_reviewer": True,
    })


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


# --- password change, for officers and reviewers signed in -------------------------------------


@method_decorator(back_office(), name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "backoffice/password_change_form.html"
    success_url = reverse_lazy("backoffice:password-change-done")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "is_reviewer": roles.is_reviewer(self.request.user)}


@method_decorator(back_office(), name="dispatch")
class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "backoffice/password_change_done.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "is_reviewer": roles.is_reviewer(self.request.user)}


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
