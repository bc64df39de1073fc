from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "Training records and signposting"

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the app registry is ready.
        from django.db.models.signals import post_delete, post_save

        from community import home, search
        from dashboards.registry import register
        from training import capability_dashboard
        from training.home import your_training
        from training.models import ImproverTarget
        from training.search_section import training_section

        register(
            "capability",
            capability_dashboard.build,
            title="Capability",
            description="People trained by level, organisation and period; competent improvers against "
            "target, per organisation and for the system.",
            sources=[capability_dashboard.RECORDS, capability_dashboard.TARGETS],
            filters=("organisation", "period"),
            order=10,
            public_summary=True,
        )
        post_save.connect(
            capability_dashboard.targets_changed,
            sender=ImproverTarget,
            dispatch_uid="capability-target-saved",
        )
        post_delete.connect(
            capability_dashboard.targets_changed,
            sender=ImproverTarget,
            dispatch_uid="capability-target-deleted",
        )
        home.register(your_training, order=30)
        search.register(training_section, order=20)
