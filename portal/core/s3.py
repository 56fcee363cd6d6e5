"""Object storage (S3-compatible, through django-storages) with the protective headers the
local disk gets from nginx and from portal.core.files.protect_download.

A public upload is stored with `X-Content-Type-Options: nosniff`-safe metadata: its content type
from its extension (images display, anything else downloads) and, for documents, an attachment
disposition, so a browser never runs an uploaded file from the bucket's address. A private file
is handed out by a signed address that asks the store to answer with the download name and type
the checked view would have sent."""

from urllib.parse import quote

from storages.backends.s3 import S3Storage

from .files import INLINE_TYPES, content_type_for


def _disposition(filename: str) -> str:
    ascii_name = filename.encode("ascii", "ignore").decode() or "tai-lieu"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


class ProtectedS3Storage(S3Storage):
    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        content_type = content_type_for(name)
        params["ContentType"] = content_type
        if content_type not in INLINE_TYPES:
            params["ContentDisposition"] = _disposition(name.rsplit("/", 1)[-1])
        return params

    def signed_download_url(self, name, *, filename: str, attachment: bool) -> str:
        content_type = content_type_for(filename)
        parameters = {"ResponseContentType": content_type}
        if attachment or content_type not in INLINE_TYPES:
            parameters["ResponseContentDisposition"] = _disposition(filename)
        return self.url(name, parameters=parameters)
