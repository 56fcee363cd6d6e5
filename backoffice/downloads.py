"""Uploaded files go back to browsers in a way that never lets them run: documents are
attachments, nothing is sniffed, and a sandbox CSP disarms anything that slips through."""

import mimetypes
from urllib.parse import quote

INLINE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def content_type_for(filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension in DOCUMENT_TYPES:
        return DOCUMENT_TYPES[extension]
    guessed, _encoding = mimetypes.guess_type(filename)
    return guessed if guessed in INLINE_TYPES else "application/octet-stream"


def protect_download(response, filename: str):
    content_type = content_type_for(filename)
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    if content_type not in INLINE_TYPES:
        ascii_name = filename.encode("ascii", "ignore").decode() or "tai-lieu"
        response["Content-Disposition"] = (
            f'attachment; filename="{ascii_name}"; filename*=UTF-8\'\'{quote(filename)}'
        )
    return response
