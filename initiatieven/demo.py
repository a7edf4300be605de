"""Demo data for the initiatives app: initiatives in every status and stage."""

# Demo initiatives: (title, summary, neighbourhood, themes, status, stage, needs, updates)
# needs: (kind, description, status, met_by)
DEMO_INITIATIVES = [
    (
        "Moestuin De Wierden",
        "Buren maken samen een moestuin op het grasveld achter de flat. "
        "Iedereen mag meedoen en groente meenemen.",
        "De Wierden",
        ["groen", "ontmoeting"],
        "active",
        "light_community",
        [
            ("space", "Toestemming om het grasveld te gebruiken", "met", "municipality"),
            ("materials", "Gereedschap en zaden", "partly_met", "partner"),
            ("volunteers", "Vijf mensen die op zaterdag helpen", "open", ""),
        ],
        ["De eerste bonen zijn geplant. Kom zaterdag kijken!"],
    ),
    (
        "Repaircafé Haven",
        "Elke maand repareren vrijwilligers kapotte spullen. Zo gooien we minder weg.",
        "Centrum Almere Haven",
        ["ontmoeting", "energie"],
        "submitted",
        "idea",
        [
            ("space", "Een ruimte voor 20 mensen, een zaterdag per maand", "open", ""),
            ("expertise", "Advies over verzekering van vrijwilligers", "open", ""),
        ],
        [],
    ),
    (
        "Voetbal op zondag in De Marken",
        "Op zondagochtend voetballen kinderen en ouders samen op het pleintje.",
        "De Marken",
        ["sport", "jeugd"],
        "active",
        "public_cause",
        [
            ("materials", "Doeltjes en ballen", "met", "resident"),
            ("money", "Geld voor hesjes en een EHBO-doos", "open", ""),
        ],
        ["We waren met 25 mensen. Volgende week weer!"],
    ),
    (
        "Kinderopvang door ouders De Gouwen",
        "Ouders passen om de beurt op elkaars kinderen, zodat iedereen kan werken of leren.",
        "De Gouwen",
        ["zorg", "jeugd"],
        "submitted",
        "light_community",
        [
            ("expertise", "Welke regels gelden voor opvang door ouders?", "open", ""),
            ("network", "Contact met het consultatiebureau", "open", ""),
        ],
        [],
    ),
    (
        "Zonnepanelen op het buurthuis",
        "Samen zonnepanelen kopen voor het dak van het buurthuis. De opbrengst gaat naar de buurt.",
        "De Hoven",
        ["energie"],
        "completed",
        "institution",
        [
            ("money", "Startkapitaal voor de coöperatie", "met", "municipality"),
            ("expertise", "Advies over een energiecoöperatie", "met", "municipality"),
        ],
        ["De panelen liggen erop. Dank aan iedereen!"],
    ),
    (
        "Wijkkoor De Werven",
        "Een koor voor iedereen die graag zingt. Je hoeft geen noten te kunnen lezen.",
        "De Werven",
        ["cultuur", "ontmoeting"],
        "stopped",
        "idea",
        [("space", "Een zaal met een piano", "withdrawn", "")],
        ["Helaas stoppen we. Er waren te weinig zangers."],
    ),
    (
        "Boomspiegels De Meenten",
        "Bewoners planten bloemen rond de bomen in de straat.",
        "De Meenten",
        ["groen"],
        "draft",
        "idea",
        [("materials", "Bloembollen en aarde", "open", "")],
        [],
    ),
    (
        "Buurtkast De Grienden",
        "Een kast op straat waar je boeken en spullen kunt ruilen.",
        "De Grienden",
        ["ontmoeting"],
        "submitted",
        "idea",
        [
            ("materials", "Hout voor de kast", "open", ""),
            ("expertise", "Mag de kast op de stoep staan?", "open", ""),
        ],
        [],
    ),
]

