"""Who may fetch a decision's scanned PDF: everyone once the decision is published (and not
withdrawn), staff always, anyone else a 404. The file stays in the private storage and goes out
through the checked view (portal.core.files) as an attachment."""

from .models import Decision


def scan_visible_to(user, decision: Decision) -> bool:
    if decision.is_published and decision.withdrawn_at is None:
        return True
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def connect() -> None:
    from portal.core.files import delete_files_with_rows, register

    register(Decision, ("scan",), can_view=scan_visible_to, attachment=True,
             filename=lambda decision: f"{decision.slug or 'quyet-dinh'}.pdf")
    delete_files_with_rows(Decision, ("scan",))
