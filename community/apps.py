from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community: people, organisations, places and champions"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from community.champions import capacity_dashboard
        from community.champions.models import Champion, ChampionCommitment
        from governance.dashboards.registry import register

        register(
            "capacity",
            capacity_dashboard.build,
            title="Capacity",
            description="Improvement coaches and experts against the dosage targets per organisation; "
            "champion hours agreed and committed; teams the active coaches can support.",
            sources=capacity_dashboard.SOURCES,
            filters=("organisation",),
            order=20,
            public_summary=False,
        )
        for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
            signal.connect(
                capacity_dashboard.champions_changed,
                sender=Champion,
                dispatch_uid=f"capacity-champion-{name}",
            )
            signal.connect(
                capacity_dashboard.commitments_changed,
                sender=ChampionCommitment,
                dispatch_uid=f"capacity-commitment-{name}",
            )