# The field of expertise that each demo need for expertise asks for.
DEMO_NEED_EXPERTISE = {
    "Advies over verzekering van vrijwilligers": "juridisch",
    "Welke regels gelden voor opvang door ouders?": "zorg",
    "Advies over een energiecoöperatie": "subsidies",
    "Mag de kast op de stoep staan?": "vergunningen",
}

# (title, description, kind, vetted by a coordinator)
DEMO_OFFERS = [
    (
        "Zaal in het wijkcentrum",
        "Op zaterdagochtend gratis te gebruiken, voor 30 mensen.",
        "space",
        True,
    ),
    (
        "Gereedschap lenen",
        "Schoppen, harken en kruiwagens. Ophalen bij de bouwmarkt.",
        "materials",
        True,
    ),
    (
        "Hulp bij de boekhouding",
        "Een boekhouder helpt een groep één middag per maand.",
        "advice",
        False,
    ),
]

DEMO_RESIDENTS = [
    ("ahmed@marktplein.example", "Ahmed"),
    ("lotte@marktplein.example", "Lotte"),
    ("gerrit@marktplein.example", "Gerrit"),
]


def seed_initiatives(*, lead, partner, coordinator) -> int:
    """Realistic initiatives in every status and stage; running it twice changes nothing."""
    from allauth.account.models import EmailAddress
    from django.utils import timezone

    from accounts.models import User
    from basisgegevens.models import ExpertiseArea, Neighbourhood, Theme

    from .models import Initiative, Membership, Need, Offer, OfferRequest, Support, Update
    from .services import offer_review

    residents = []
    for email, first_name in DEMO_RESIDENTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password="marktplein-demo", first_name=first_name
            )
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        residents.append(user)

    offers = {}
    for title, description, kind, vetted in DEMO_OFFERS:
        offer = Offer.objects.filter(partner=partner, title=title).first()
        if offer is None:
            offer = Offer.objects.create(
                partner=partner, title=title, description=description, kind=kind
            )
            if vetted:
                offer_review(offer=offer, actor=coordinator, approve=True)
        offers[kind] = offer

    created = 0
    now = timezone.now()
    for number, (title, summary, place, themes, status, stage, needs, updates) in enumerate(
        DEMO_INITIATIVES
    ):
        if Initiative.objects.filter(title=title).exists():
            continue
        owner = lead if number % 2 == 0 else residents[number % len(residents)]
        initiative = Initiative.objects.create(
            title=title,
            summary=summary,
            neighbourhood=Neighbourhood.objects.get(name=place),
            status=status,
            stage=stage,
            created_by=owner,
            created_at=now - timezone.timedelta(days=40 - number * 4),
            submitted_at=None
            if status == "draft"
            else now - timezone.timedelta(days=30 - number * 3),
        )
        initiative.themes.set(Theme.objects.filter(slug__in=themes))
        Membership.objects.create(
            initiative=initiative, user=owner, role=Membership.Role.LEAD, is_contact=True
        )
        other = residents[(number + 1) % len(residents)]
        if other != owner:
            Membership.objects.create(initiative=initiative, user=other)
        for kind, description, need_status, met_by in needs:
            need = Need.objects.create(
                initiative=initiative,
                kind=kind,
                description=description,
                status=need_status,
                met_by=met_by,
                expertise_area=ExpertiseArea.objects.filter(
                    slug=DEMO_NEED_EXPERTISE.get(description, "")
                ).first(),
            )
            if met_by == "partner":
                offer = offers[kind]
                OfferRequest.objects.create(offer=offer, need=need, requested_by=owner)
                need.offer = offer
                need.save(update_fields=["offer"])
        for text in updates:
            Update.objects.create(initiative=initiative, author=owner, body=f"<p>{text}</p>")
        if status != "draft":
            for supporter in residents[: 1 + number % 3]:
                Support.objects.get_or_create(initiative=initiative, user=supporter)
        created += 1
    return created
