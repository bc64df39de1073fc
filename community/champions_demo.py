"""Demo data for the champion register (listed in settings.DEMO_SEEDERS); see community.champions.demo."""

from community.champions.demo import seed

__all__ = ["seed"]
