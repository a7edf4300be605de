"""Demo data for the civil servants app: the expertise areas they can lend."""

from .models import ExpertiseArea

EXPERTISE_AREAS = [
    ("vergunningen", "Vergunningen", "Permits"),
    ("subsidies", "Subsidies", "Subsidies"),
    ("juridisch", "Juridische vragen", "Legal questions"),
    ("groen", "Groen en openbare ruimte", "Green and public space"),
    ("zorg", "Zorg en welzijn", "Care and wellbeing"),
    ("evenementen", "Evenementen", "Events"),
    ("vastgoed", "Ruimte en vastgoed", "Rooms and buildings"),
    ("communicatie", "Communicatie", "Communication"),
]


def seed_expertise_areas() -> int:
    created = 0
    for slug, name_nl, name_en in EXPERTISE_AREAS:
        _, was_created = ExpertiseArea.objects.get_or_create(
            slug=slug, defaults={"name_nl": name_nl, "name_en": name_en}
        )
        created += was_created
    return created
