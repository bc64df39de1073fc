"""The moved tables (and their many-to-many tables and indexes) take this app's names: renames, so rows,
constraints and foreign keys pointing at them stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('champions', '0001_initial'),
        ('community', '0004_champions_moved_out'),
    ]

    operations = [
        migrations.RenameIndex(
            model_name='champion',
            new_name='champions_c_status_2432d2_idx',
            old_name='community_c_status_ccd3b2_idx',
        ),
        migrations.RenameIndex(
            model_name='championcommitment',
            new_name='champions_c_champio_fb5a29_idx',
            old_name='community_c_champio_0d26fc_idx',
        ),
        migrations.AlterModelTable(
            name='champion',
            table=None,
        ),
        migrations.AlterModelTable(
            name='championcommitment',
            table=None,
        ),
    ]
