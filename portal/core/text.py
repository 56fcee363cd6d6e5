"""Vietnamese text helpers: slugs and accent folding.

Django's slugify drops "đ" (it has no ASCII decomposition), so "Đình Lập" would become
"inh-lap". Everything here maps đ/Đ first, then strips the combining marks."""

import re
import unicodedata

from django.utils.text import slugify

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_SPACES = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    """'Lạng Sơn' -> 'Lang Son'; keeps case and every letter."""
    decomposed = unicodedata.normalize("NFD", (text or "").translate(_D_MAP))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def fold(text: str) -> str:
    """Search form of a text: no accents, lower case, single spaces ('Lạng  Sơn' -> 'lang son')."""
    return _SPACES.sub(" ", strip_accents(text).casefold()).strip()


def vn_slugify(text: str, max_length: int | None = None) -> str:
    """URL slug from Vietnamese text: 'Cụm thi đua … Đình Lập' -> 'cum-thi-dua-…-dinh-lap'."""
    slug = slugify(strip_accents(text))
    if max_length and len(slug) > max_length:
        slug = slug[:max_length].rstrip("-")
    return slug


def unique_slug(model, text: str, *, field: str = "slug", instance=None, max_length: int = 200) -> str:
    """A slug not yet used by another row of `model`: 'ten', then 'ten-2', 'ten-3'…"""
    base = vn_slugify(text, max_length=max_length - 6) or "muc"
    candidate, n = base, 1
    others = model._default_manager.all()
    if instance is not None and instance.pk:
        others = others.exclude(pk=instance.pk)
    while others.filter(**{field: candidate}).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate
