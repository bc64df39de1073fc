"""Version 1 of the prioritisation framework, so requests can be scored from the start."""

from decimal import Decimal

from django.db import migrations

from facilitation.framework_defaults import DEFAULT_CRITERIA


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    version_model = apps.get_model("facilitation", "FrameworkVersion")
    criterion_model = apps.get_model("facilitation", "Criterion")
    if version_model.objects.exists():
        return
    version = version_model.objects.create(number=1, note="The framework agreed when the portal opened.")
    for order, (name, description, weight) in enumerate(DEFAULT_CRITERIA):
        criterion_model.objects.create(
            version=version, name=name, description=description, weight=Decimal(weight), order=order
        )


class Migration(migrations.Migration):
    dependencies = [("facilitation", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
