"""The download headers live in portal.core.files, beside the checked view that serves private
files; the back office's document view and /media/ middleware use the same ones."""

from portal.core.files import DOCUMENT_TYPES, INLINE_TYPES, content_type_for, protect_download  # noqa: F401
