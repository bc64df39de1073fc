"""`python manage.py seed_demo`: fill the portal with the model system's demo data. Safe to run again."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Create or update the demo organisations, places, priorities, accounts and each app's demo data."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet-accounts", action="store_true", help="Do not print the demo accounts.")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write("Seeding demo data…")
        for module in settings.DEMO_SEEDERS:
            if find_spec(module) is None:
                continue
            with transaction.atomic():
                import_module(module).seed(self.stdout)
        if not options["quiet_accounts"]:
            from django.core.management import call_command

            call_command("show_demo_accounts", stdout=self.stdout)
