"""The picture a news item shows when it has none of its own: drawn by the portal from the
item's category (its name on a colour of its own, with the emblem), so lists keep their rhythm
and no stock photo stands in for a real one."""

import hashlib
import textwrap

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.utils.html import escape
from django.views.decorators.http import require_safe

from .models import Category

# Dark enough for white text at AA contrast.
PALETTE = ["#8c1c13", "#1d4e89", "#2e6b30", "#6a3d9a", "#7a4a12", "#155e63", "#5b2333", "#374151"]
STAR = "32,14 36.7,27.5 51,27.5 39.4,36 43.8,49.6 32,41.2 20.2,49.6 24.6,36 13,27.5 27.3,27.5"


def category_svg(name: str, key: str) -> str:
    colour = PALETTE[int(hashlib.sha256(key.encode()).hexdigest(), 16) % len(PALETTE)]
    lines = textwrap.wrap(name, width=22)[:3]
    top = 210 - 22 * (len(lines) - 1)
    text = "".join(
        f'<text x="240" y="{top + 44 * i}" text-anchor="middle">{escape(line)}</text>' for i, line in enumerate(lines)
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 320" width="480" height="320" role="img" '
        f'aria-label="{escape(name)}"><rect width="480" height="320" fill="{colour}"/>'
        '<g transform="translate(208 40)"><circle cx="32" cy="32" r="31" fill="#f6d365"/>'
        f'<circle cx="32" cy="32" r="24" fill="#c8102e"/><polygon fill="#f6d365" points="{STAR}"/></g>'
        '<g fill="#ffffff" font-family="Arial, Helvetica, sans-serif" font-size="34" font-weight="700">'
        f"{text}</g></svg>"
    )


@require_safe
def category_image(request, slug):
    category = get_object_or_404(Category, slug=slug)
    response = HttpResponse(category_svg(category.name, category.slug), content_type="image/svg+xml")
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=24 * 3600)
    return response
