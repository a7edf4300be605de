"""Demo data for the civil servants app: advisor profiles and an advisorship."""

# (e-mail, expertise area slugs, hours a month, neighbourhoods known, introduction)
DEMO_PROFILES = [
    (
        "ambtenaar@gemeente.example",
        ["vergunningen", "groen"],
        8,
        ["De Wierden", "De Grienden"],
        "Ik werk bij vergunningen en help graag met plannen voor de buitenruimte.",
    ),
    (
        "loket@gemeente.example",
        ["communicatie", "evenementen"],
        4,
        ["Centrum Almere Haven"],
        "Ik werk bij het loket en ken veel mensen in Haven.",
    ),
    (
        "subsidie@gemeente.example",
        ["subsidies", "juridisch"],
        6,
        ["De Hoven"],
        "Ik weet veel van subsidies en regels.",
    ),
]


def seed_advisor_profiles() -> int:
    """Advisor profiles for the demo civil servants, and one active advisorship."""
    from accounts.models import User
    from basisgegevens.models import ExpertiseArea, Neighbourhood
    from initiatieven.models import Initiative
    from initiatieven.services import initiative_mark_first_response

    from .models import AdvisorProfile, Advisorship, Contact

    created = 0
    for email, areas, hours, places, introduction in DEMO_PROFILES:
        user = User.objects.filter(email=email).first()
        if user is None or AdvisorProfile.objects.filter(user=user).exists():
            continue
        profile = AdvisorProfile.objects.create(
            user=user, hours_per_month=hours, introduction=introduction
        )
        profile.expertise_areas.set(ExpertiseArea.objects.filter(slug__in=areas))
        profile.neighbourhoods.set(Neighbourhood.objects.filter(name__in=places))
        created += 1
    garden = Initiative.objects.filter(title="Moestuin De Wierden").first()
    joost = AdvisorProfile.objects.filter(user__email="ambtenaar@gemeente.example").first()
    if garden and joost and not Advisorship.objects.filter(initiative=garden).exists():
        from django.utils import timezone

        advisorship = Advisorship.objects.create(
            initiative=garden,
            advisor=joost,
            status=Advisorship.Status.ACTIVE,
            proposed_by=Advisorship.ProposedBy.ADVISOR,
            hours_per_month=2,
            no_conflict_declared=True,
            accepted_at=timezone.now(),
        )
        Contact.objects.create(
            advisorship=advisorship,
            date=timezone.localdate() - timezone.timedelta(days=12),
            channel=Contact.Channel.VISIT,
            topic="Kennismaking in de tuin",
            next_step="Toestemming voor het grasveld regelen",
            follow_up_on=timezone.localdate() - timezone.timedelta(days=2),
        )
        initiative_mark_first_response(initiative=garden)
    return created
