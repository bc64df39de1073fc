from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Governance: dashboards, delivery plan and board reports"

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the app registry is ready.
        from django.db.models.signals import post_delete, post_save

        from champions.models import Champion, ChampionCommitment
        from dashboards.registry import register
        from governance import permissions, signals  # noqa: F401  (registers the object rules)
        from governance.builders import capacity, community, delivery

        # The champion register's capacity dashboard is built here, above the register it reads, so that
        # community never imports governance (layers point down only).
        register(
            "capacity",
            capacity.build,
            title="Capacity",
            description="Improvement coaches and experts against the dosage targets per organisation; "
            "champion hours agreed and committed; teams the active coaches can support.",
            sources=capacity.SOURCES,
            filters=("organisation",),
            order=20,
            public_summary=False,
        )
        for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(
                capacity.champions_changed, sender=Champion, dispatch_uid=f"capacity-champion-{name}"
            )
            signal.connect(
                capacity.commitments_changed,
                sender=ChampionCommitment,
                dispatch_uid=f"capacity-commitment-{name}",
            )

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
