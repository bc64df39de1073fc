from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Portal core"

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the app registry is ready.
        from django.db.models.signals import post_migrate

        from core.signals import ensure_role_groups

        # Each app declares its object rules in `<app>/permissions.py`; load them all once.
        autodiscover_modules("permissions")
        # For every app's post_migrate (not only core's): permissions of later apps exist only then.
        post_migrate.connect(ensure_role_groups, dispatch_uid="core.ensure_role_groups")
