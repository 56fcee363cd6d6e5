"""reverse() for the addresses every list builds once per row (a record's get_absolute_url).

Django's reverse() walks the URL patterns on each call: about 0.1 ms, so a page of fifty rows
with two links each spent 10 ms there (bench/, issue 17). The pattern of a view does not change
while a process runs: it is reversed once with placeholders and filled in afterwards. Values a
placeholder could not stand for (anything but a number, or a slug of ASCII letters, digits, "-"
and "_") take the ordinary reverse()."""

import re

from django.urls import get_script_prefix, get_urlconf, reverse

_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
_TEMPLATES: dict = {}
_NUMBER_BASE = 987_654_320


def fast_reverse(viewname: str, **kwargs) -> str:
    if not all(isinstance(v, int) or (isinstance(v, str) and _SLUG.match(v)) for v in kwargs.values()):
        return reverse(viewname, kwargs=kwargs)
    names = tuple(sorted(kwargs))
    kinds = tuple(isinstance(kwargs[name], int) for name in names)
    key = (viewname, names, kinds, get_script_prefix(), get_urlconf())
    template = _TEMPLATES.get(key)
    if template is None:
        stand_ins = {name: (_NUMBER_BASE + i if is_int else f"qqslot{i}qq")
                     for i, (name, is_int) in enumerate(zip(names, kinds, strict=True))}
        template = reverse(viewname, kwargs=stand_ins)
        for name in names:
            template = template.replace(str(stand_ins[name]), "{" + name + "}")
        _TEMPLATES[key] = template
    return template.format(**kwargs)
