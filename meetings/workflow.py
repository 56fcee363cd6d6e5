"""The filing workflow of meeting records, as unit officers and provincial reviewers walk it.

    draft ──officer──▶ submitted ──reviewer──▶ approved ──reviewer──▶ published
                          │                      │                      │
                          └──reviewer──▶ returned (with a reason) ◀─────┘
    returned ──officer──▶ submitted

An officer acts only on records their own units filed; a reviewer is active staff holding the
review permission. Every step is logged in MeetingTransition (who, when, from, to, why).
(services.meeting_transition stays the admin's looser path: staff may correct any state there.)"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusters.models import UnitOfficer

from .models import Meeting, MeetingTransition, RecordState

REVIEW_PERMISSION = "backoffice.review_meeting"

OFFICER_STEPS = {
    RecordState.DRAFT: {RecordState.SUBMITTED},
    RecordState.RETURNED: {RecordState.SUBMITTED},
}
REVIEWER_STEPS = {
    RecordState.SUBMITTED: {RecordState.RETURNED, RecordState.APPROVED},
    RecordState.APPROVED: {RecordState.PUBLISHED, RecordState.RETURNED},
    RecordState.PUBLISHED: {RecordState.RETURNED},
}
# An officer may change the record's content only while it is theirs to work on.
EDITABLE_STATES = {RecordState.DRAFT, RecordState.RETURNED}


def is_reviewer(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff
                and user.has_perm(REVIEW_PERMISSION))


def is_filing_officer(user, meeting: Meeting) -> bool:
    return bool(
        user and user.is_authenticated and user.is_active and meeting.filing_unit_id
        and UnitOfficer.objects.filter(user=user, unit_id=meeting.filing_unit_id).exists()
    )


def allowed_steps(meeting: Meeting, user) -> set[str]:
    steps = set()
    if is_filing_officer(user, meeting):
        steps |= OFFICER_STEPS.get(meeting.record_state, set())
    if is_reviewer(user):
        steps |= REVIEWER_STEPS.get(meeting.record_state, set())
    return steps


def can_edit(meeting: Meeting, user) -> bool:
    return meeting.record_state in EDITABLE_STATES and is_filing_officer(user, meeting)


@transaction.atomic
def meeting_transition(*, meeting: Meeting, to_state: str, by, reason: str = "") -> MeetingTransition:
    """Move a record one step along the workflow and log it. Raises PermissionDenied when `by`
    may not act on this record at all, ValidationError when the step is not allowed."""
    # Locked: two reviewers clicking at once must not both move the record.
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not (is_filing_officer(by, locked) or is_reviewer(by)):
        raise PermissionDenied
    from_state = locked.record_state
    if to_state not in allowed_steps(locked, by):
        raise ValidationError(
            # The msgid of services.py, so the meetings catalog already holds its translation.
            _("A meeting record cannot go from “%(from)s” to “%(to)s”.")
            % {"from": RecordState(from_state).label, "to": RecordState(to_state).label
               if to_state in RecordState.values else to_state},
            code="transition_not_allowed",
        )
    reason = (reason or "").strip()
    if to_state == RecordState.RETURNED and not reason:
        raise ValidationError(_("Say why the record is returned."), code="reason_required")
    locked.record_state = to_state
    if to_state == RecordState.PUBLISHED and locked.published_at is None:
        locked.published_at = timezone.now()
    locked.updated_by = by
    locked.save(update_fields=["record_state", "published_at", "updated_by", "updated_at"])
    meeting.record_state, meeting.published_at = locked.record_state, locked.published_at
    return MeetingTransition.objects.create(
        meeting=locked, from_state=from_state, to_state=to_state, by=by, reason=reason,
    )
