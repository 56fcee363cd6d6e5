"""Who may open a back-office page: signed in and holding the role, and only their own records.

Out-of-scope records answer 404, never 403, so nobody learns that another unit's record exists;
pages of a role the account lacks answer 403; the public is sent to the login page."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.views.decorators.cache import never_cache

from meetings.models import Meeting

from . import roles, selectors


def back_office(role="any"):
    """Signed in and holding the role ("any": officer or reviewer), else login or 403."""

    def decorator(view):
        @wraps(view)
        @never_cache
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            officer, reviewer = roles.is_officer(user), roles.is_reviewer(user)
            allowed = {"any": officer or reviewer, "officer": officer, "reviewer": reviewer}[role]
            if not allowed:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def record_or_404(request, meeting_id):
    try:
        return selectors.meeting_record(request.user, meeting_id)
    except Meeting.DoesNotExist:
        raise Http404 from None
