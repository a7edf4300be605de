"""Count each initiative's open advisorships into Initiative.advisor_count (matching)."""

from django.db import migrations
from django.db.models import Count


def count(apps, schema_editor):
    Initiative = apps.get_model("initiatieven", "Initiative")
    Advisorship = apps.get_model("ambtenaren", "Advisorship")
    counts = (
        Advisorship.objects.filter(status__in=["proposed", "active"])
        .values("initiative_id")
        .annotate(n=Count("pk"))
    )
    Initiative.objects.bulk_update(
        [Initiative(pk=row["initiative_id"], advisor_count=row["n"]) for row in counts],
        ["advisor_count"],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("ambtenaren", "0005_advisor_hours_message"),
        ("initiatieven", "0012_matching_fields"),
    ]

    operations = [migrations.RunPython(count, migrations.RunPython.noop)]
