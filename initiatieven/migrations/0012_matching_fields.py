"""What matching reads per initiative: the number of open advisorships (counted by
ambtenaren's migration 0006) and the fields of expertise its open needs ask for, with a
GIN index on the open initiatives' fields on PostgreSQL (the SQLite demo has none)."""

from django.db import migrations, models

GIN = """
CREATE INDEX IF NOT EXISTS initiative_open_expertise ON initiatieven_initiative
    USING gin (open_expertise_areas)
    WHERE status IN ('submitted', 'active') AND NOT is_hidden;
"""


def fill(apps, schema_editor):
    Initiative = apps.get_model("initiatieven", "Initiative")
    Need = apps.get_model("initiatieven", "Need")
    areas: dict[int, dict[str, bool]] = {}
    for initiative_id, area_id in (
        Need.objects.filter(kind="expertise", expertise_area__isnull=False)
        .exclude(status__in=["met", "withdrawn"])
        .values_list("initiative_id", "expertise_area_id")
    ):
        areas.setdefault(initiative_id, {})[str(area_id)] = True
    Initiative.objects.bulk_update(
        [Initiative(pk=pk, open_expertise_areas=value) for pk, value in areas.items()],
        ["open_expertise_areas"],
        batch_size=1000,
    )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GIN)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS initiative_open_expertise;")


class Migration(migrations.Migration):
    dependencies = [
        ("basisgegevens", "0001_initial"),
        ("initiatieven", "0011_text_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="initiative",
            name="advisor_count",
            field=models.PositiveSmallIntegerField(db_default=0, default=0, editable=False),
        ),
        migrations.AddField(
            model_name="initiative",
            name="open_expertise_areas",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.AddIndex(
            model_name="initiative",
            index=models.Index(
                condition=models.Q(("is_hidden", False), ("status__in", ["submitted", "active"])),
                fields=["neighbourhood", "submitted_at"],
                name="initiative_open_by_place",
            ),
        ),
        migrations.RunPython(fill, drop),
    ]
