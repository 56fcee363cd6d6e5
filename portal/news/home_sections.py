"""Sections other apps contribute to the home page, each through its own selector.

The imports are guarded: the home page works in a build where an app (or its selector) is
not there yet, and each section appears as soon as its selector exists."""

import importlib

from django.urls import NoReverseMatch, reverse

HOME_LIMIT = 5

# (section key, module, function, keyword arguments, URL name of the section's full list)
PROVIDERS = [
    ("clusters", "clusters.selectors", "cluster_list_for_home", {}, "clusters:list"),
    ("meetings", "meetings.selectors", "meetings_for_home", {"limit": HOME_LIMIT}, "meetings:list"),
    ("decisions", "awards.selectors", "decisions_for_home", {"limit": HOME_LIMIT}, "awards:decision_list"),
]


def _provider(module_name: str, function_name: str):
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    return getattr(module, function_name, None)


def collect() -> dict:
    """{'clusters': [...], 'meetings': [...], 'decisions': [...]} for the providers present."""
    sections = {}
    for key, module_name, function_name, kwargs, _list_url in PROVIDERS:
        provider = _provider(module_name, function_name)
        if provider is not None:
            sections[key] = list(provider(**kwargs))
    return sections


def list_urls() -> dict:
    """{'clusters': '/cum-thi-dua/', …}: the full list of each section whose page exists."""
    urls = {}
    for key, _module, _function, _kwargs, url_name in PROVIDERS:
        try:
            urls[key] = reverse(url_name)
        except NoReverseMatch:
            continue
    return urls
