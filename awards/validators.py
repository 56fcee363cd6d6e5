"""Upload checks for the decision scan. portal/core has no shared upload validator yet, so the
PDF check lives here: the content is read, the file name is not trusted."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PDF_MAGIC = b"%PDF-"
MAX_SCAN_BYTES = 20 * 1024 * 1024


def validate_pdf(file) -> None:
    if getattr(file, "size", 0) and file.size > MAX_SCAN_BYTES:
        raise ValidationError(_("The scan is larger than 20 MB."), code="too_large")
    position = file.tell()
    file.seek(0)
    head = file.read(1024)
    file.seek(position)
    # PDF readers accept the header anywhere in the first kilobyte
    if PDF_MAGIC not in head:
        raise ValidationError(_("The scanned decision must be a PDF file."), code="not_pdf")
