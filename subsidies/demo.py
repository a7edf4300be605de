"""Demo data for subsidies: schemes, and applications, grants, reports and reviews in
every state, made through the services so the history and budgets are real."""

from datetime import timedelta
from decimal import Decimal

# (name, year, budget, largest amount, open, threshold for settling at once, rules)
DEMO_SCHEMES = [
    (
        "Buurtbudget",
        2026,
        "50000",
        "5000",
        True,
        "500",
        "Voor bewoners die samen iets doen voor hun buurt. Je hebt geen stichting of "
        "vereniging nodig. Vertel wat je wilt bereiken en wat je zelf doet.",
    ),
    (
        "Groen in de wijk",
        2026,
        "20000",
        "2500",
        True,
        "0",
        "Voor plannen die de buurt groener maken: tuinen, boomspiegels, geveltuinen.",
    ),
    (
        "Buurtbudget",
        2025,
        "40000",
        "5000",
        False,
        "500",
        "Het buurtbudget van vorig jaar. Deze regeling is gesloten.",
    ),
]
DEMO_SECOND_GRANT_OFFICER = "subsidie2@gemeente.example"


def seed_subsidies() -> int:
    """Schemes and a life of subsidies around the demo initiatives. Once only."""
    from .models import SubsidyScheme

    if SubsidyScheme.objects.exists():
        return 0
    _seed()
    return len(DEMO_SCHEMES)


