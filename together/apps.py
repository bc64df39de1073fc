from django.apps import AppConfig


class TogetherConfig(AppConfig):
    """Working together: comments on projects and requests, following projects, programmes and
    organisations, one feed of what changed, @mentions, and notifications people control (in the portal,
    by email at once, or in a weekly digest). Feature apps register what can be commented on and followed
    (`together.subjects`) and what the digest should remind people of (`together.digest`)."""

    name = "together"
    verbose_name = "Together: comments, follows, activity and notifications"

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the app registry is ready.
        from community.models import Organisation, SystemPriority
        from together import subjects

        subjects.register_followable("organisation", Organisation, lambda o: o.name, lambda o: "")
        subjects.register_followable("programme", SystemPriority, lambda p: p.name, lambda p: "")
