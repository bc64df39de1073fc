"""`python manage.py seed_scale [--small | --factor F]`: add the national-size scale data set to the database.

Beside the demo data (seeded first when missing, so the demo accounts can sign in and see it all), each app
adds its share with PostgreSQL COPY, in layer order; then the tables are analysed and every dashboard is
rebuilt. It refuses to run twice on one database: drop it (or use a fresh one) to reseed.
"""

from __future__ import annotations

import datetime
import random
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

import champions.scale
import community.scale
import facilitation.scale
import projects.measurement.scale
import projects.scale
import training.scale
from community.models import User
from core.scale import NATIONAL, SMALL, Context
from dashboards import snapshots
from training.models import Programme

SEEDERS = (community.scale, training.scale, projects.scale, projects.measurement.scale, champions.scale,
           facilitation.scale)  # fmt: skip
MARK = "@scale.example"


class Command(BaseCommand):
    help = "Add the scale data set (national size by default) with COPY, then rebuild the dashboards."

    def add_arguments(self, parser: Any) -> None:
        size = parser.add_mutually_exclusive_group()
        size.add_argument("--small", action="store_true", help="A tenth of the national size.")
        size.add_argument("--factor", type=float, help="This fraction of the national size (e.g. 0.001).")
        parser.add_argument(
            "--seed", type=int, default=2026, help="Random seed (the same seed, the same data)."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (and succeed) when the scale data is already there.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if User.objects.filter(email__endswith=MARK).exists():
            if options["if_empty"]:
                self.stdout.write("The scale data is already here.")
                return
            raise CommandError("This database already holds the scale data; use a fresh database to reseed.")
        size = (
            SMALL
            if options["small"]
            else NATIONAL.times(options["factor"])
            if options["factor"]
            else NATIONAL
        )
        if not Programme.objects.exists():
            call_command("seed_demo", "--quiet-accounts", stdout=self.stdout)
        ctx = Context(
            size=size,
            rng=random.Random(options["seed"]),
            today=datetime.date.today(),
            organisation_ids=[],
            place_ids=[],
            priority_ids=[],
            person_ids=[],
            person_organisation={},
            project_ids=[],
        )
        self.stdout.write(
            f"Seeding scale data: {size.projects:,} projects, {size.training_records:,} training records, "
            f"{size.champions:,} champions, {size.requests:,} requests, {size.data_points:,} data points…"
        )
        started = time.perf_counter()
        for module in SEEDERS:
            began = time.perf_counter()
            with transaction.atomic():
                module.seed(ctx, self.stdout)
            self.stdout.write(f"    ({time.perf_counter() - began:.1f} s)")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        began = time.perf_counter()
        built = snapshots.rebuild_everything()
        self.stdout.write(
            f"  dashboards: {len(built)} snapshots rebuilt ({time.perf_counter() - began:.1f} s)"
        )
        self.stdout.write(f"Done in {time.perf_counter() - started:.0f} s.")
