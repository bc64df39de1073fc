from django.apps import AppConfig


class FacilitationConfig(AppConfig):
    name = "facilitation"
    verbose_name = "Facilitation requests and the prioritisation queue"

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the app registry is ready.
        from django.db.models.signals import post_delete, post_save
        from django.urls import reverse

        from community import home
        from facilitation import dashboard
        from facilitation.home import waiting_for_you, your_requests
        from facilitation.models import Assignment, Decision, FacilitationRequest
        from together import subjects

        dashboard.register()
        for model in (FacilitationRequest, Decision, Assignment):
            post_save.connect(
                dashboard.requests_changed,
                sender=model,
                dispatch_uid=f"facilitation-dashboard-{model.__name__}",
            )
            post_delete.connect(
                dashboard.requests_changed,
                sender=model,
                dispatch_uid=f"facilitation-dashboard-del-{model.__name__}",
            )
        subjects.register(
            subjects.Subject(
                key="request",
                model=FacilitationRequest,
                view_rule="facilitation_request.view",
                title=lambda r: r.title,
                url=lambda r: reverse("facilitation:detail", kwargs={"pk": r.pk}),
                audiences=lambda r: [*r.organisations.all(), *filter(None, [r.system_priority])],
                participants=lambda r: [r.requester_id],
            )
        )
        home.register(waiting_for_you, order=5)
        home.register(your_requests, order=20)
