"""State only: expertise areas and closed days now live in basisgegevens."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("ambtenaren", "0003_reference_data_in_basisgegevens"),
        ("initiatieven", "0005_reference_data_in_basisgegevens"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ExpertiseArea"),
                migrations.DeleteModel(name="ClosedDay"),
            ]
        )
    ]
