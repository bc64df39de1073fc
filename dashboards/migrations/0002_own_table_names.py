"""The moved tables take this app's names (a rename: rows, indexes and constraints stay)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("dashboards", "0001_initial"),
        ("governance", "0003_dashboards_moved_out"),
    ]

    operations = [
        migrations.AlterModelTable(name="dashboardrebuild", table=None),
        migrations.AlterModelTable(name="dashboardsnapshot", table=None),
    ]
