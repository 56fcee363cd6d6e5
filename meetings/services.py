"""Writes to the meetings register. Every rule-checked change goes through one of these; the
record's state changes only through meeting_transition, the one state machine (its rules are in
workflow.py)."""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusters.models import ClusterMember, Role, SelectionMethod, Unit
from portal.core.uploads import photo_renditions_refresh, validate_image

from . import workflow
from .models import (
    Attendance,
    DecisionMethod,
    Meeting,
    MeetingKind,
    MeetingPhoto,
    MeetingTransition,
    RecordState,
    Resolution,
    ResolutionKind,
)

logger = logging.getLogger(__name__)


def _log(meeting: Meeting, from_state: str, to_state: str, user, reason: str = "") -> MeetingTransition:
    return MeetingTransition.objects.create(
        meeting=meeting, from_state=from_state, to_state=to_state,
        by=user if user and user.is_authenticated else None, reason=reason,
    )


@transaction.atomic
def meeting_create(*, cluster_year, kind: str, date=None, user=None, **fields) -> Meeting:
    """A new meeting record. A reviewer (who may publish) may create it straight as published, as
    staff enter a meeting the press reported; others start as drafts."""
    state = fields.pop("record_state", RecordState.DRAFT)
    if state not in (RecordState.DRAFT, RecordState.PUBLISHED) or (
        state == RecordState.PUBLISHED and not workflow.is_reviewer(user)
    ):
        raise ValidationError(_("A new meeting starts as a draft; only staff may publish it at once."))
    meeting = Meeting(cluster_year=cluster_year, kind=kind, date=date, record_state=state, **fields)
    if user is not None and user.is_authenticated:
        meeting.created_by = meeting.updated_by = user
    meeting.full_clean()
    meeting.save()
    _log(meeting, "", state, user)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, user=None, **fields) -> Meeting:
    """Change a meeting's facts. Its record state is not a fact: it moves only through
    meeting_transition."""
    if "record_state" in fields and fields["record_state"] != meeting.record_state:
        raise TypeError("meeting_update does not move the record state: call meeting_transition")
    fields.pop("record_state", None)
    for name, value in fields.items():
        setattr(meeting, name, value)
    if user is not None and user.is_authenticated:
        meeting.updated_by = user
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_transition(*, meeting: Meeting, to_state: str, user, reason: str = "",
                       correction: bool = False) -> MeetingTransition:
    """Move a record one step along the workflow (workflow.py) and log who did it, when, from
    what, to what and why. Raises PermissionDenied when `user` may not act on this record at all,
    ValidationError when the step is not allowed or its reason is missing.

    `correction=True` is the staff's explicit way to put a record in any other state (a paper
    record approved outside the portal, a state set by mistake): only a reviewer may, with a
    reason; it is logged like every step (workflow.is_correction tells it apart). Publishing
    keeps the first publication date, whatever the path."""
    # Locked: two reviewers clicking at once must not both move the record.
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    from_state = locked.record_state
    reason = (reason or "").strip()
    if to_state not in RecordState.values:
        raise ValidationError(_("Unknown record state."), code="unknown_state")
    not_allowed = ValidationError(
        _("A meeting record cannot go from “%(from)s” to “%(to)s”.")
        % {"from": RecordState(from_state).label, "to": RecordState(to_state).label},
        code="transition_not_allowed",
    )
    if correction:
        if not workflow.is_reviewer(user):
            raise PermissionDenied
        four_eyes = workflow.four_eyes_error(locked, user, to_state)
        if four_eyes:  # a correction is no way around the second pair of eyes
            raise ValidationError(four_eyes, code="four_eyes")
        if to_state == from_state:
            raise not_allowed
        if not reason:
            raise ValidationError(_("Say why the state is corrected."), code="reason_required")
    else:
        if not (workflow.is_filing_officer(user, locked) or workflow.is_reviewer(user)):
            raise PermissionDenied
        if to_state not in workflow.allowed_steps(locked, user):
            four_eyes = workflow.is_reviewer(user) and workflow.four_eyes_error(locked, user, to_state)
            raise ValidationError(four_eyes, code="four_eyes") if four_eyes else not_allowed
        if to_state == RecordState.RETURNED and not reason:
            raise ValidationError(_("Say why the record is returned."), code="reason_required")
    locked.record_state = to_state
    if to_state == RecordState.PUBLISHED and locked.published_at is None:
        locked.published_at = timezone.now()
    locked.updated_by = user
    locked.save(update_fields=["record_state", "published_at", "updated_by", "updated_at"])
    # the caller's copy follows (its version too: a form saving it next must not see a conflict)
    meeting.record_state, meeting.published_at, meeting.version = (
        locked.record_state, locked.published_at, locked.version)
    if correction:
        logger.info("meeting %s: state corrected from %s to %s by %s: %s", locked.pk, from_state, to_state, user,
                    reason)
    return _log(locked, from_state, to_state, user, reason)


