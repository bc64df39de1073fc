from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Governance: dashboards, delivery plan and board reports"

    def ready(self) -> None:
        from governance import permissions, signals  # noqa: F401  (registers the object rules)
        from governance.dashboards import community, delivery
        from governance.dashboards.registry import register

        register(
            "community",
            community.build,
            title="Community",
            description="Partner organisations by kind and headcount; people using the portal by "
            "organisation and role.",
            sources=["community.organisation", "community.user"],
            order=90,
            public_summary=True,
        )
        register(
            "delivery",
            delivery.build,
            title="Delivery plan and self-assessment",
            description="The delivery plan's RAG status by theme, and the capability "
            "self-assessment over time.",
            sources=["governance.plan", "governance.assessment"],
            filters=(),
            order=80,
            public_summary=False,
        )
        signals.connect()
