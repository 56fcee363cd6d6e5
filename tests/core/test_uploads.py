"""Uploads are judged by content and bounded in bytes and pixels (portal.core.uploads)."""

import io
import os
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from portal.core.uploads import (
    DOCUMENT_MAX_BYTES,
    IMAGE_MAX_BYTES,
    make_renditions,
    validate_document,
    validate_image,
)


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def png_bytes(width, height):
    """A real 1-bit PNG of the given size, built by hand so huge sizes cost little memory."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def jpeg(size=(64, 48), **save):
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(buffer, format="JPEG", **save)
    return buffer.getvalue()


def refused(validator, upload):
    with pytest.raises(ValidationError) as caught:
        validator(upload)
    return " ".join(caught.value.messages)


# --- images -------------------------------------------------------------------------------

def test_a_real_jpeg_passes():
    validate_image(SimpleUploadedFile("a.jpg", jpeg()))


def test_a_text_file_renamed_jpg_is_refused_as_not_an_image():
    message = refused(validate_image, SimpleUploadedFile("anh.jpg", b"Day khong phai la anh\n" * 20))
    assert "không phải là ảnh" in message


def test_an_image_over_10_mb_is_refused_with_its_size():
    side = 2000
    noise = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG", compress_level=0)
    assert buffer.tell() > IMAGE_MAX_BYTES
    message = refused(validate_image, SimpleUploadedFile("lon.png", buffer.getvalue()))
    assert "giới hạn 10 MB" in message


def test_an_image_over_40_megapixels_is_refused():
    upload = SimpleUploadedFile("rong.png", png_bytes(8000, 5001))  # 40.008 megapixels
    assert upload.size < IMAGE_MAX_BYTES
    message = refused(validate_image, upload)
    assert "40 megapixel" in message


def test_a_decompression_bomb_is_refused_before_decoding():
    bomb = png_bytes(20000, 20000)  # 400 megapixels in a few tens of kilobytes
    assert len(bomb) < 200_000
    message = refused(validate_image, SimpleUploadedFile("bom.png", bomb))
    assert "bom giải nén" in message


def test_a_truncated_image_is_refused():
    data = png_bytes(300, 300)
    message = refused(validate_image, SimpleUploadedFile("cut.png", data[: len(data) // 2]))
    assert message


def test_renditions_apply_orientation_and_strip_exif():
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    exif[0x010F] = "Camera maker"  # Make
    exif[0x0131] = "Secret software"  # Software
    raw = jpeg(size=(1600, 800), exif=exif.tobytes())
    assert Image.open(io.BytesIO(raw)).getexif()[0x0112] == 6

    renditions = make_renditions(SimpleUploadedFile("a.jpg", raw))

    thumb = Image.open(io.BytesIO(renditions["thumb"].read()))
    display = Image.open(io.BytesIO(renditions["display"].read()))
    assert thumb.size == (160, 320)  # upright (portrait) and within 320 px
    assert display.size == (600, 1200)
    for image in (thumb, display):
        assert image.mode == "RGB"
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info


def test_renditions_flatten_transparency_to_rgb():
    buffer = io.BytesIO()
    Image.new("RGBA", (40, 40), (0, 0, 0, 0)).save(buffer, format="PNG")
    renditions = make_renditions(SimpleUploadedFile("t.png", buffer.getvalue()))
    image = Image.open(io.BytesIO(renditions["thumb"].read()))
    assert image.mode == "RGB"
    assert image.getpixel((5, 5))[0] > 240  # white, not black


# --- documents ----------------------------------------------------------------------------

def ooxml(main_part, content_type):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0"?><Types><Override PartName="/{main_part}" '
            f'ContentType="application/vnd.openxmlformats-officedocument.{content_type}"/></Types>',
        )
        archive.writestr(main_part, "<xml/>")
    return buffer.getvalue()


def test_a_pdf_passes():
    assert validate_document(SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n%...\n")) == "pdf"


def test_a_docx_and_an_xlsx_pass():
    docx = ooxml("word/document.xml", "wordprocessingml.document.main+xml")
    assert validate_document(SimpleUploadedFile("bien-ban.docx", docx)) == "docx"
    import openpyxl

    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    assert validate_document(SimpleUploadedFile("bang-diem.xlsx", buffer.getvalue())) == "xlsx"


def test_an_html_page_renamed_pdf_is_refused():
    message = refused(validate_document, SimpleUploadedFile("bao-cao.pdf", b"<!doctype html><title>x</title>"))
    assert "PDF, DOCX, XLSX" in message


def test_a_zip_renamed_docx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert refused(validate_document, SimpleUploadedFile("x.docx", buffer.getvalue()))


def test_a_pdf_named_docx_is_refused_for_its_extension():
    message = refused(validate_document, SimpleUploadedFile("x.docx", b"%PDF-1.7\n"))
    assert ".docx" in message


def test_a_kind_not_allowed_is_refused():
    with pytest.raises(ValidationError):
        validate_document(SimpleUploadedFile("x.pdf", b"%PDF-1.7\n"), allowed=("docx",))


def test_a_document_over_20_mb_is_refused():
    upload = SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * DOCUMENT_MAX_BYTES)
    message = refused(validate_document, upload)
    assert "giới hạn 20 MB" in message