def _next_year_roles_exist(cluster_year) -> bool:
    return ClusterMember.objects.filter(
        cluster_year__cluster_id=cluster_year.cluster_id, cluster_year__year=cluster_year.year + 1,
        role__in=[Role.LEADER, Role.DEPUTY],
    ).exists()


@transaction.atomic
def meeting_record_election(
    *,
    meeting: Meeting | None = None,
    resolution: Resolution | None = None,
    leader: Unit,
    deputy: Unit | None = None,
    method: str = DecisionMethod.VOTE,
    replace: bool = False,
    text: str = "",
    votes: dict | None = None,
) -> Resolution:
    """Record the election of next year's leader and deputy at a year-end review.

    The roles are created by the cluster service, so every cluster rule holds (one leader, one
    deputy, both members, leader ≠ deputy); the resolution keeps links to the rows it created.
    `votes` may carry members_entitled, members_present, votes_for and deputy_votes_for, when
    the minutes give them. Units carried into next year come as provisional members (the
    cluster service's rule): an election never publishes a membership nobody confirmed."""
    from clusters import services as cluster_services

    if resolution is not None:
        meeting = resolution.meeting
        if resolution.kind != ResolutionKind.ELECTION:
            raise ValidationError(_("Only an election resolution can create the cluster's roles."))
    if meeting is None:
        raise ValidationError(_("Say at which meeting the election took place."))
    cluster_year = meeting.cluster_year
    labels = cluster_year.cluster.labels
    if meeting.kind != MeetingKind.YEAR_END_REVIEW:
        raise ValidationError(_("Next year's %(leader)s and %(deputy)s are elected at a year-end review.") % labels)
    next_year = cluster_year.year + 1
    if not replace and _next_year_roles_exist(cluster_year):
        raise ValidationError(
            _("The %(leader)s and %(deputy)s of %(year)s are already set. Tick “Replace the existing roles” "
              "if this election replaces them.") % {"year": next_year, **labels}
        )
    votes = {k: v for k, v in (votes or {}).items() if v is not None}
    unknown = set(votes) - {"members_entitled", "members_present", "votes_for", "deputy_votes_for"}
    if unknown:
        raise TypeError(f"unexpected vote fields: {sorted(unknown)}")
    target = cluster_services.cluster_year_get_or_start(cluster=cluster_year.cluster, year=next_year)
    roles = cluster_services.cluster_year_set_roles(
        cluster_year=target, leader=leader, deputy=deputy, method=SelectionMethod.ELECTED,
        source_note=meeting.display_title[:300], replace=replace,
    )
    if resolution is None:
        if not text:
            text = _("Elected %(unit)s as %(leader)s for %(year)s") % {
                "unit": leader.name, "year": next_year, "leader": labels["leader"],
            }
            if deputy is not None:
                text += _(", and %(unit)s as %(deputy)s") % {"unit": deputy.name, "deputy": labels["deputy"]}
            text += "."
        resolution = Resolution(
            meeting=meeting, kind=ResolutionKind.ELECTION, text=text, method=method,
            order=meeting.resolutions.count() + 1,
        )
    else:
        resolution.method = method or resolution.method
        if text:
            resolution.text = text
    for name, value in votes.items():
        setattr(resolution, name, value)
    resolution.full_clean()
    resolution.save()
    resolution.created_roles.set(roles)
    return resolution


@transaction.atomic
def photo_add(
    *, meeting: Meeting, image, alt_text: str, caption: str = "", order: int | None = None, is_sample: bool = False
) -> MeetingPhoto:
    """Check the image, store it and its thumbnail and display sizes."""
    validate_image(image)
    if order is None:
        order = meeting.photos.count() + 1
    photo = MeetingPhoto(
        meeting=meeting, image=image, caption=caption, alt_text=alt_text, order=order, is_sample=is_sample
    )
    photo.full_clean()
    photo.save()
    photo_refresh_renditions(photo=photo)
    return photo


def photo_refresh_renditions(*, photo: MeetingPhoto) -> MeetingPhoto:
    """(Re)make the thumbnail and display sizes from the stored original."""
    return photo_renditions_refresh(photo=photo)


@transaction.atomic
def attendance_link_person(*, attendance: Attendance, person) -> Attendance:
    """Link a name as written to a person record; the name and title as written stay as they are."""
    attendance.person = person
    attendance.full_clean()
    attendance.save(update_fields=["person"])
    return attendance
