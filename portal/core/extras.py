"""Slots where a higher app adds content to a lower app's page, without the lower app importing it.

The meeting page (meetings) shows the news about the meeting (portal.news, which sits above
meetings): meetings' template names a slot, `{% page_extras "meeting_detail" meeting %}`, and
portal.news registers a renderer for that slot in its AppConfig.ready()."""

from collections.abc import Callable

Renderer = Callable[[object, object], str]  # (request or None, obj) -> safe HTML
_slots: dict[str, list[Renderer]] = {}


def register(slot: str, renderer: Renderer) -> None:
    renderers = _slots.setdefault(slot, [])
    if renderer not in renderers:
        renderers.append(renderer)


def render(slot: str, request, obj) -> str:
    return "".join(renderer(request, obj) for renderer in _slots.get(slot, ()))
