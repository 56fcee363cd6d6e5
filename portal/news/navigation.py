"""The main navigation. Sections appear once their app provides the named URL."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

SECTIONS = [
    ("home", _("Home")),
    ("news:list", _("News")),
    ("clusters:list", _("Emulation clusters")),
    ("meetings:list", _("Meetings")),
    ("awards:lookup", _("Commendations")),
    ("awards:statistics", _("Statistics")),
    ("documents:list", _("Legal documents")),
]


def main_menu(current_path: str) -> list[dict]:
    items = []
    for name, label in SECTIONS:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        active = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"url": url, "label": label, "active": active})
    return items
