"""Who may fetch a movement's files. All stay in the private storage and go out through the
checked view (portal.core.files) as attachments: a published movement's public attachments to
everyone; a unit's registration to that unit's officers and staff only; a cluster's pact to
the officers of that year's member units and staff. Anyone else gets a 404."""

from clusters.models import UnitOfficer

from .models import ClusterPact, MovementAttachment, MovementRegistration


def _staff(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def _officer_of_any(user, unit_ids) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return UnitOfficer.objects.filter(user=user, unit_id__in=list(unit_ids)).exists()


def attachment_visible_to(user, attachment: MovementAttachment) -> bool:
    return (attachment.movement.is_published and attachment.is_public) or _staff(user)


def registration_visible_to(user, registration: MovementRegistration) -> bool:
    return _staff(user) or _officer_of_any(user, [registration.unit_id])


def pact_visible_to(user, pact: ClusterPact) -> bool:
    if _staff(user):
        return True
    members = pact.cluster_year.members.filter(is_provisional=False).values_list("unit_id", flat=True)
    return _officer_of_any(user, members)


def connect() -> None:
    from portal.core.files import delete_files_with_rows, register
    from portal.core.text import vn_slugify

    register(MovementAttachment, ("file",), can_view=attachment_visible_to, attachment=True,
             filename=lambda attachment: attachment.download_name)
    register(MovementRegistration, ("file",), can_view=registration_visible_to, attachment=True,
             filename=lambda registration: _named("dang-ky", registration, vn_slugify))
    register(ClusterPact, ("file",), can_view=pact_visible_to, attachment=True,
             filename=lambda pact: _named("giao-uoc", pact, vn_slugify))
    for model in (MovementAttachment, MovementRegistration, ClusterPact):
        delete_files_with_rows(model, ("file",))


def _named(prefix: str, row, vn_slugify) -> str:
    extension = row.file.name.rsplit(".", 1)[-1].lower() if "." in row.file.name else ""
    return f"{prefix}-{vn_slugify(row.movement.name, max_length=60)}.{extension}".rstrip(".")
