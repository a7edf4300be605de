"""Reference data moves here from initiatieven and ambtenaren, with its rows.

The tables are renamed, not copied: the rows, their ids and every foreign key
to them stay. The other apps' migrations only change Django's idea of where
the models live (state only).
"""

from django.db import migrations, models

# (old app, model, old table, new table)
MOVES = [
    ("initiatieven", "neighbourhood", "initiatieven_neighbourhood", "basisgegevens_neighbourhood"),
    ("initiatieven", "theme", "initiatieven_theme", "basisgegevens_theme"),
    ("ambtenaren", "expertisearea", "ambtenaren_expertisearea", "basisgegevens_expertisearea"),
    ("ambtenaren", "closedday", "ambtenaren_closedday", "basisgegevens_closedday"),
]


def _move(apps, schema_editor, *, forwards: bool):
    quote = schema_editor.quote_name
    ContentType = apps.get_model("contenttypes", "ContentType")
    for old_app, model, old_table, new_table in MOVES:
        source, target = (old_table, new_table) if forwards else (new_table, old_table)
        schema_editor.execute(
            schema_editor.sql_rename_table
            % {"old_table": quote(source), "new_table": quote(target)}
        )
        # Audit events and admin history keep pointing at the same content type.
        ContentType.objects.filter(
            app_label=old_app if forwards else "basisgegevens", model=model
        ).update(app_label="basisgegevens" if forwards else old_app)


def forwards(apps, schema_editor):
    _move(apps, schema_editor, forwards=True)


def backwards(apps, schema_editor):
    _move(apps, schema_editor, forwards=False)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("initiatieven", "0004_invitation_revoked"),
        ("ambtenaren", "0002_closedday_advisorprofile_advisorship_contact_and_more"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forwards, backwards)],
            state_operations=[
                migrations.CreateModel(
                    name='ClosedDay',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('date', models.DateField(unique=True, verbose_name='date')),
                        ('description', models.CharField(max_length=200, verbose_name='why')),
                    ],
                    options={
                        'verbose_name': 'closed day',
                        'verbose_name_plural': 'closed days',
                        'ordering': ['date'],
                    },
                ),
                migrations.CreateModel(
                    name='ExpertiseArea',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(unique=True)),
                        ('name_nl', models.CharField(max_length=100, verbose_name='name in Dutch')),
                        ('name_en', models.CharField(max_length=100, verbose_name='name in English')),
                    ],
                    options={
                        'verbose_name': 'expertise area',
                        'verbose_name_plural': 'expertise areas',
                        'ordering': ['name_nl'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='Theme',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(unique=True)),
                        ('name_nl', models.CharField(max_length=100, verbose_name='name in Dutch')),
                        ('name_en', models.CharField(max_length=100, verbose_name='name in English')),
                    ],
                    options={
                        'verbose_name': 'theme',
                        'verbose_name_plural': 'themes',
                        'ordering': ['name_nl'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='Neighbourhood',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=100, unique=True, verbose_name='name')),
                        ('cbs_code', models.CharField(blank=True, max_length=10, verbose_name='CBS code')),
                        ('population', models.PositiveIntegerField(verbose_name='residents')),
                        ('population_year', models.PositiveSmallIntegerField(verbose_name='residents counted in')),
                    ],
                    options={
                        'verbose_name': 'neighbourhood',
                        'verbose_name_plural': 'neighbourhoods',
                        'ordering': ['name'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('cbs_code', ''), _negated=True), fields=('cbs_code',), name='neighbourhood_cbs_code_unique')],
                    },
                ),
            ],
        )
    ]
