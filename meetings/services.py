"""Writes to the meetings register. Every rule-checked change goes through one of these."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusters.models import ClusterMember, Role, SelectionMethod, Unit
from portal.core.uploads import photo_renditions_refresh, validate_image

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

# Who may move a record where. Unit officers (a later issue) follow these steps; staff review
# and correct records in the admin, so they may move one to any state.
TRANSITIONS = {
    RecordState.DRAFT: {RecordState.SUBMITTED},
    RecordState.SUBMITTED: {RecordState.RETURNED, RecordState.APPROVED},
    RecordState.RETURNED: {RecordState.SUBMITTED},
    RecordState.APPROVED: {RecordState.PUBLISHED, RecordState.RETURNED},
    RecordState.PUBLISHED: {RecordState.DRAFT},
}


def _is_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_staff)


def _log(meeting: Meeting, from_state: str, to_state: str, user, reason: str = "") -> None:
    MeetingTransition.objects.create(
        meeting=meeting, from_state=from_state, to_state=to_state,
        by=user if user and user.is_authenticated else None, reason=reason,
    )


@transaction.atomic
def meeting_create(*, cluster_year, kind: str, date=None, user=None, **fields) -> Meeting:
    """A new meeting record. Staff may create it straight as published; others start as drafts."""
    state = fields.pop("record_state", RecordState.DRAFT)
    if state not in (RecordState.DRAFT, RecordState.PUBLISHED) or (
        state == RecordState.PUBLISHED and not _is_staff(user)
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
    """Change a meeting's facts; a change of record state goes through meeting_transition."""
    new_state = fields.pop("record_state", None)
    for name, value in fields.items():
        setattr(meeting, name, value)
    if user is not None and user.is_authenticated:
        meeting.updated_by = user
    meeting.full_clean()
    meeting.save()
    if new_state and new_state != meeting.record_state:
        meeting_transition(meeting=meeting, to_state=new_state, user=user)
    return meeting


@transaction.atomic
def meeting_transition(*, meeting: Meeting, to_state: str, user=None, reason: str = "") -> Meeting:
    """Move the record to another state and log who did it and why."""
    from_state = meeting.record_state
    if to_state == from_state:
        return meeting
    if to_state not in RecordState.values:
        raise ValidationError(_("Unknown record state."))
    allowed = TRANSITIONS.get(from_state, set())
    if to_state not in allowed and not _is_staff(user):
        raise ValidationError(
            _("A meeting record cannot go from “%(from)s” to “%(to)s”.")
            % {"from": RecordState(from_state).label, "to": RecordState(to_state).label}
        )
    if to_state == RecordState.RETURNED and not reason.strip():
        raise ValidationError(_("Say why the record is returned."))
    if to_state == RecordState.PUBLISHED and not _is_staff(user):
        raise ValidationError(_("Only staff may publish a meeting."))
    meeting.record_state = to_state
    if to_state == RecordState.PUBLISHED:
        meeting.published_at = timezone.now()
    if user is not None and user.is_authenticated:
        meeting.updated_by = user
    meeting.save(update_fields=["record_state", "published_at", "updated_by", "updated_at"])
    _log(meeting, from_state, to_state, user, reason)
    return meeting


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
