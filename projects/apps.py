from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Projects: the improvement project register and measurement"

    def ready(self) -> None:
        # Imported here, not at the top: models may be imported only once the app registry is ready.
        from urllib.parse import urlencode

        from django.core import checks
        from django.db.models.signals import post_delete, post_save
        from django.urls import reverse

        from community import home, search
        from dashboards.registry import register
        from projects import portfolio_dashboard
        from projects.checks import check_default_rule_set
        from projects.home import your_badges, your_projects
        from projects.measurement import data_due
        from projects.models import Project, Tag
        from projects.search_section import projects_section
        from together import digest, subjects
        from together.models import Kind

        checks.register(check_default_rule_set)
        register(
            "portfolio",
            portfolio_dashboard.build,
            title="Portfolio",
            description="Published projects by status, system priority, place and organisation; the "
            "progress-score distribution; measures showing special cause improvement.",
            sources=portfolio_dashboard.SOURCES,
            order=30,
            public_summary=True,
        )
        post_save.connect(portfolio_dashboard.changed, sender=Project, dispatch_uid="portfolio-project-saved")
        post_delete.connect(
            portfolio_dashboard.changed, sender=Project, dispatch_uid="portfolio-project-deleted"
        )
        home.register(your_projects, order=10)
        home.register(your_badges, order=90)
        search.register(projects_section, order=10)
        subjects.register(
            subjects.Subject(
                key="project",
                model=Project,
                view_rule="project.view",
                title=lambda p: p.title,
                url=lambda p: p.get_absolute_url(),
                audiences=lambda p: [*p.organisations.all(), *p.priorities.all(), *p.tags.all()],
                participants=lambda p: list(p.memberships.values_list("user_id", flat=True)),
            )
        )
        subjects.register_followable(
            "topic",
            Tag,
            lambda t: t.name,
            lambda t: reverse("projects:browse") + "?" + urlencode({"q": t.name}),
        )
        digest.register(digest.Section("Data due", Kind.DATA_DUE, collect=data_due.collect))
