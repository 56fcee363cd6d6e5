"""The rules of the filing workflow of meeting records, as unit officers and provincial reviewers
walk it (reads only; services.meeting_transition is the one write that applies them):

    draft ──officer──▶ submitted ──reviewer──▶ approved ──reviewer──▶ published
                          │                      │                      │
                          └──reviewer──▶ returned (with a reason) ◀─────┘
    returned ──officer──▶ submitted

An officer acts only on records their own units filed; a reviewer is active staff holding the
meetings app's review permission (Meeting.Meta.permissions). Any other move is a correction:
only a reviewer makes one, explicitly, with a reason, and it is logged like every step.

Four eyes: the account that submitted a record, or edited it as an officer of its filing unit,
does not also approve or publish it, not by a step and not by a correction."""

from django.utils.translation import gettext as _

from clusters.models import UnitOfficer

from .models import Meeting, MeetingTransition, RecordState

REVIEW_PERMISSION = "meetings.review_meeting"

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
# The states that need a second pair of eyes: whoever wrote the record does not move it there.
FOUR_EYES_STATES = {RecordState.APPROVED, RecordState.PUBLISHED}

# Who else knows that an account edited a record: callables (meeting, user) -> bool. The history
# of changes (backoffice.audit, an app above this one) registers itself here, so the rule sees
# every edit without this app importing the one above it.
_edit_trails = []


def register_edit_trail(trail) -> None:
    if trail not in _edit_trails:
        _edit_trails.append(trail)


def is_reviewer(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff
                and user.has_perm(REVIEW_PERMISSION))


def is_filing_officer(user, meeting: Meeting) -> bool:
    return bool(
        user and user.is_authenticated and user.is_active and meeting.filing_unit_id
        and UnitOfficer.objects.filter(user=user, unit_id=meeting.filing_unit_id).exists()
    )


def is_own_work(meeting: Meeting, user) -> bool:
    """The account submitted this record, or edited it as an officer of its filing unit."""
    if not (user and user.is_authenticated and meeting.pk):
        return False
    if meeting.transitions.filter(to_state=RecordState.SUBMITTED, by=user).exists():
        return True
    if user.pk in (meeting.created_by_id, meeting.updated_by_id) and is_filing_officer(user, meeting):
        return True
    return any(trail(meeting, user) for trail in _edit_trails)


def four_eyes_error(meeting: Meeting, user, to_state: str) -> str | None:
    """Why `user` may not move the record to `to_state` under the four-eyes rule, or None."""
    if to_state in FOUR_EYES_STATES and is_own_work(meeting, user):
        return _("You submitted or edited this record for its unit, so another reviewer must approve and "
                 "publish it.")
    return None


def allowed_steps(meeting: Meeting, user) -> set[str]:
    steps = set()
    if is_filing_officer(user, meeting):
        steps |= OFFICER_STEPS.get(meeting.record_state, set())
    if is_reviewer(user):
        steps |= REVIEWER_STEPS.get(meeting.record_state, set())
        if steps & FOUR_EYES_STATES and is_own_work(meeting, user):
            steps -= FOUR_EYES_STATES
    return steps


def can_edit(meeting: Meeting, user) -> bool:
    return meeting.record_state in EDITABLE_STATES and is_filing_officer(user, meeting)


def is_step(from_state: str, to_state: str) -> bool:
    """A move of the workflow, by whoever may make it (not a correction)."""
    return to_state in OFFICER_STEPS.get(from_state, set()) | REVIEWER_STEPS.get(from_state, set())


def is_correction(transition: MeetingTransition) -> bool:
    """A logged move outside the workflow: a reviewer's correction (the first entry of a record,
    from no state, is its creation)."""
    return bool(transition.from_state) and not is_step(transition.from_state, transition.to_state)
