"""Writes of the back office: saving an officer's meeting record with everything that hangs off
it, and moving it along the workflow (with its e-mails)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from meetings import ranking_locks, workflow
from meetings import services as meeting_services
from meetings.models import Meeting, MeetingPhoto, Ranking, RecordState

from . import notifications


@transaction.atomic
def meeting_save_filed(*, form, formsets, user) -> Meeting:
    """Save a meeting record filed by an officer, its attendees, agenda, resolutions, photos and
    documents, in one transaction. Forms and formsets are already valid."""
    meeting = form.instance
    if meeting.pk is not None and not workflow.can_edit(meeting, user):
        raise PermissionDenied
    # the optimistic lock's hidden fields were checked by the form; they are not the record's
    fields = {name: value for name, value in form.cleaned_data.items() if not name.startswith("lock_")}
    if meeting.pk is None:
        meeting = meeting_services.meeting_create(user=user, record_state=RecordState.DRAFT, **fields)
    else:
        fields.pop("record_state", None)
        meeting = meeting_services.meeting_update(meeting=meeting, user=user, **fields)
    held = ranking_locks.held_because(meeting)  # read again under the transaction: the form's may be older
    for formset in formsets:
        if held and formset.model is Ranking and formset.changes_rows():
            raise ValidationError(held, code="held")
        formset.instance = meeting
        formset.save()
        if formset.model is MeetingPhoto:
            for photo_form in formset.forms:
                photo = photo_form.instance
                if photo.pk and ("image" in photo_form.changed_data or not photo.thumbnail):
                    meeting_services.photo_refresh_renditions(photo=photo)
    return meeting


def meeting_move(*, meeting: Meeting, to_state: str, user, reason: str = "", build_url):
    """One workflow step, then its e-mail (outside the transaction: the step stands even if
    the mail server does not answer)."""
    transition = meeting_services.meeting_transition(meeting=meeting, to_state=to_state, user=user, reason=reason)
    notifications.notify(transition, build_url=build_url)
    return transition
