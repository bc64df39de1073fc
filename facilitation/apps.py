from typing import Any

from django.apps import AppConfig


class FacilitationConfig(AppConfig):
    name = "facilitation"
    verbose_name = "Facilitation requests and the prioritisation queue"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from facilitation import dashboard
        from facilitation.models import Assignment, Decision, FacilitationRequest

        dashboard.register()
        for model in (FacilitationRequest, Decision, Assignment):
            post_save.connect(_changed, sender=model, dispatch_uid=f"facilitation-dashboard-{model.__name__}")
            post_delete.connect(
                _changed, sender=model, dispatch_uid=f"facilitation-dashboard-del-{model.__name__}"
            )


def _changed(sender: Any, **kwargs: Any) -> None:
    """Queue one debounced rebuild of the facilitation dashboard, however many rows a change writes."""
    from dashboards.triggers import data_changed

    data_changed("facilitation.request")
