"""Upload checks for the decision scan: the shared document check, limited to PDF."""

from portal.core.uploads import validate_document


def validate_pdf(file) -> None:
    # The content decides, not the name: an HTML page renamed .pdf is refused.
    validate_document(file, allowed=("pdf",))
