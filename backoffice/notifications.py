"""E-mails of the filing workflow: to reviewers on submission, to the officer on return or
approval. Sent after the change is saved; a mail server that is down never undoes a step."""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from meetings.models import MeetingTransition, RecordState

from .roles import REVIEW_PERMISSION, STAFF_GROUP

logger = logging.getLogger(__name__)


def _reviewer_addresses() -> list[str]:
    app_label, codename = REVIEW_PERMISSION.split(".")
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="").filter(
        Q(groups__name=STAFF_GROUP)
        | Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app_label)
        | Q(is_superuser=True)
    ).distinct()
    return sorted({user.email for user in users})


def _officer_addresses(meeting) -> list[str]:
    submitters = MeetingTransition.objects.filter(meeting=meeting, to_state=RecordState.SUBMITTED).exclude(by=None)
    people = [t.by for t in submitters.select_related("by")]
    if meeting.created_by_id:
        people.append(meeting.created_by)
    return sorted({p.email for p in people if p.is_active and p.email})


def _send(subject: str, body: str, recipients: list[str]) -> None:
    if not recipients:
        return
    try:
        send_mail(subject, body, None, recipients)
    except Exception:  # the step is saved; the mail is a courtesy
        logger.exception("workflow e-mail could not be sent to %s", recipients)


def notify(transition, *, build_url) -> None:
    """`build_url(path)` makes an absolute address (request.build_absolute_uri)."""
    meeting = transition.meeting
    url = build_url(reverse("backoffice:meeting-detail", kwargs={"meeting_id": meeting.pk}))
    with override("vi"):
        values = {
            "title": meeting.display_title, "unit": meeting.filing_unit.name if meeting.filing_unit_id else "",
            "by": str(transition.by) if transition.by_id else "", "url": url, "reason": transition.reason,
        }
        if transition.to_state == RecordState.SUBMITTED:
            _send(
                _("Meeting record to review: %(title)s") % values,
                _("%(unit)s has submitted the meeting record “%(title)s” (by %(by)s).\n\nReview it here: %(url)s\n")
                % values,
                _reviewer_addresses(),
            )
        elif transition.to_state == RecordState.RETURNED:
            _send(
                _("Meeting record returned: %(title)s") % values,
                _("The meeting record “%(title)s” was returned for changes by %(by)s.\n\nReason: %(reason)s\n\n"
                  "Correct it and submit it again here: %(url)s\n") % values,
                _officer_addresses(meeting),
            )
        elif transition.to_state == RecordState.APPROVED:
            _send(
                _("Meeting record approved: %(title)s") % values,
                _("The meeting record “%(title)s” was approved by %(by)s. It will be published by the "
                  "Department of Home Affairs.\n\n%(url)s\n") % values,
                _officer_addresses(meeting),
            )
