"""The snapshot and rebuild tables move here from governance with their rows: the models change app in
Django's state only (the tables keep their names in this step), and the content types follow them so that
audit entries and permissions stay attached."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ("dashboardsnapshot", "dashboardrebuild")


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="governance", model__in=MOVED).update(app_label="dashboards")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="dashboards", model__in=MOVED).update(app_label="governance")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("governance", "0002_job_started_at"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DashboardRebuild",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("dashboards", models.JSONField(default=list)),
                        ("status", models.CharField(choices=[("queued", "Queued"), ("running", "Running"), ("done", "Done"), ("failed", "Failed")], default="queued", max_length=10)),
                        ("done", models.PositiveIntegerField(default=0)),
                        ("total", models.PositiveIntegerField(default=0)),
                        ("failures", models.JSONField(blank=True, default=list)),
                        ("requested_at", models.DateTimeField(auto_now_add=True)),
                        ("started_at", models.DateTimeField(blank=True, null=True)),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        ("requested_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={"ordering": ["-requested_at"], "db_table": "governance_dashboardrebuild"},
                ),
                migrations.CreateModel(
                    name="DashboardSnapshot",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("dashboard", models.CharField(max_length=60)),
                        ("params_key", models.CharField(help_text="Canonical form of the parameters.", max_length=200)),
                        ("parameters", models.JSONField(blank=True, default=dict)),
                        ("data", models.JSONField(blank=True, null=True)),
                        ("built_at", models.DateTimeField(blank=True, null=True)),
                        ("duration_ms", models.PositiveIntegerField(blank=True, null=True)),
                        ("status", models.CharField(choices=[("ok", "Up to date"), ("failed", "Last rebuild failed"), ("pending", "Not built yet")], default="pending", max_length=10)),
                        ("error", models.TextField(blank=True)),
                        ("attempted_at", models.DateTimeField(blank=True, null=True)),
                    ],
                    options={
                        "ordering": ["dashboard", "params_key"],
                        "constraints": [models.UniqueConstraint(fields=("dashboard", "params_key"), name="snapshot_dashboard_params_unique")],
                        "db_table": "governance_dashboardsnapshot",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
