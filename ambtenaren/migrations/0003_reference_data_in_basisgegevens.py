"""State only: the advisor profile points at the reference data in basisgegevens."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ambtenaren", "0002_closedday_advisorprofile_advisorship_contact_and_more"),
        ("basisgegevens", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="advisorprofile",
                    name="expertise_areas",
                    field=models.ManyToManyField(
                        related_name="advisors",
                        to="basisgegevens.expertisearea",
                        verbose_name="fields of expertise",
                    ),
                ),
                migrations.AlterField(
                    model_name="advisorprofile",
                    name="neighbourhoods",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="advisors",
                        to="basisgegevens.neighbourhood",
                        verbose_name="neighbourhoods you know well",
                    ),
                ),
            ]
        )
    ]
