"""A small Excel file that unpacks to gigabytes is refused from what its archive declares, with a
Vietnamese message, before a single row is read (it once held a worker for minutes at 2 GB)."""

import io
import zipfile

import pytest
from django.utils import translation

from awards import imports


def rebuilt(replace):
    """The import template with some of its members replaced."""
    source = zipfile.ZipFile(io.BytesIO(imports.template_xlsx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, replace(info.filename, data))
    out.seek(0)
    return out


@pytest.fixture
def no_parsing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a row was about to be read")

    monkeypatch.setattr(imports, "load_workbook", refuse)


def test_a_highly_compressed_sheet_is_refused_before_reading(no_parsing):
    def bomb(name, data):
        if name.startswith("xl/worksheets/"):
            return data.replace(b"</worksheet>", b" " * (40 * 2**20) + b"</worksheet>")
        return data

    file = rebuilt(bomb)
    assert len(file.getvalue()) < 1_000_000  # a small upload
    with translation.override("vi"), pytest.raises(imports.ImportFileError, match="bị từ chối trước khi đọc"):
        imports.read_rows(file)


def test_a_sheet_declaring_millions_of_rows_is_refused_before_reading(no_parsing):
    def huge(name, data):
        if name.startswith("xl/worksheets/"):
            import re

            return re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:K5000000"', data)
        return data

    with pytest.raises(imports.ImportFileError, match="5000000"):
        imports.read_rows(rebuilt(huge))


def test_an_ordinary_list_still_reads():
    rows = imports.read_rows(io.BytesIO(imports.template_xlsx()))
    assert rows and rows[0]["row"] == 2
