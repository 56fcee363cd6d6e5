"""Who may fetch a dossier's files: its unit's officers and the staff who process dossiers. They
stay private and go out through the checked view (portal.core.files); anyone else gets a 404."""

from clusters.models import UnitOfficer

from .models import ConcurrenceRequest, Dossier, DossierAttachment, NomineeLine


def can_process(user) -> bool:
    from .workflow import is_processor

    return is_processor(user)


def _officer_of(user, unit_id) -> bool:
    return bool(user and user.is_authenticated and user.is_active
                and UnitOfficer.objects.filter(user=user, unit_id=unit_id).exists())


def dossier_visible_to(user, dossier: Dossier) -> bool:
    return can_process(user) or _officer_of(user, dossier.unit_id)


def connect() -> None:
    from portal.core.files import delete_files_with_rows, register

    register(Dossier, ("minutes",), can_view=dossier_visible_to, attachment=True,
             filename=lambda d: _name("bien-ban", d.minutes.name))
    register(NomineeLine, ("achievement_report",), can_view=lambda u, ln: dossier_visible_to(u, ln.dossier),
             attachment=True, filename=lambda ln: _name("bao-cao-thanh-tich", ln.achievement_report.name))
    register(DossierAttachment, ("file",), can_view=lambda u, a: dossier_visible_to(u, a.dossier),
             attachment=True, filename=lambda a: _name("tai-lieu", a.file.name))
    # a concurrence answer is the office's own correspondence: staff only
    register(ConcurrenceRequest, ("file",), can_view=lambda u, c: can_process(u), attachment=True,
             filename=lambda c: _name("hiep-y", c.file.name))
    delete_files_with_rows(Dossier, ("minutes",))
    delete_files_with_rows(NomineeLine, ("achievement_report",))
    delete_files_with_rows(DossierAttachment, ("file",))
    delete_files_with_rows(ConcurrenceRequest, ("file",))


def _name(prefix: str, stored: str) -> str:
    extension = stored.rsplit(".", 1)[-1].lower() if "." in stored else ""
    return f"{prefix}.{extension}" if extension else prefix
