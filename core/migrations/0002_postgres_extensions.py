from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Extensions the search features use: trigram similarity and accent-insensitive matching."""

    dependencies = [("core", "0001_initial")]

    operations = [TrigramExtension(), UnaccentExtension()]
