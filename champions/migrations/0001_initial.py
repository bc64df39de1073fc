"""The champion register moves here from community with its rows: the models change app in Django's
state only (their tables keep community's names in this step; 0002 renames them), and the content types
follow them so that audit entries and permissions stay attached."""

import django.contrib.postgres.fields
import django.core.validators
import django.db.models.deletion
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models

MOVED = ("champion", "championcommitment")


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="community", model__in=MOVED).update(app_label="champions")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="champions", model__in=MOVED).update(app_label="community")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("community", "0003_champion_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Champion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('level', models.CharField(choices=[('practitioner', 'Practitioner'), ('coach', 'Coach'), ('expert', 'Expert'), ('faculty', 'Faculty / trainer')], max_length=20)),
                        ('methods', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(choices=[('model_for_improvement', 'Model for Improvement / PDSA'), ('qsir', 'QSIR'), ('lean', 'Lean'), ('process_mapping', 'Process mapping'), ('measurement_spc', 'Measurement and SPC'), ('design_thinking', 'Design thinking'), ('human_factors', 'Human factors'), ('co_production', 'Co-production'), ('large_scale_change', 'Large-scale change'), ('system_coaching', 'System improvement coaching'), ('facilitation', 'Facilitation')], max_length=40), blank=True, default=list, size=None)),
                        ('offer', models.TextField(blank=True, help_text='The help they can give, in their own words.', verbose_name='what they offer')),
                        ('hours_per_month', models.DecimalField(decimal_places=1, default=Decimal('0'), max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('160'))], verbose_name='agreed hours per month')),
                        ('capacity_start', models.DateField(blank=True, null=True, verbose_name='capacity agreed from')),
                        ('capacity_end', models.DateField(blank=True, null=True, verbose_name='capacity agreed until')),
                        ('capacity_agreed_by', models.CharField(blank=True, help_text='Name and job title.', max_length=200, verbose_name='line manager who agreed it')),
                        ('status', models.CharField(choices=[('proposed', 'Proposed'), ('active', 'Active'), ('paused', 'Paused'), ('retired', 'Retired')], default='proposed', max_length=20)),
                        ('status_reason', models.TextField(blank=True)),
                        ('consent_to_list', models.BooleanField(default=False, verbose_name='consents to be listed')),
                        ('consent_at', models.DateTimeField(blank=True, null=True)),
                        ('training_evidence', models.TextField(blank=True, help_text='Programmes completed and when (e.g. “QSIR Practitioner, 2024”).', verbose_name='training that backs the level')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('version', models.PositiveIntegerField(default=1, editable=False, help_text='Moves on by one with every saved edit (optimistic locking).')),
                        ('nominated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='champion_nominations', to=settings.AUTH_USER_MODEL)),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='champions', to='community.organisation')),
                        ('person', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='champion', to=settings.AUTH_USER_MODEL)),
                        ('places', models.ManyToManyField(blank=True, related_name='champions', to='community.place')),
                        ('topics', models.ManyToManyField(blank=True, related_name='champions', to='community.systempriority')),
                    ],
                    options={
                        'ordering': ['person__first_name', 'person__last_name'],
                        'db_table': 'community_champion',
                    },
                ),
                migrations.CreateModel(
                    name='ChampionCommitment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('hours_per_month', models.DecimalField(decimal_places=1, max_digits=5)),
                        ('start', models.DateField()),
                        ('end', models.DateField()),
                        ('title', models.CharField(help_text='What the time is for, as the champion sees it.', max_length=200)),
                        ('source', models.CharField(default='register', max_length=40)),
                        ('source_ref', models.CharField(blank=True, max_length=64)),
                        ('override_reason', models.TextField(blank=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('released_at', models.DateTimeField(blank=True, null=True)),
                        ('champion', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='commitments', to='champions.champion')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('overridden_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'ordering': ['start', 'pk'],
                        'db_table': 'community_championcommitment',
                    },
                ),
                migrations.AddIndex(
                    model_name='champion',
                    index=models.Index(fields=['status', 'consent_to_list'], name='community_c_status_ccd3b2_idx'),
                ),
                migrations.AddConstraint(
                    model_name='champion',
                    constraint=models.CheckConstraint(condition=models.Q(('capacity_end__isnull', True), ('capacity_start__isnull', True), ('capacity_end__gte', models.F('capacity_start')), _connector='OR'), name='champion_capacity_period_in_order'),
                ),
                migrations.AddIndex(
                    model_name='championcommitment',
                    index=models.Index(fields=['champion', 'start', 'end'], name='community_c_champio_0d26fc_idx'),
                ),
                migrations.AddConstraint(
                    model_name='championcommitment',
                    constraint=models.CheckConstraint(condition=models.Q(('end__gte', models.F('start'))), name='commitment_period_in_order'),
                ),
                migrations.AddConstraint(
                    model_name='championcommitment',
                    constraint=models.CheckConstraint(condition=models.Q(('hours_per_month__gt', 0)), name='commitment_hours_positive'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
