"""Who may fetch a document's full text. The file stays in the private storage for good and goes
out through the checked view (portal.core.files), as an attachment: the public gets a published
document's file, staff every file, and anyone else a 404."""

from .models import Document


def document_file_visible_to(user, document: Document) -> bool:
    if document.is_published:
        return True
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def connect() -> None:
    from portal.core.files import delete_files_with_rows, register

    register(Document, ("file",), can_view=document_file_visible_to, attachment=True,
             filename=lambda document: document.download_name)
    delete_files_with_rows(Document, ("file",))
