"""Recompute every measure's stored variation and assurance icons from its data.

Run after a change to the chart rules (the deploy steps run it after `migrate`): lists and dashboards read
the stored icons, so they must follow the rules the measure pages compute.
"""

from typing import Any

from django.core.management.base import BaseCommand

from projects.measurement.services import measures_refresh_all


class Command(BaseCommand):
    help = "Recompute every measure's stored icons from its data (after a change to the chart rules)."

    def handle(self, *args: Any, **options: Any) -> None:
        checked, changed = measures_refresh_all()
        self.stdout.write(f"Checked {checked} measures; {changed} had stale icons and were refreshed.")
