"""Load the demo data: `manage.py demo`. Idempotent; refuses to run when DEBUG is off, so the
demo accounts and their well-known password can never reach a production database."""

import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal.core.dbstats import refresh_planner_statistics


class Command(BaseCommand):
    help = "Load (or refresh) the demonstration data. Only with DEBUG on."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to load demo data with DEBUG off: demo accounts have a public password."
            )
        # Each app may ship a demo module; run them bottom-up, in INSTALLED_APPS order, so a
        # loader finds the rows of the apps below it.
        with transaction.atomic():
            for config in apps.get_app_configs():
                try:
                    module = importlib.import_module(f"{config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.demo":
                        raise
                    continue
                module.load(stdout=self.stdout)
                self.stdout.write(f"demo: {config.label} loaded")
        refresh_planner_statistics()  # the demo is a bulk load: the planner should know its sizes
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
