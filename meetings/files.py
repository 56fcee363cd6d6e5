"""Who may fetch a meeting's photos and documents, and keeping the photos' storage in step with
the record: private while it is a draft, submitted, returned or approved; public once published,
and private again the moment it is withdrawn. Documents stay private always and go out through
the checked view (portal.core.files), which lets the public have a published meeting's public
documents and nothing else."""

from portal.core.files import sync_privacy

from .models import Meeting, MeetingDocument, MeetingPhoto
from .workflow import is_filing_officer

PHOTO_FIELDS = ("image", "thumbnail", "display")


def _insider(user, meeting: Meeting) -> bool:
    """Active staff, or an officer of the unit that filed the record (the workflow's own test)."""
    if user and user.is_authenticated and user.is_active and user.is_staff:
        return True
    return is_filing_officer(user, meeting)


def meeting_visible_to(user, meeting: Meeting) -> bool:
    return meeting.is_public or _insider(user, meeting)


def photo_visible_to(user, photo: MeetingPhoto) -> bool:
    return meeting_visible_to(user, photo.meeting)


def document_visible_to(user, document: MeetingDocument) -> bool:
    """A published meeting's public documents for everyone; every document for insiders."""
    meeting = document.meeting
    return (meeting.is_public and document.is_public) or _insider(user, meeting)


def photo_files_sync(*, photo: MeetingPhoto) -> bool:
    """Put the photo's original and renditions where its meeting's state says. True if moved."""
    return sync_privacy(photo, PHOTO_FIELDS, private=not photo.meeting.is_public)


def meeting_files_sync(*, meeting: Meeting) -> int:
    """All the meeting's photos follow its state; returns how many moved."""
    return sum(photo_files_sync(photo=photo) for photo in meeting.photos.select_related("meeting"))


def _on_meeting_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        meeting_files_sync(meeting=instance)


def _on_photo_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        photo_files_sync(photo=instance)


def connect() -> None:
    from django.db.models.signals import post_save

    from portal.core.files import delete_files_with_rows, register

    register(MeetingPhoto, PHOTO_FIELDS, can_view=photo_visible_to)
    register(MeetingDocument, ("file",), can_view=document_visible_to, attachment=True,
             filename=lambda document: document.download_name)
    delete_files_with_rows(MeetingPhoto, PHOTO_FIELDS)
    delete_files_with_rows(MeetingDocument, ("file",))
    post_save.connect(_on_meeting_saved, sender=Meeting, dispatch_uid="meeting-files-sync")
    post_save.connect(_on_photo_saved, sender=MeetingPhoto, dispatch_uid="meeting-photo-files-sync")
