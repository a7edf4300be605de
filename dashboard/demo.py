"""Demo budget lines: a municipal budget of about 1.2 billion euros in three parts,
entered by the demo administrator through the service."""

from decimal import Decimal

# (year, name, part, amount in euros)
DEMO_BUDGET_LINES = [
    (2026, "Jeugdzorg en Wmo", "statutory", "312000000"),
    (2026, "Bijstand (Participatiewet)", "statutory", "184000000"),
    (2026, "Onderwijshuisvesting", "statutory", "46000000"),
    (2026, "Openbare ruimte en groen", "local_policy", "96000000"),
    (2026, "Cultuur en sport", "local_policy", "61000000"),
    (2026, "Buurtbudgetten en bewonersinitiatieven", "influenceable", "4500000"),
    (2026, "Wijkgericht werken", "influenceable", "8200000"),
    (2025, "Jeugdzorg en Wmo", "statutory", "298000000"),
    (2025, "Bijstand (Participatiewet)", "statutory", "179000000"),
    (2025, "Openbare ruimte en groen", "local_policy", "91000000"),
    (2025, "Buurtbudgetten en bewonersinitiatieven", "influenceable", "3900000"),
]
DEMO_ADMINISTRATOR = "beheer@gemeente.example"


def seed_budget_lines() -> int:
    from accounts.models import User

    from .models import BudgetLine
    from .services import BudgetLineData, budget_line_save

    administrator = User.objects.filter(email=DEMO_ADMINISTRATOR).first()
    if administrator is None or BudgetLine.objects.exists():
        return 0
    for year, name, kind, amount in DEMO_BUDGET_LINES:
        budget_line_save(
            data=BudgetLineData(year=year, name=name, kind=kind, amount=Decimal(amount)),
            actor=administrator,
        )
    return len(DEMO_BUDGET_LINES)
