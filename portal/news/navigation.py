"""The main navigation. Sections appear once their app provides the named URL."""

import functools

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

SECTIONS = [
    ("home", _("Home")),
    ("news:list", _("News")),
    ("clusters:list", _("Emulation clusters")),
    ("meetings:list", _("Meetings")),
    ("awards:lookup", _("Commendations")),
    ("awards:movement_list", _("Movements")),
    ("nominations:consultation_list", _("Public consultation")),
    ("awards:statistics", _("Statistics")),
    ("documents:list", _("Legal documents")),
]


@functools.lru_cache(maxsize=8)
def _section_urls(script_prefix: str, urlconf) -> tuple[tuple[str, str], ...]:
    """(name, url) of the sections that exist; the URLs do not change while a process runs, so
    they are reversed once, not on every page (seven reverse() calls a request)."""
    found = []
    for name, _label in SECTIONS:
        try:
            found.append((name, reverse(name, urlconf=urlconf)))
        except NoReverseMatch:
            continue
    return tuple(found)


def main_menu(current_path: str) -> list[dict]:
    labels = dict(SECTIONS)
    items = []
    for name, url in _section_urls(get_script_prefix(), get_urlconf()):
        active = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"url": url, "label": labels[name], "active": active})
    return items


def active_section(current_path: str) -> str:
    """The name of the section the page belongs to ("" for none): what the rendered menu varies by."""
    found = ""
    for name, url in _section_urls(get_script_prefix(), get_urlconf()):
        if current_path == url if url == "/" else current_path.startswith(url):
            found = name
    return found
