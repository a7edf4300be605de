"""Demo reference data: the real neighbourhoods of Almere Haven, themes, expertise areas."""

import csv
from pathlib import Path

from .models import ExpertiseArea, Neighbourhood, Theme

NEIGHBOURHOODS_CSV = Path(__file__).parent / "data" / "almere-haven-buurten-2020.csv"
NEIGHBOURHOODS_YEAR = 2020

THEMES = [
    ("groen", "Groen", "Green"),
    ("zorg", "Zorg en welzijn", "Care and wellbeing"),
    ("jeugd", "Jeugd", "Youth"),
    ("energie", "Energie", "Energy"),
    ("cultuur", "Cultuur", "Culture"),
    ("sport", "Sport en bewegen", "Sport and exercise"),
    ("ontmoeting", "Ontmoeting", "Meeting each other"),
]


def seed_neighbourhoods() -> int:
    created = 0
    with NEIGHBOURHOODS_CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            _, was_created = Neighbourhood.objects.get_or_create(
                name=row["name"],
                defaults={
                    "population": int(row["population"]),
                    "population_year": NEIGHBOURHOODS_YEAR,
                },
            )
            created += was_created
    return created


def seed_themes() -> int:
    created = 0
    for slug, name_nl, name_en in THEMES:
        _, was_created = Theme.objects.get_or_create(
            slug=slug, defaults={"name_nl": name_nl, "name_en": name_en}
        )
        created += was_created
    return created


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
