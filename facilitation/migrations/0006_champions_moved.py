"""Assignments point at the champion register's new app (champions 0001); the foreign keys keep their
columns and constraints, so this changes Django's state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("facilitation", "0005_facilitationrequest_version"),
        ("champions", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="assignment",
                    name="champion",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="assignments",
                        to="champions.champion",
                    ),
                ),
                migrations.AlterField(
                    model_name="assignment",
                    name="commitment",
                    field=models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="champions.championcommitment",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
