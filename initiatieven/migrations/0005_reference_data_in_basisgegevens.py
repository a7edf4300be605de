"""State only: initiatives and needs point at the reference data in basisgegevens."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("initiatieven", "0004_invitation_revoked"),
        ("basisgegevens", "0001_initial"),
        ("ambtenaren", "0003_reference_data_in_basisgegevens"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="initiative",
                    name="neighbourhood",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="initiatives",
                        to="basisgegevens.neighbourhood",
                        verbose_name="neighbourhood",
                    ),
                ),
                migrations.AlterField(
                    model_name="initiative",
                    name="themes",
                    field=models.ManyToManyField(
                        related_name="initiatives", to="basisgegevens.theme", verbose_name="themes"
                    ),
                ),
                migrations.AlterField(
                    model_name="need",
                    name="expertise_area",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="needs",
                        to="basisgegevens.expertisearea",
                        verbose_name="field of expertise",
                    ),
                ),
                migrations.DeleteModel(name="Theme"),
                migrations.DeleteModel(name="Neighbourhood"),
            ]
        )
    ]
