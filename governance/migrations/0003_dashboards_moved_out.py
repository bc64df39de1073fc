"""The snapshot and rebuild models now belong to the dashboards app (dashboards 0001); governance forgets
them in Django's state only, so the tables and their rows stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0002_job_started_at"),
        ("dashboards", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="DashboardRebuild"),
                migrations.DeleteModel(name="DashboardSnapshot"),
            ],
            database_operations=[],
        ),
    ]
