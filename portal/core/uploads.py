"""Upload checks shared by every app that takes files from people: meeting photos and
documents, news images, the officers' back office.

Files are judged by their content, never by their name: a text file renamed .jpg or an HTML
page renamed .pdf is refused. Images are bounded in bytes and in pixels before Pillow decodes
them, so a small file that unpacks to gigabytes (a decompression bomb) never reaches memory."""

import io
import warnings
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_MAX_BYTES = 10 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
RENDITION_SIZES = {"thumb": 320, "display": 1200}
RENDITION_QUALITY = 85

# Pillow warns above MAX_IMAGE_PIXELS and raises above twice that; the warning is turned into
# an error below, so our limit is the one that counts whatever another library sets.
Image.MAX_IMAGE_PIXELS = IMAGE_MAX_PIXELS

# What each document kind is made of (content types checked in [Content_Types].xml).
_OOXML = {
    "docx": ("word/document.xml", "wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
}
_CONTENT_TYPES_MAX_BYTES = 256 * 1024


def _megabytes(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB"


def _size(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        position = file.tell()
        file.seek(0, io.SEEK_END)
        size = file.tell()
        file.seek(position)
    return size


def _open_image(file) -> Image.Image:
    """Open (header only) with the pixel limit as a hard error; the caller rewinds."""
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file)
            width, height = image.size
    except Image.DecompressionBombWarning:
        raise ValidationError(
            _("The image has more than %(limit)s megapixels. Please reduce its size and upload it again."),
            code="image_too_many_pixels", params={"limit": IMAGE_MAX_PIXELS // 1_000_000},
        ) from None
    except Image.DecompressionBombError:
        raise ValidationError(
            _("The image claims an enormous size (far over %(limit)s megapixels) and was refused as a "
              "possible decompression bomb."),
            code="image_bomb", params={"limit": IMAGE_MAX_PIXELS // 1_000_000},
        ) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise ValidationError(
            _("The file is not an image (JPEG, PNG, WebP or GIF). Its name does not matter: its content does."),
            code="not_an_image",
        ) from None
    if width * height > IMAGE_MAX_PIXELS:
        raise ValidationError(
            _("The image has more than %(limit)s megapixels. Please reduce its size and upload it again."),
            code="image_too_many_pixels", params={"limit": IMAGE_MAX_PIXELS // 1_000_000},
        )
    return image


def validate_image(file) -> None:
    """Refuse anything that is not a sound JPEG/PNG/WebP/GIF within 10 MB and 40 megapixels."""
    if file is None:
        return
    if _size(file) > IMAGE_MAX_BYTES:
        raise ValidationError(
            _("The image is %(size)s; the limit is %(limit)s."),
            code="image_too_large",
            params={"size": filesizeformat(_size(file)), "limit": _megabytes(IMAGE_MAX_BYTES)},
        )
    try:
        image = _open_image(file)
        if image.format not in IMAGE_FORMATS:
            raise ValidationError(
                _("The file is not an image (JPEG, PNG, WebP or GIF). Its name does not matter: its content does."),
                code="not_an_image",
            )
        try:
            image.verify()  # reads the whole stream: catches truncated and corrupt files
        except Exception:  # Pillow raises many types for damaged data
            raise ValidationError(
                _("The image is damaged or incomplete and cannot be read."), code="image_damaged"
            ) from None
    finally:
        file.seek(0)


def make_renditions(file) -> dict[str, ContentFile]:
    """The sizes pages show: 'thumb' (320 px) and 'display' (1200 px), JPEG, upright, RGB, with
    no EXIF (camera serial numbers and GPS positions stay private). Call validate_image first."""
    image = _open_image(file)
    try:
        image.load()
        upright = ImageOps.exif_transpose(image)
        if upright.mode in ("RGBA", "LA", "P", "PA"):
            # Transparent parts become white, as they would look on the page.
            upright = upright.convert("RGBA")
            background = Image.new("RGB", upright.size, (255, 255, 255))
            background.paste(upright, mask=upright.getchannel("A"))
            upright = background
        elif upright.mode != "RGB":
            upright = upright.convert("RGB")
    finally:
        file.seek(0)
    renditions = {}
    for name, longest in RENDITION_SIZES.items():
        copy = upright.copy()
        copy.thumbnail((longest, longest), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        # Saved without exif= or icc_profile=, so no metadata is carried over.
        copy.save(buffer, format="JPEG", quality=RENDITION_QUALITY, optimize=True, progressive=True)
        content = ContentFile(buffer.getvalue(), name=f"{name}.jpg")
        content.width, content.height = copy.size
        renditions[name] = content
    return renditions


def detect_document_kind(file) -> str | None:
    """'pdf', 'docx', 'xlsx' from the bytes, or None."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names:
                return None
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _CONTENT_TYPES_MAX_BYTES:
                return None
            content_types = archive.read(info).decode("utf-8", "replace")
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, RuntimeError):
        return None
    finally:
        file.seek(0)
    for kind, (main_part, content_type) in _OOXML.items():
        if main_part in names and content_type in content_types:
            return kind
    return None


def validate_document(file, allowed=("pdf", "docx", "xlsx")) -> str | None:
    """Refuse files over 20 MB, and files whose content is not one of `allowed` (judged by the
    bytes: '%PDF-', or an Office Open XML package with the right parts). Returns the kind."""
    if file is None:
        return None
    if _size(file) > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="document_too_large",
            params={"size": filesizeformat(_size(file)), "limit": _megabytes(DOCUMENT_MAX_BYTES)},
        )
    kind = detect_document_kind(file)
    allowed_list = ", ".join(kind.upper() for kind in allowed)
    if kind not in allowed:
        raise ValidationError(
            _("The file's content is not one of the accepted formats (%(allowed)s). Its name does not "
              "matter: its content does."),
            code="document_type", params={"allowed": allowed_list},
        )
    name = (getattr(file, "name", "") or "").lower()
    if name and "." in name and name.rsplit(".", 1)[1] != kind:
        raise ValidationError(
            _("The file's content is %(kind)s but its name ends in .%(extension)s. Please give it the right "
              "extension."),
            code="document_extension", params={"kind": kind.upper(), "extension": name.rsplit(".", 1)[1]},
        )
    return kind


def strip_metadata(file) -> ContentFile:
    """The image again, upright and without EXIF, XMP or comments: a phone's original carries
    the GPS position and the camera's serial number. JPEG is re-encoded at a high quality; PNG,
    WebP and GIF (every frame) keep their format."""
    image = _open_image(file)
    try:
        image.load()
        image_format = image.format
        buffer = io.BytesIO()
        if image_format == "GIF":
            image.save(buffer, format="GIF", save_all=True)
        else:
            upright = ImageOps.exif_transpose(image)
            if image_format == "JPEG":
                upright = upright if upright.mode in ("RGB", "L", "CMYK") else upright.convert("RGB")
                upright.save(buffer, format="JPEG", quality=95, optimize=True)
            else:
                upright.save(buffer, format=image_format)
    finally:
        file.seek(0)
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}[image_format]
    return ContentFile(buffer.getvalue(), name=f"original.{extension}")


def photo_renditions_refresh(*, photo):
    """(Re)make a stored photo's thumbnail and display sizes from its original, and store the
    original itself again without metadata (under a new random name; the old file goes).

    `photo` is any model row with the photo fields meetings and news share: image, thumbnail,
    display and their widths and heights. The rows are saved by the caller's service."""
    for field in (photo.thumbnail, photo.display):
        if field:
            field.delete(save=False)
    photo.image.open("rb")
    try:
        clean = strip_metadata(photo.image)
    finally:
        photo.image.close()
    old_name = photo.image.name
    photo.image.save(clean.name, clean, save=False)
    if old_name and old_name != photo.image.name:
        photo.image.storage.delete(old_name)
    photo.image.open("rb")
    try:
        renditions = make_renditions(photo.image)
    finally:
        photo.image.close()
    thumb, display = renditions["thumb"], renditions["display"]
    photo.thumbnail.save("thumb.jpg", thumb, save=False)
    photo.display.save("display.jpg", display, save=False)
    photo.thumb_width, photo.thumb_height = thumb.width, thumb.height
    photo.display_width, photo.display_height = display.width, display.height
    photo.save(update_fields=[
        "image", "thumbnail", "display", "thumb_width", "thumb_height", "display_width", "display_height",
    ])
    return photo
