"""`python manage.py seed_demo`: fill the portal with the model system's demo data. Safe to run again.

It lives in governance, the top app, because it seeds every app below it, in layer order."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction

import champions.demo
import community.demo
import facilitation.demo
import governance.demo
import projects.demo
import projects.measurement.demo
import together.demo
import training.demo

SEEDERS = (
    community.demo,
    training.demo,
    projects.demo,
    projects.measurement.demo,
    champions.demo,
    facilitation.demo,
    governance.demo,
    together.demo,
)


class Command(BaseCommand):
    help = "Create or update the demo organisations, places, priorities, accounts and each app's demo data."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet-accounts", action="store_true", help="Do not print the demo accounts.")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write("Seeding demo data…")
        for module in SEEDERS:
            if module is governance.demo:
                # The dashboards are built next, from thousands of rows just written: without statistics
                # that count them (autovacuum has not seen them yet, or saw the tables empty), PostgreSQL
                # can choose a plan that joins them row by row (a 20-second training count).
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            with transaction.atomic():
                module.seed(self.stdout)
        if not options["quiet_accounts"]:
            call_command("show_demo_accounts", stdout=self.stdout)
