"""What a titled file attached to a record shows: its extension, and the name a download is saved
under (the title as a file name, since the stored name is random; portal.core.files)."""

from .text import vn_slugify


class TitledFileMixin:
    """For a model with a `title` and a `file`."""

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].upper() if "." in self.file.name else ""

    @property
    def download_name(self) -> str:
        """"bao-cao-so-ket.pdf" for a file titled "Báo cáo sơ kết"."""
        extension = self.file.name.rsplit(".", 1)[-1].lower() if "." in self.file.name else ""
        return f"{vn_slugify(self.title, max_length=80) or 'tai-lieu'}.{extension}".rstrip(".")