def _seed() -> None:
    from django.utils import timezone

    from accounts.models import User
    from initiatieven.models import Initiative, Membership
    from initiatieven.services import membership_set_treasurer

    from . import services
    from .models import SubsidyScheme

    officer = User.objects.get(email="subsidie@gemeente.example")
    second = User.objects.get(email=DEMO_SECOND_GRANT_OFFICER)
    schemes = []
    for name, year, budget, largest, is_open, threshold, rules in DEMO_SCHEMES:
        schemes.append(
            services.scheme_save(
                data=services.SchemeData(
                    name=name,
                    year=year,
                    budget=Decimal(budget),
                    rules=rules,
                    max_amount=Decimal(largest),
                    is_open=is_open,
                    decision_weeks=8,
                    direct_settlement_threshold=Decimal(threshold),
                ),
                actor=officer,
            )
        )
    budget, green, last_year = schemes
    today = timezone.localdate()

    def initiative(title: str) -> tuple[Initiative, User]:
        found = Initiative.objects.get(title=title)
        lead = found.memberships.get(role=Membership.Role.LEAD)
        if not found.memberships.filter(is_treasurer=True).exists():
            membership_set_treasurer(membership=lead, actor=lead.user)
        return found, lead.user

    def apply(title, scheme, amount, lines, goals, *, submit=True):
        found, lead = initiative(title)
        application = services.application_save(
            initiative=found,
            actor=lead,
            scheme=scheme,
            amount=Decimal(amount),
            own_contribution="Vrijwilligers uit de buurt, elke zaterdag een paar uur.",
            own_money=Decimal("50"),
            cost_lines=[services.CostLineData(d, Decimal(a)) for d, a in lines],
            goals=goals,
        )
        if submit:
            services.application_submit(application=application, actor=lead)
        return application, lead

    def terms(amount, goals, *, reason="", interim=True, conditions=""):
        return services.GrantTerms(
            amount=Decimal(amount),
            goals=goals,
            final_report_due=today + timedelta(days=150),
            interim_reports_due=[today + timedelta(days=45)] if interim else [],
            conditions=conditions,
            reason=reason,
        )

    def write(report, lead, results, *, spent=None, other=""):
        outcomes = {
            goal.pk: services.OutcomeData(result, explanation)
            for goal, (result, explanation) in zip(report.grant.goals.all(), results, strict=True)
        }
        services.report_save(
            report=report,
            actor=lead,
            outcomes=outcomes,
            other_outcomes=other,
            money_spent=None if spent is None else Decimal(spent),
        )
        return services.report_submit(report=report, actor=lead)

    def review(report, outcome, message="", **kwargs):
        return services.report_review(
            report=report,
            review=services.ReviewData(outcome=outcome, message=message, **kwargs),
            actor=officer,
        )

    # The garden: granted less than asked, an interim report, and a conversation about it.
    garden_goals = ["20 buren doen mee", "Een tuin van 50 m2", "Elke maand een oogstfeest"]
    application, lead = apply(
        "Moestuin De Wierden",
        budget,
        "1500",
        [("Planten en zaden", "600"), ("Gereedschap", "500"), ("Hek", "400")],
        garden_goals,
    )
    grant = services.application_grant(
        application=application,
        terms=terms(
            "1200",
            garden_goals,
            reason="Gereedschap kun je lenen bij de gemeentewerf. Daarom geven we minder.",
            conditions="Zet een bordje bij de tuin: 'mede mogelijk gemaakt door de gemeente'.",
        ),
        actor=officer,
    )
    interim = write(
        grant.reports.get(kind="interim"),
        lead,
        [
            ("achieved", "Er doen 24 buren mee."),
            ("partly", "De tuin is 30 m2. De rest van het grasveld is nog te nat."),
            ("achieved", "Het eerste oogstfeest was in september."),
        ],
        other="Kinderen van de school komen nu elke week kijken.",
    )
    review(
        interim,
        "conversation",
        "Mooi werk! Zullen we praten over het natte deel van het grasveld?",
        conversation_on=today + timedelta(days=7),
    )

    # The repair café: a draft that is not sent yet.
    apply(
        "Repaircafé Haven",
        budget,
        "750",
        [("Huur van de zaal", "450"), ("Onderdelen", "300")],
        ["Elke maand 30 spullen gerepareerd"],
        submit=False,
    )

    # Football: an application waiting for a decision, and last year's grant still open.
    apply(
        "Voetbal op zondag in De Marken",
        budget,
        "350",
        [("Hesjes", "200"), ("EHBO-doos", "150")],
        ["Elke zondag 20 kinderen en ouders"],
    )
    football, _lead = initiative("Voetbal op zondag in De Marken")
    services.grant_record(
        initiative=football,
        scheme=last_year,
        terms=terms("900", ["Twee doeltjes op het plein"], reason="Aanvraag op papier."),
        actor=officer,
    )

    # Childcare: refused with a reason, a withdrawn application, and a report to review.
    refused, _lead = apply(
        "Kinderopvang door ouders De Gouwen",
        green,
        "2000",
        [("Speelgoed", "2000")],
        ["Elke week opvang voor 10 kinderen"],
    )
    services.application_refuse(
        application=refused,
        reason="Deze regeling is voor plannen die de buurt groener maken. "
        "Probeer het buurtbudget.",
        actor=officer,
    )
    withdrawn, childcare_lead = apply(
        "Kinderopvang door ouders De Gouwen",
        budget,
        "800",
        [("Speelgoed", "800")],
        ["Elke week opvang voor 10 kinderen"],
    )
    services.application_withdraw(
        application=withdrawn, actor=childcare_lead, reason="We vragen het later opnieuw aan."
    )
    childcare, _lead = initiative("Kinderopvang door ouders De Gouwen")
    care_grant = services.grant_record(
        initiative=childcare,
        scheme=budget,
        terms=terms("1000", ["Elke week opvang voor 10 kinderen"], reason="Aanvraag op papier."),
        actor=officer,
    )
    write(
        care_grant.reports.get(kind="interim"),
        childcare_lead,
        [("partly", "Het zijn nu 6 kinderen per week.")],
    )

    # Solar panels: settled after the final report, at what was spent.
    solar, solar_lead = initiative("Zonnepanelen op het buurthuis")
    solar_grant = services.grant_record(
        initiative=solar,
        scheme=last_year,
        terms=terms(
            "2500",
            ["12 panelen op het dak", "Het buurthuis betaalt minder voor stroom"],
            conditions="Laat de opbrengst zien in het buurthuis.",
        ),
        actor=officer,
    )
    review(
        write(
            solar_grant.reports.get(kind="interim"),
            solar_lead,
            [("achieved", "De panelen liggen er."), ("partly", "We meten het nog.")],
        ),
        "conditions_adjusted",
        "Een scherm is te duur. Een poster met de opbrengst is ook goed.",
        new_conditions="Hang elk kwartaal een poster op met de opbrengst.",
    )
    review(
        write(
            solar_grant.reports.get(kind="final"),
            solar_lead,
            [("achieved", "12 panelen."), ("achieved", "30% minder kosten.")],
            spent="2300",
            other="Twee buren hebben nu ook panelen.",
        ),
        "accepted",
    )
    services.grant_settle(grant=solar_grant, actor=officer)

    # The choir stopped: part of its grant is asked back, by two grant officers.
    choir, choir_lead = initiative("Wijkkoor De Werven")
    choir_grant = services.grant_record(
        initiative=choir,
        scheme=last_year,
        terms=terms("800", ["Een concert in de wijk"], interim=False),
        actor=officer,
    )
    review(
        write(
            choir_grant.reports.get(kind="final"),
            choir_lead,
            [("not", "Het koor is gestopt voor het concert.")],
            spent="500",
        ),
        "reclaim_proposed",
        "De zaalhuur van 300 euro is niet uitgegeven. Die vragen we terug.",
        reclaim_amount=Decimal("300"),
    )
    choir_grant.refresh_from_db()
    services.grant_reclaim_decide(grant=choir_grant, approve=True, actor=second)

    # The book cupboard: a small grant, settled at once.
    cupboard, _lead = initiative("Buurtkast De Grienden")
    services.grant_record(
        initiative=cupboard,
        scheme=budget,
        terms=terms("400", ["Een kast vol boeken bij de bushalte"], interim=False),
        actor=officer,
    )
    SubsidyScheme.objects.filter(pk=last_year.pk).update(is_open=False)
