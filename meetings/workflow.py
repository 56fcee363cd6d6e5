"""The rules of the filing workflow of meeting records, as unit officers and provincial reviewers
walk it (reads only; services.meeting_transition is the one write that applies them):

    draft ──officer──▶ submitted ──reviewer──▶ approved ──reviewer──▶ published
                          │                      │                      │
                          └──reviewer──▶ returned (with a reason) ◀─────┘
    returned ──officer──▶ submitted

An officer acts only on records their own units filed; a reviewer is active staff holding the
meetings app's review permission (Meeting.Meta.permissions). Any other move is a correction:
only a reviewer makes one, explicitly, with a reason, and it is logged like every step."""

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


def is_step(from_state: str, to_state: str) -> bool:
    """A move of the workflow, by whoever may make it (not a correction)."""
    return to_state in OFFICER_STEPS.get(from_state, set()) | REVIEWER_STEPS.get(from_state, set())


def is_correction(transition: MeetingTransition) -> bool:
    """A logged move outside the workflow: a reviewer's correction (the first entry of a record,
    from no state, is its creation)."""
    return bool(transition.from_state) and not is_step(transition.from_state, transition.to_state)
