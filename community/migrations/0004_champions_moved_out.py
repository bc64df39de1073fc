"""The champion register now belongs to the champions app (champions 0001); community forgets its models
in Django's state only, so the tables and their rows stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0003_champion_version"),
        ("champions", "0001_initial"),
        ("facilitation", "0006_champions_moved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ChampionCommitment"),
                migrations.DeleteModel(name="Champion"),
            ],
            database_operations=[],
        ),
    ]
