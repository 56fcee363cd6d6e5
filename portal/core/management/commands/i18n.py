"""Translations without system packages: `manage.py i18n compile|check|extract`.

Compiling and checking use Babel (pure Python), so a fresh machine needs no GNU gettext and
CI can prove that every .mo says what its .po says. Extracting still calls Django's
makemessages, which needs xgettext: a developer's tool only."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

LANGUAGE = "vi"


def catalogs() -> list[Path]:
    """Every vi catalog of the project: the project catalog, one per app, and the supplement of
    Django's own strings that its vi catalog lacks (locale_django/, never re-extracted)."""
    base = Path(settings.BASE_DIR)
    found = sorted({*base.glob(f"**/locale/{LANGUAGE}/LC_MESSAGES/django.po"),
                    *base.glob(f"locale_django/{LANGUAGE}/LC_MESSAGES/*.po")})
    return [p for p in found if ".venv" not in p.parts and "site-packages" not in p.parts]


def _read(po_path: Path):
    from babel.messages.pofile import read_po

    with po_path.open("rb") as f:
        return read_po(f, locale=LANGUAGE)


def _messages(catalog) -> dict:
    """(context, id) -> translation for the entries a compiled catalog should carry."""
    out = {}
    for message in catalog:
        if not message.id or message.fuzzy or not message.string:
            continue
        if isinstance(message.string, tuple) and not all(message.string):
            continue
        # read_po gives tuples for plurals, read_mo lists: compare them as tuples
        key_id = message.id if isinstance(message.id, str) else tuple(message.id)
        string = message.string if isinstance(message.string, str) else tuple(message.string)
        out[(message.context, key_id)] = string
    return out


class Command(BaseCommand):
    help = "Extract, compile (with Babel) or check the project's translation catalogs."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["extract", "compile", "check"])

    def handle(self, *args, action, **options):
        getattr(self, f"do_{action}")()

    def do_extract(self):
        base = Path(settings.BASE_DIR)
        # a folder owns a catalog when it has a locale/ folder (makemessages writes there)
        owners = sorted(
            p.parent for p in base.glob("**/locale") if p.is_dir() and ".venv" not in p.parts
        )
        for owner in owners:
            os.chdir(owner)
            ignore = ["node_modules/*", ".venv/*", "tests/*", "bench/*", "staticfiles/*", "var/*", "static/vendor/*"]
            if owner == base:
                # the project catalog takes what no app catalog owns: templates/ and portal/ itself
                ignore += [f"{o.relative_to(base)}/*" for o in owners if o != base]
            call_command("makemessages", locale=[LANGUAGE], ignore_patterns=ignore, no_obsolete=True,
                         add_location="never", verbosity=0)
            self.stdout.write(f"extracted {owner.relative_to(base) if owner != base else '.'}")
        os.chdir(base)

    def do_compile(self):
        from babel.messages.mofile import write_mo

        for po_path in catalogs():
            catalog = _read(po_path)
            with po_path.with_suffix(".mo").open("wb") as f:
                write_mo(f, catalog, use_fuzzy=False)
            self.stdout.write(f"compiled {po_path.relative_to(settings.BASE_DIR)}")

    def do_check(self):
        from babel.messages.mofile import read_mo

        problems = []
        for po_path in catalogs():
            rel = po_path.relative_to(settings.BASE_DIR)
            catalog = _read(po_path)
            for message in catalog:
                if not message.id:
                    continue
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                if message.fuzzy or not all(strings):
                    problems.append(f"{rel}: untranslated or fuzzy: {message.id!r}")
            for message, errors in catalog.check():
                problems.extend(f"{rel}: {message.id!r}: {e}" for e in errors)
            mo_path = po_path.with_suffix(".mo")
            if not mo_path.exists():
                problems.append(f"{rel}: no compiled {mo_path.name} (run: manage.py i18n compile)")
                continue
            with mo_path.open("rb") as f:
                compiled = read_mo(f)
            if _messages(catalog) != _messages(compiled):
                problems.append(f"{rel}: the .mo disagrees with the .po (run: manage.py i18n compile)")
        if problems:
            raise CommandError("Translation catalogs are not in order:\n  " + "\n  ".join(problems))
        self.stdout.write(f"{len(catalogs())} catalogs translated and compiled.")
