"""`python manage.py show_demo_accounts`: the demo accounts for each role (passwords only with DEBUG on)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from community.demo import describe_accounts


class Command(BaseCommand):
    help = "List the demo accounts, one per role."

    def handle(self, *args: Any, **options: Any) -> None:

        self.stdout.write("Demo accounts (sign in with the email address):")
        for role, email, password in describe_accounts():
            self.stdout.write(f"  {role:<20} {email:<32} {password}")
