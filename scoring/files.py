"""Who may fetch evidence files: the unit that filed them, the officers of the cluster-year's
leader unit (who compile), and staff; they stay private and go out through the checked view."""

from clusters.models import Role, UnitOfficer

from .models import Evidence


def evidence_visible_to(user, evidence: Evidence) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_staff:
        return True
    sheet = evidence.entry.sheet
    leaders = sheet.scoring.cluster_year.members.filter(role=Role.LEADER).values_list("unit_id", flat=True)
    return UnitOfficer.objects.filter(user=user, unit_id__in=[sheet.unit_id, *leaders]).exists()


def connect() -> None:
    from portal.core.files import delete_files_with_rows, register

    register(Evidence, ("file",), can_view=evidence_visible_to, attachment=True,
             filename=lambda e: "minh-chung." + e.file.name.rsplit(".", 1)[-1].lower())
    delete_files_with_rows(Evidence, ("file",))
