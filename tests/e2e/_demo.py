"""The demo data for browser tests, shared by the journeys that run on it."""

import importlib
import io

from django.core.management import call_command

# the rows the migrations load, as (module, function): what a flush takes away
MIGRATED_ROWS = (
    ("awards.migrations.0002_catalogue_rules", "load"),
    ("awards.migrations.0007_rules_data", "load"),
    ("backoffice.migrations.0002_roles", "create_roles"),
    ("backoffice.migrations.0003_review_permission_moves_to_meetings", "forwards"),
    ("nominations.migrations.0002_dated_rules", "load"),
)


def reload_migrated_rows():
    """When an earlier committing test's flush took the rows the migrations load (the award
    catalogue and its rules, the roles, the vote thresholds and deadlines) and the serialized copy
    did not bring them back (it is made only where the database was created for such a test), load
    them again the way the migrations do, so the demo finds what it builds on."""
    from django.apps import apps

    from awards.models import Award

    if Award.objects.exists():
        return
    for module, function in MIGRATED_ROWS:
        getattr(importlib.import_module(module), function)(apps, None)


def load_demo(settings):
    """The demo, loaded as `manage.py demo` does, on the migrated rows."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()  # the restored ids, not those of an earlier test
    reload_migrated_rows()
    settings.DEBUG = True  # the demo command refuses to run with DEBUG off (its accounts' password is public)
    call_command("demo", stdout=io.StringIO())
    settings.DEBUG = False


def axe_violations(axe, page, where: str) -> list[str]:
    """axe on the page as it is now, once it has loaded: one line per violation, with the nodes."""
    page.wait_for_load_state()
    found = []
    for violation in axe.run(page).response["violations"]:
        nodes = " | ".join(", ".join(node["target"]) + ": " + node["html"][:160] for node in violation["nodes"])
        found.append(f"{where} ({page.url}): {violation['id']} ({violation['impact']}): {nodes}")
    return found
