"""Every dashboard figure on a small data set whose answers are worked out by hand.

The data set (15 June 2026):

    neighbourhood  residents  initiatives (working days to the first answer)
    Aa             2,000      i1 submitted (2), i2 active (4), i3 active (8),
                              i4 submitted (waiting), a draft (not counted)
    Bb             1,000      i5 active (6)
    Cc             unknown    i6 completed (1)

Answered: 1, 2, 4, 6, 8 working days: the median is 4, and 3 of 5 (60 %) within 5.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone, translation

from dashboard import figures
from dashboard.figures import SUPPRESSED
from dashboard.models import BudgetLine
from dashboard.selectors import Scope
from initiatieven.models import NeedKind
from subsidies.models import GoalOutcome, Report, ReportReview
from tests.factories import (
    AdvisorProfileFactory,
    AdvisorshipFactory,
    ApplicationFactory,
    GrantFactory,
    InitiativeFactory,
    NeedFactory,
    NeighbourhoodFactory,
    SubsidySchemeFactory,
    ThemeFactory,
    UserFactory,
)

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=timezone.get_fixed_timezone(120))
TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def fixed_time():
    with time_machine.travel(NOW, tick=False), translation.override("en"):
        yield


def _initiative(place, status, days, *, submitted=NOW - timedelta(days=40), **kwargs):
    return InitiativeFactory(
        neighbourhood=place,
        status=status,
        submitted_at=submitted,
        first_response_at=None if days is None else submitted + timedelta(days=days),
        response_working_days=days,
        **kwargs,
    )


@pytest.fixture
def world(db):
    aa = NeighbourhoodFactory(name="Aa", population=2000)
    bb = NeighbourhoodFactory(name="Bb", population=1000)
    cc = NeighbourhoodFactory(name="Cc", population=0)
    green = ThemeFactory(name_en="Green")
    i1 = _initiative(aa, "submitted", 2)
    i2 = _initiative(aa, "active", 4, submitted=NOW - timedelta(days=70))
    i3 = _initiative(aa, "active", 8)
    i4 = _initiative(aa, "submitted", None)
    InitiativeFactory(neighbourhood=aa, draft=True)
    i5 = _initiative(bb, "active", 6)
    i6 = _initiative(cc, "completed", 1, submitted=datetime(2025, 3, 10, tzinfo=NOW.tzinfo))
    for initiative in (i1, i2, i3):
        initiative.themes.add(green)
    # Advice: X lends to i2 (4 hours) and i3 (3 hours), Y to i5 (2); i6's has ended.
    x, y = AdvisorProfileFactory(), AdvisorProfileFactory()
    AdvisorshipFactory(initiative=i2, advisor=x, hours_per_month=4, active=True)
    AdvisorshipFactory(initiative=i3, advisor=x, hours_per_month=3, active=True)
    AdvisorshipFactory(initiative=i5, advisor=y, hours_per_month=2, active=True)
    AdvisorshipFactory(
        initiative=i6,
        advisor=y,
        hours_per_month=5,
        status="completed",
        accepted_at=NOW - timedelta(days=400),
        ended_at=NOW - timedelta(days=300),
    )
    # Needs: one open expertise question, two met, one withdrawn.
    NeedFactory(initiative=i1, kind=NeedKind.EXPERTISE)
    NeedFactory(initiative=i2, kind=NeedKind.MATERIALS, status="met", met_by="resident")
    NeedFactory(initiative=i5, kind=NeedKind.SPACE, status="met", met_by="partner")
    NeedFactory(initiative=i3, kind=NeedKind.VOLUNTEERS, status="withdrawn")
    # Money: one scheme of 10,000.
    scheme = SubsidySchemeFactory(name="Buurtbudget", year=2026, budget=Decimal("10000"))
    officer = UserFactory(grant_officer=True)
    a1 = ApplicationFactory(
        initiative=i1,
        scheme=scheme,
        amount=Decimal("1200"),
        status="granted",
        submitted_at=NOW - timedelta(days=30),
        decided_at=NOW,
        decision_days=30,
    )
    ApplicationFactory(
        initiative=i3,
        scheme=scheme,
        amount=Decimal("800"),
        status="refused",
        submitted_at=NOW - timedelta(days=70),
        decided_at=NOW,
        decision_days=70,
        decision_reason="Not in this scheme.",
    )
    ApplicationFactory(initiative=i4, scheme=scheme, status="submitted", submitted_at=NOW)
    g1 = GrantFactory(
        initiative=i1,
        scheme=scheme,
        amount=Decimal("1000"),
        application=a1,
        granted_at=NOW - timedelta(days=60),
        granted_by=officer,
    )
    g2 = GrantFactory(
        initiative=i2,
        scheme=scheme,
        amount=Decimal("3000"),
        status="settled",
        settled_amount=Decimal("2500"),
        settled_at=NOW,
        granted_at=NOW - timedelta(days=90),
    )
    GrantFactory(
        initiative=i5,
        scheme=scheme,
        amount=Decimal("2000"),
        status="reclaimed",
        settled_amount=Decimal("2000"),
        settled_at=NOW,
        reclaimed_amount=Decimal("500"),
        reclaim_reason="The party did not take place.",
        granted_at=NOW - timedelta(days=80),
    )
    GrantFactory(
        initiative=i2, scheme=scheme, amount=Decimal("1000"), granted_at=NOW - timedelta(days=10)
    )
    # Reports that are due: one on time (with other outcomes), one late, one missing.
    on_time = Report.objects.create(
        grant=g1,
        kind="interim",
        due_on=TODAY - timedelta(days=5),
        status="accepted",
        submitted_at=NOW - timedelta(days=7),
        other_outcomes="A new neighbours' group.",
    )
    late = Report.objects.create(
        grant=g2,
        kind="interim",
        due_on=TODAY - timedelta(days=20),
        status="conversation",
        submitted_at=NOW - timedelta(days=3),
    )
    Report.objects.create(grant=g2, kind="interim", due_on=TODAY - timedelta(days=1))
    first, second = g1.goals.all()
    GoalOutcome.objects.create(report=on_time, goal=first, result="achieved", explanation="x")
    GoalOutcome.objects.create(report=on_time, goal=second, result="partly", explanation="x")
    GoalOutcome.objects.create(report=late, goal=g2.goals.first(), result="not", explanation="x")
    ReportReview.objects.create(
        report=on_time, outcome="accepted", message="x", reviewed_by=officer
    )
    ReportReview.objects.create(
        report=late,
        outcome="conversation",
        message="x",
        reviewed_by=officer,
        conversation_on=TODAY + timedelta(days=7),
    )
    # The budget of 2026: 600 statutory, 300 local policy, 100 open to influence.
    for name, kind, amount in [
        ("Youth care", "statutory", "600"),
        ("Culture", "local_policy", "300"),
        ("Neighbourhood budgets", "influenceable", "100"),
    ]:
        BudgetLine.objects.create(year=2026, name=name, kind=kind, amount=Decimal(amount))
    return {"aa": aa, "bb": bb, "cc": cc, "green": green}


def _figure(key, scope=None, *, public=False):
    return figures.figure_for(scope or Scope(), key, public=public)


def _table(figure):
    return [list(row) for row in figure.rows]


def test_initiatives_by_status_stage_and_theme(world):
    assert _table(_figure("initiatives-by-status")) == [
        ["submitted", 2],
        ["active", 3],
        ["completed", 1],
        ["stopped", 0],
    ]
    assert _table(_figure("initiatives-by-stage"))[0] == ["idea", 6]
    assert _table(_figure("initiatives-by-theme")) == [["Green", 3], ["No theme", 3]]


def test_new_initiatives_per_month(world):
    months = dict(_table(_figure("initiatives-per-month")))
    # The last twelve months: i2 in April, the other four in May (i6 is of 2025).
    assert months["April 2026"] == 1
    assert months["May 2026"] == 4
    assert sum(months.values()) == 5
    assert next(iter(months)) == "July 2025"
    in_2025 = dict(_table(_figure("initiatives-per-month", Scope(year=2025))))
    assert in_2025["March 2025"] == 1
    assert len(in_2025) == 12


def test_response_time(world):
    assert _table(_figure("response-time")) == [
        ["Initiatives answered", 5],
        ["Median working days to the first answer", 4],
        ["Answered within 5 working days", 60.0],
        ["Still waiting for a first answer", 1],
    ]


def test_response_time_by_neighbourhood_names_the_slowest(world):
    figure = _figure("response-by-neighbourhood")
    assert _table(figure) == [["Aa", 3, 4, 66.7], ["Bb", 1, 6, 0.0], ["Cc", 1, 1, 100.0]]
    assert figure.meaning.startswith("Initiatives in Bb waited longest")


def test_advisory_coverage(world):
    assert dict(_table(_figure("advisory-coverage"))) == {
        "Initiatives under way": 5,
        "Of those, with an advisor": 3,
        "Share with an advisor": 60.0,
        "Open questions for expertise": 1,
        "Advisor hours a month": 9,
        "Civil servants lending their expertise": 2,
    }
    # In 2025 only i6's advisorship ran, but i6 was submitted in 2025 and is completed.
    in_2025 = dict(_table(_figure("advisory-coverage", Scope(year=2025))))
    assert in_2025["Advisor hours a month"] == 5
    assert in_2025["Initiatives under way"] == 0


def test_needs(world):
    assert _table(_figure("needs-by-status")) == [
        ["open", 1],
        ["partly met", 0],
        ["met", 2],
        ["withdrawn", 1],
    ]
    assert _table(_figure("needs-met-by")) == [
        ["the municipality", 0],
        ["a resident", 1],
        ["a partner", 1],
    ]


def test_money_against_the_budget(world):
    # Committed: 1,000 + 2,500 + (2,000 - 500) + 1,000 = 6,000 of 10,000.
    assert _table(_figure("money-by-scheme")) == [
        [
            "Buurtbudget 2026",
            4,
            Decimal("10000.00"),
            Decimal("7000.00"),
            Decimal("4500.00"),
            Decimal("500.00"),
            60.0,
        ]
    ]


def test_applications(world):
    assert dict(_table(_figure("applications"))) == {
        "Applications decided": 2,
        "Of those, granted": 1,
        "Decided within the term": 50.0,  # 30 days of 56 yes, 70 no
        "Median days to a decision": 50,
        "Asked in granted applications": Decimal("1200.00"),
        "Granted in those applications": Decimal("1000.00"),
        "Granted of what was asked": 83.3,
    }


def test_reports_goals_and_reviews(world):
    assert dict(_table(_figure("reports"))) == {
        "Reports due": 3,
        "Sent on time": 1,
        "Sent late": 1,
        "Not sent yet": 1,
        "Share sent on time": 33.3,
        "Reports with other outcomes than the goals": 1,
    }
    assert _table(_figure("goal-outcomes")) == [
        ["achieved", 1],
        ["partly achieved", 1],
        ["not achieved", 1],
    ]
    assert dict(_table(_figure("review-outcomes"))) == {
        "accepted": 1,
        "let's talk": 1,
        "conditions adjusted": 0,
        "reclaim proposed": 0,
    }


def test_fairness_per_thousand_residents_and_a_neighbourhood_without_population(world):
    figure = _figure("fairness-by-neighbourhood")
    # Aa: 4 initiatives, 7 hours, 1,000 + 2,500 + 1,000 money, for 2,000 residents.
    assert _table(figure) == [
        ["Aa", 2000, 4, 2.0, 3.5, Decimal("2250.00")],
        ["Bb", 1000, 1, 1.0, 2.0, Decimal("1500.00")],
        ["Cc", None, 1, None, None, None],
    ]
    assert figure.meaning.startswith("Bb is furthest behind: 1.0 initiatives per 1,000")
    assert figure.meaning.endswith(
        "Bb received the least subsidy: €\u00a01,500.00 per 1,000 residents."
    )


def test_how_the_money_is_spread(world):
    # i2's second grant (1,000) is the only money to an earlier recipient: 5,000 of 6,000
    # went to first-timers. Recipients: i2 3,500, i5 1,500, i1 1,000; the top 10 % is
    # one recipient (rounded up): 3,500 of 6,000.
    assert dict(_table(_figure("money-spread"))) == {
        "Subsidy given": Decimal("6000.00"),
        "Initiatives that received money": 3,
        "Share to initiatives receiving for the first time": 83.3,
        "Share to the tenth of recipients that got most": 58.3,
    }


def test_budget_split(world):
    figure = _figure("budget-split")
    assert _table(figure) == [
        ["2026: statutory task", Decimal("600.00"), 60.0],
        ["2026: local policy", Decimal("300.00"), 30.0],
        ["2026: open to influence by society", Decimal("100.00"), 10.0],
    ]
    assert figure.meaning == "In 2026, 10.0\u00a0% of the budget is open to influence by society."


def test_a_filter_narrows_every_figure(world):
    in_bb = Scope(neighbourhood_id=world["bb"].pk)
    assert _table(_figure("initiatives-by-status", in_bb))[1] == ["active", 1]
    assert dict(_table(_figure("money-spread", in_bb)))["Subsidy given"] == Decimal("1500.00")
    green = Scope(theme_id=world["green"].pk)
    assert sum(row[1] for row in _figure("initiatives-by-status", green).rows) == 3
    assert dict(_table(_figure("advisory-coverage", green)))["Advisor hours a month"] == 7
    assert _table(_figure("budget-split", Scope(year=2025))) == []


def test_the_public_figures_say_nothing_about_fewer_than_five(world):
    status = _figure("initiatives-by-status", public=True)
    assert _table(status) == [
        ["submitted", SUPPRESSED],
        ["active", SUPPRESSED],
        ["completed", SUPPRESSED],
        ["stopped", 0],
    ]
    # The sentence would tell what the table leaves out ("3 of them are active").
    assert status.meaning == "Numbers about fewer than 5 initiatives or people are not shown."
    slowest = _figure("response-by-neighbourhood", public=True).meaning
    assert "Bb" not in slowest
    fairness = _table(_figure("fairness-by-neighbourhood", public=True))
    # Residents stay (public figures of the CBS); the rest of a row about 1 to 4 goes.
    assert fairness[1] == ["Bb", 1000, SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED]
    # Five answered initiatives are enough for the response time.
    assert _table(_figure("response-time", public=True))[1][1] == 4
    # Two applications are not.
    assert {row[1] for row in _figure("applications", public=True).rows} == {SUPPRESSED}
    coverage = dict(_table(_figure("advisory-coverage", public=True)))
    assert coverage["Civil servants lending their expertise"] is SUPPRESSED
    # The budget is not about people.
    assert _table(_figure("budget-split", public=True))[0][1] == Decimal("600.00")


def test_every_figure_on_empty_data(db):
    shown = figures.figures_for(Scope(), public=False)
    assert [figure.key for figure in shown] == list(figures.FIGURE_KEYS)
    meanings = {figure.key: figure.meaning for figure in shown}
    assert meanings["response-time"] == "No initiative has had a first answer yet."
    assert meanings["money-spread"] == "No subsidy has been granted yet."
    assert meanings["budget-split"] == "No budget lines have been entered yet."
    assert dict(_table(shown[4]))["Median working days to the first answer"] is None
