"""The dashboard's aggregates: each is one query, grouped in the database.

Every function takes a `Scope` (the filters: year, neighbourhood, theme) and
returns plain numbers; `figures.py` turns them into what people read. What a
scope's year means differs per subject and is said once here:

- initiatives: submitted in that year;
- advisorships: running at some time in that year;
- applications, grants, reports, reviews: of a scheme of that year;
- budget lines: of that year.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from ambtenaren.models import Advisorship
from basisgegevens.models import Neighbourhood, Theme
from initiatieven.models import Initiative, Need, NeedKind
from subsidies.models import Application, GoalOutcome, Grant, Report, ReportReview, SubsidyScheme

from .models import BudgetLine

ZERO = Decimal("0.00")
# The municipality's target for a first response, in working days (DESIGN.md).
RESPONSE_TARGET_DAYS = 5
ONGOING = (Initiative.Status.SUBMITTED, Initiative.Status.ACTIVE)


@dataclass(frozen=True)
class Scope:
    """What the dashboard is filtered on; None is everything."""

    year: int | None = None
    neighbourhood_id: int | None = None
    theme_id: int | None = None

    def of_initiative(self, path: str = "") -> Q:
        """The neighbourhood and theme of the initiative at `path` (`""` or `"x__"`)."""
        condition = Q()
        if self.neighbourhood_id is not None:
            condition &= Q(**{f"{path}neighbourhood_id": self.neighbourhood_id})
        if self.theme_id is not None:
            condition &= Q(**{f"{path}themes": self.theme_id})
        return condition

    def of_scheme_year(self, path: str) -> Q:
        return Q(**{f"{path}year": self.year}) if self.year is not None else Q()


# Initiatives -----------------------------------------------------------------


def initiatives_in(scope: Scope) -> QuerySet[Initiative]:
    """Submitted initiatives (drafts are nobody's business yet), hidden ones included:
    the municipality answered them too."""
    initiatives = Initiative.objects.exclude(status=Initiative.Status.DRAFT).filter(
        scope.of_initiative()
    )
    if scope.year is not None:
        initiatives = initiatives.filter(submitted_at__year=scope.year)
    return initiatives


def initiatives_counted_by(scope: Scope, field: str) -> dict:
    """Initiatives per value of `field` ("status", "stage", "themes")."""
    rows = initiatives_in(scope).values(field).annotate(count=Count("pk")).order_by()
    return {row[field]: row["count"] for row in rows}


def initiatives_per_month(scope: Scope) -> dict[datetime.date, int]:
    rows = (
        initiatives_in(scope)
        .annotate(month=TruncMonth("submitted_at"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {_as_date(row["month"]): row["count"] for row in rows}


def _as_date(moment) -> datetime.date:
    if isinstance(moment, datetime.datetime):
        return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
    return moment


def _response_aggregates() -> dict:
    from .aggregates import Median

    return {
        "initiatives": Count("pk"),
        "answered": Count("pk", filter=Q(response_working_days__isnull=False)),
        "within_target": Count("pk", filter=Q(response_working_days__lte=RESPONSE_TARGET_DAYS)),
        "waiting": Count("pk", filter=Q(first_response_at__isnull=True, status__in=ONGOING)),
        "median_days": Median("response_working_days"),
    }


def response_time(scope: Scope) -> dict:
    """Working days from submission to the first response, over every initiative."""
    return initiatives_in(scope).aggregate(**_response_aggregates())


def initiatives_by_neighbourhood(scope: Scope) -> dict[int | None, dict]:
    """Per neighbourhood: initiatives, and how fast they were answered."""
    rows = initiatives_in(scope).values("neighbourhood_id").annotate(**_response_aggregates())
    return {row["neighbourhood_id"]: row for row in rows.order_by()}


# Advice ----------------------------------------------------------------------


def advisorships_in(scope: Scope) -> QuerySet[Advisorship]:
    """Advisorships that ran: active now, or (with a year) at some time in that year."""
    advisorships = Advisorship.objects.filter(scope.of_initiative("initiative__"))
    if scope.year is None:
        return advisorships.filter(status=Advisorship.Status.ACTIVE)
    start = datetime.date(scope.year, 1, 1)
    end = datetime.date(scope.year, 12, 31)
    return advisorships.filter(accepted_at__date__lte=end).filter(
        Q(ended_at__isnull=True, status=Advisorship.Status.ACTIVE) | Q(ended_at__date__gte=start)
    )


def advisory_coverage(scope: Scope) -> dict:
    """Ongoing initiatives and how many have an active advisor."""
    active_advisor = Advisorship.objects.filter(
        initiative=OuterRef("pk"), status=Advisorship.Status.ACTIVE
    )
    return (
        initiatives_in(scope)
        .filter(status__in=ONGOING)
        .aggregate(
            ongoing=Count("pk"),
            with_advisor=Count("pk", filter=Q(Exists(active_advisor))),
        )
    )


def advisory_hours(scope: Scope) -> dict:
    """Hours a month lent to initiatives, and by how many civil servants."""
    return advisorships_in(scope).aggregate(
        hours=Coalesce(Sum("hours_per_month"), Value(0), output_field=IntegerField()),
        advisors=Count("advisor", distinct=True),
    )


def advisory_hours_by_neighbourhood(scope: Scope) -> dict[int | None, dict]:
    rows = (
        advisorships_in(scope)
        .values("initiative__neighbourhood_id")
        .annotate(hours=Sum("hours_per_month"), initiatives=Count("initiative", distinct=True))
        .order_by()
    )
    return {row["initiative__neighbourhood_id"]: row for row in rows}


# Needs -----------------------------------------------------------------------


def needs(scope: Scope) -> dict:
    """Needs of the initiatives in scope: by status, who met them, open expertise."""
    needs = Need.objects.filter(initiative__in=initiatives_in(scope))
    counts = {
        f"status_{status}": Count("pk", filter=Q(status=status)) for status in Need.Status.values
    }
    counts |= {
        f"met_by_{who}": Count("pk", filter=Q(status=Need.Status.MET, met_by=who))
        for who in Need.MetBy.values
    }
    return needs.aggregate(
        total=Count("pk"),
        open_expertise=Count(
            "pk", filter=Q(kind=NeedKind.EXPERTISE, status__in=["open", "partly_met"])
        ),
        **counts,
    )


# Money -----------------------------------------------------------------------

# What a grant costs the municipality: the settled amount once settled, minus what
# was paid back.
_COMMITTED = Coalesce(F("settled_amount"), F("amount")) - F("reclaimed_amount")


def _money_field() -> DecimalField:
    return DecimalField(max_digits=14, decimal_places=2)


def grants_in(scope: Scope) -> QuerySet[Grant]:
    return Grant.objects.filter(
        scope.of_initiative("initiative__"), scope.of_scheme_year("scheme__")
    )


def schemes_in(scope: Scope) -> list[SubsidyScheme]:
    return list(
        SubsidyScheme.objects.filter(scope.of_scheme_year("")).only("pk", "name", "year", "budget")
    )


def money_by_scheme(scope: Scope) -> dict[int, dict]:
    money = _money_field()
    rows = (
        grants_in(scope)
        .values("scheme_id")
        .annotate(
            grants=Count("pk"),
            granted=Sum("amount"),
            settled=Coalesce(Sum("settled_amount"), Value(ZERO), output_field=money),
            reclaimed=Sum("reclaimed_amount"),
            committed_total=Sum(_COMMITTED, output_field=money),
        )
        .order_by()
    )
    return {row["scheme_id"]: row for row in rows}


def money_by_neighbourhood(scope: Scope) -> dict[int | None, dict]:
    rows = (
        grants_in(scope)
        .values("initiative__neighbourhood_id")
        .annotate(
            money=Sum(_COMMITTED, output_field=_money_field()),
            initiatives=Count("initiative", distinct=True),
        )
        .order_by()
    )
    return {row["initiative__neighbourhood_id"]: row for row in rows}


def money_spread(scope: Scope) -> dict:
    """How much went to initiatives that got a grant for the first time."""
    earlier = Grant.objects.filter(
        initiative=OuterRef("initiative"), granted_at__lt=OuterRef("granted_at")
    )
    money = _money_field()
    return grants_in(scope).aggregate(
        total=Coalesce(Sum(_COMMITTED, output_field=money), Value(ZERO), output_field=money),
        first_time=Coalesce(
            Sum(_COMMITTED, filter=~Q(Exists(earlier)), output_field=money),
            Value(ZERO),
            output_field=money,
        ),
        recipients=Count("initiative", distinct=True),
    )


def money_per_recipient(scope: Scope) -> list[Decimal]:
    """What each receiving initiative got in all, largest first (for the share of the
    top 10 %)."""
    money = _money_field()
    return list(
        grants_in(scope)
        .values("initiative_id")
        .annotate(money=Sum(_COMMITTED, output_field=money))
        .order_by("-money")
        .values_list("money", flat=True)
    )


def applications(scope: Scope) -> dict:
    from .aggregates import Median

    decided = Application.objects.filter(
        scope.of_initiative("initiative__"),
        scope.of_scheme_year("scheme__"),
        decision_days__isnull=False,
    )
    money = _money_field()
    return decided.aggregate(
        decided=Count("pk"),
        granted=Count("pk", filter=Q(status=Application.Status.GRANTED)),
        within_term=Count("pk", filter=Q(decision_days__lte=F("scheme__decision_weeks") * 7)),
        median_days=Median("decision_days"),
        asked=Coalesce(
            Sum("amount", filter=Q(status=Application.Status.GRANTED)),
            Value(ZERO),
            output_field=money,
        ),
        given=Coalesce(Sum("grant__amount"), Value(ZERO), output_field=money),
    )


def reports(scope: Scope, today: datetime.date | None = None) -> dict:
    """Reports whose date has come: sent on time, sent late, still missing."""
    today = today or timezone.localdate()
    due = Report.objects.filter(
        scope.of_initiative("grant__initiative__"),
        scope.of_scheme_year("grant__scheme__"),
        due_on__lte=today,
    )
    sent = Q(submitted_at__isnull=False)
    return due.aggregate(
        due=Count("pk"),
        on_time=Count("pk", filter=sent & Q(submitted_at__date__lte=F("due_on"))),
        late=Count("pk", filter=sent & Q(submitted_at__date__gt=F("due_on"))),
        missing=Count("pk", filter=Q(submitted_at__isnull=True)),
        other_outcomes=Count("pk", filter=sent & ~Q(other_outcomes="")),
    )


def goal_outcomes(scope: Scope) -> dict[str, int]:
    rows = (
        GoalOutcome.objects.filter(
            scope.of_initiative("report__grant__initiative__"),
            scope.of_scheme_year("report__grant__scheme__"),
            report__submitted_at__isnull=False,
        )
        .values("result")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["result"]: row["count"] for row in rows}


def review_outcomes(scope: Scope) -> dict[str, int]:
    rows = (
        ReportReview.objects.filter(
            scope.of_initiative("report__grant__initiative__"),
            scope.of_scheme_year("report__grant__scheme__"),
        )
        .values("outcome")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return {row["outcome"]: row["count"] for row in rows}


# Budget and the lists to name things -----------------------------------------


def budget_split(scope: Scope) -> dict[tuple[int, str], Decimal]:
    lines = BudgetLine.objects.all()
    if scope.year is not None:
        lines = lines.filter(year=scope.year)
    rows = lines.values("year", "kind").annotate(amount=Sum("amount")).order_by()
    return {(row["year"], row["kind"]): row["amount"] for row in rows}


def neighbourhoods() -> list[Neighbourhood]:
    return list(Neighbourhood.objects.order_by("name"))


def themes() -> list[Theme]:
    return list(Theme.objects.order_by("name_nl"))


def years() -> list[int]:
    """The years the filter offers: from the first submission to this year."""
    first = (
        Initiative.objects.exclude(submitted_at__isnull=True)
        .order_by("submitted_at")
        .values_list("submitted_at", flat=True)
        .first()
    )
    this_year = timezone.localdate().year
    start = timezone.localtime(first).year if first else this_year
    return list(range(this_year, start - 1, -1))
