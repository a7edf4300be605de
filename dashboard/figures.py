"""What the dashboard shows: each figure as a table, a sentence that says what it
means, and (where a picture helps) the column to draw as bars.

Figures are built from `selectors` (one query each) and hold raw values; the
template and the CSV format them. On the public page, a row about fewer than
five initiatives or people is replaced by "fewer than 5" (`suppress_small`).
"""

import datetime
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache as once

from django.conf import settings
from django.core.cache import cache
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatieven.models import Initiative, Need
from marktplein.money import format_money
from subsidies.models import GoalOutcome, ReportReview

from . import selectors
from .models import BudgetLine
from .selectors import RESPONSE_TARGET_DAYS, Scope

# Public figures never say anything about fewer people or initiatives than this.
SMALLEST_GROUP = 5
# What a cell shows when there is nothing to divide by, or no population figure.
NOTHING = "\u2013"


class Suppressed:
    """A value left out because it is about fewer than SMALLEST_GROUP."""

    def __str__(self) -> str:
        return _("fewer than %(n)s") % {"n": SMALLEST_GROUP}


SUPPRESSED = Suppressed()


@dataclass
class Column:
    label: str
    kind: str = "count"  # text, count, people, percent, money, days, rate; mixed: per row
    # Public figures leave this column out in a row about too few (not so for residents).
    suppressible: bool = True


@dataclass
class Figure:
    key: str
    section: str
    title: str
    meaning: str
    columns: list[Column]
    rows: list[list]
    # The column drawn as bars (labelled by the first column); None: a table only.
    chart: int | None = None
    # The column that counts the initiatives or people behind a row.
    basis: int | None = None
    # For a table of key figures (columns: label, value): each row's kind, and how
    # many initiatives the table is about.
    row_kinds: list[str] | None = None
    group_size: int | None = None
    computed_at: datetime.datetime = field(default_factory=timezone.now)

    def formatted_rows(self) -> list[list[tuple[str, str]]]:
        """Each cell as it reads on the page, with its kind (for alignment)."""
        return [
            [
                (format_cell(value, self.kind_of(number, index)), self.kind_of(number, index))
                for index, value in enumerate(row)
            ]
            for number, row in enumerate(self.rows)
        ]

    def kind_of(self, row: int, column: int) -> str:
        kind = self.columns[column].kind
        return self.row_kinds[row] if kind == "mixed" and self.row_kinds else kind


SECTIONS = {
    "initiatives": gettext_lazy("Initiatives"),
    "response": gettext_lazy("How fast the municipality answers"),
    "advice": gettext_lazy("Advice from civil servants"),
    "needs": gettext_lazy("What initiatives ask for"),
    "subsidies": gettext_lazy("Subsidies"),
    "fairness": gettext_lazy("Fairness across neighbourhoods"),
    "budget": gettext_lazy("The municipal budget"),
}


def share(part, whole) -> float | None:
    """Percentage with one decimal, or None when there is nothing to divide by."""
    if not whole:
        return None
    return round(100 * float(part) / float(whole), 1)


def per_thousand(value, population) -> float | None:
    if not population or value is None:
        return None
    return round(1000 * float(value) / population, 2)


def money_per_thousand(value, population) -> Decimal | None:
    if not population or value is None:
        return None
    return (Decimal(value) * 1000 / population).quantize(Decimal("0.01"))


def _number(value) -> str:
    if value is None:
        return NOTHING
    return formats.number_format(value, decimal_pos=1, use_l10n=True, force_grouping=True)


def _percent(value) -> str:
    return NOTHING if value is None else f"{_number(value)}\u00a0%"


# Initiatives -----------------------------------------------------------------


def _counted(key, title, meaning, label, counts, names) -> Figure:
    rows = [[names.get(value, value), count] for value, count in counts]
    return Figure(
        key=key,
        section="initiatives",
        title=title,
        meaning=meaning,
        columns=[Column(label, "text"), Column(_("Initiatives"))],
        rows=rows,
        chart=1,
        basis=1,
    )


def initiatives_by_status(scope: Scope) -> Figure:
    counts = selectors.initiatives_counted_by(scope, "status")
    names = dict(Initiative.Status.choices)
    total = sum(counts.values())
    return _counted(
        "initiatives-by-status",
        _("Initiatives by status"),
        _("%(total)s initiatives were sent to the municipality; %(active)s of them are active.")
        % {"total": total, "active": counts.get(Initiative.Status.ACTIVE, 0)},
        _("Status"),
        [(status, counts.get(status, 0)) for status in Initiative.PUBLIC_STATUSES],
        names,
    )


def initiatives_by_stage(scope: Scope) -> Figure:
    counts = selectors.initiatives_counted_by(scope, "stage")
    stages = Initiative.Stage.values
    most = max(stages, key=lambda stage: counts.get(stage, 0))
    return _counted(
        "initiatives-by-stage",
        _("Initiatives by stage"),
        _("Most initiatives are in the stage “%(stage)s”.")
        % {"stage": Initiative.Stage(most).label}
        if counts
        else _("There are no initiatives yet."),
        _("Stage"),
        [(stage, counts.get(stage, 0)) for stage in stages],
        dict(Initiative.Stage.choices),
    )


def initiatives_by_theme(scope: Scope, themes) -> Figure:
    counts = selectors.initiatives_counted_by(scope, "themes")
    rows = sorted(((theme.name, counts.get(theme.pk, 0)) for theme in themes), key=_by_count)
    if counts.get(None):
        rows.append((_("No theme"), counts[None]))
    figure = _counted(
        "initiatives-by-theme",
        _("Initiatives by theme"),
        (
            _(
                "Most initiatives are about “%(theme)s”. An initiative can have more than one theme."
            )
            % {"theme": rows[0][0]}
            if rows and rows[0][1]
            else _("There are no initiatives yet.")
        ),
        _("Theme"),
        rows,
        {},
    )
    return figure


def _by_count(row) -> tuple:
    return (-row[1], str(row[0]))


def initiatives_per_month(scope: Scope) -> Figure:
    counts = selectors.initiatives_per_month(scope)
    months = _months(scope, counts)
    rows = [[formats.date_format(month, "F Y"), counts.get(month, 0)] for month in months]
    total = sum(row[1] for row in rows)
    return Figure(
        key="initiatives-per-month",
        section="initiatives",
        title=_("New initiatives per month"),
        meaning=_("In these %(months)s months, %(total)s initiatives were sent.")
        % {"months": len(rows), "total": total},
        columns=[Column(_("Month"), "text"), Column(_("New initiatives"))],
        rows=rows,
        chart=1,
        basis=1,
    )


def _months(scope: Scope, counts) -> list[datetime.date]:
    """The twelve months of the chosen year, or the last twelve months."""
    if scope.year is not None:
        return [datetime.date(scope.year, month, 1) for month in range(1, 13)]
    this_month = timezone.localdate().replace(day=1)
    months = []
    for back in range(11, -1, -1):
        year, month = divmod(this_month.year * 12 + this_month.month - 1 - back, 12)
        months.append(datetime.date(year, month + 1, 1))
    return months


# Response ----------------------------------------------------------------------


def response_time(scope: Scope) -> Figure:
    data = selectors.response_time(scope)
    within = share(data["within_target"], data["answered"])
    rows = [
        [_("Initiatives answered"), data["answered"], "count"],
        [_("Median working days to the first answer"), data["median_days"], "days"],
        [
            _("Answered within %(days)s working days") % {"days": RESPONSE_TARGET_DAYS},
            within,
            "percent",
        ],
        [_("Still waiting for a first answer"), data["waiting"], "count"],
    ]
    if data["answered"]:
        meaning = _(
            "Half of the initiatives got a first answer within %(median)s working days; "
            "%(within)s were answered within the target of %(days)s working days."
        ) % {
            "median": _number(data["median_days"]),
            "within": _percent(within),
            "days": RESPONSE_TARGET_DAYS,
        }
    else:
        meaning = _("No initiative has had a first answer yet.")
    return _key_figures(
        "response-time", "response", _("Response time"), meaning, rows, basis=data["answered"]
    )


def _key_figures(key, section, title, meaning, rows, *, basis: int | None) -> Figure:
    """A figure of a few separate numbers: rows of label, value and the value's kind."""
    return Figure(
        key=key,
        section=section,
        title=title,
        meaning=meaning,
        columns=[Column(_("Figure"), "text"), Column(_("Value"), "mixed")],
        rows=[[label, value] for label, value, _kind in rows],
        row_kinds=[kind for _label, _value, kind in rows],
        group_size=basis,
    )


def response_by_neighbourhood(scope: Scope, neighbourhoods) -> Figure:
    data = selectors.initiatives_by_neighbourhood(scope)
    rows = []
    for place in neighbourhoods:
        row = data.get(place.pk)
        if not row:
            continue
        rows.append(
            [
                place.name,
                row["answered"],
                row["median_days"],
                share(row["within_target"], row["answered"]),
            ]
        )
    answered = [row for row in rows if row[2] is not None]
    if answered:
        slowest = max(answered, key=lambda row: (row[2], row[0]))
        meaning = _(
            "Initiatives in %(place)s waited longest for a first answer: half of them "
            "%(median)s working days or more."
        ) % {"place": slowest[0], "median": _number(slowest[2])}
    else:
        meaning = _("No initiative has had a first answer yet.")
    return Figure(
        key="response-by-neighbourhood",
        section="response",
        title=_("Response time by neighbourhood"),
        meaning=meaning,
        columns=[
            Column(_("Neighbourhood"), "text"),
            Column(_("Answered")),
            Column(_("Median working days"), "days"),
            Column(_("Within %(days)s working days") % {"days": RESPONSE_TARGET_DAYS}, "percent"),
        ],
        rows=rows,
        chart=2,
        basis=1,
    )


# Advice ------------------------------------------------------------------------


def advisory_coverage(scope: Scope, open_expertise: int) -> Figure:
    coverage = selectors.advisory_coverage(scope)
    hours = selectors.advisory_hours(scope)
    covered = share(coverage["with_advisor"], coverage["ongoing"])
    rows = [
        [_("Initiatives under way"), coverage["ongoing"], "count"],
        [_("Of those, with an advisor"), coverage["with_advisor"], "count"],
        [_("Share with an advisor"), covered, "percent"],
        [_("Open questions for expertise"), open_expertise, "count"],
        [_("Advisor hours a month"), hours["hours"], "count"],
        [_("Civil servants lending their expertise"), hours["advisors"], "people"],
    ]
    meaning = (
        _("%(share)s of the initiatives under way have a civil servant as advisor.")
        % {"share": _percent(covered)}
        if coverage["ongoing"]
        else _("No initiative is under way.")
    )
    return _key_figures(
        "advisory-coverage", "advice", _("Advisory coverage"), meaning, rows, basis=None
    )


# Needs -------------------------------------------------------------------------


def needs_by_status(data: dict) -> Figure:
    names = dict(Need.Status.choices)
    rows = [[names[status], data[f"status_{status}"]] for status in Need.Status.values]
    met = data["status_met"]
    return Figure(
        key="needs-by-status",
        section="needs",
        title=_("Needs by status"),
        meaning=(
            _("%(share)s of what initiatives asked for was met.")
            % {"share": _percent(share(met, data["total"]))}
            if data["total"]
            else _("No initiative has asked for anything yet.")
        ),
        columns=[Column(_("Status"), "text"), Column(_("Needs"))],
        rows=rows,
        chart=1,
    )


def needs_met_by(data: dict) -> Figure:
    names = dict(Need.MetBy.choices)
    rows = [[names[who], data[f"met_by_{who}"]] for who in Need.MetBy.values]
    leading = max(rows, key=lambda row: row[1])
    return Figure(
        key="needs-met-by",
        section="needs",
        title=_("Who met the needs"),
        meaning=(
            _("Most needs that were met, were met by %(who)s.") % {"who": leading[0]}
            if leading[1]
            else _("No need has been met yet.")
        ),
        columns=[Column(_("Met by"), "text"), Column(_("Needs"))],
        rows=rows,
        chart=1,
    )


# Subsidies ---------------------------------------------------------------------


def money_by_scheme(scope: Scope) -> Figure:
    money = selectors.money_by_scheme(scope)
    rows = []
    for scheme in selectors.schemes_in(scope):
        row = money.get(scheme.pk, {})
        committed = row.get("committed_total") or Decimal("0")
        rows.append(
            [
                str(scheme),
                row.get("grants", 0),
                scheme.budget,
                row.get("granted") or Decimal("0"),
                row.get("settled") or Decimal("0"),
                row.get("reclaimed") or Decimal("0"),
                share(committed, scheme.budget),
            ]
        )
    fullest = max(rows, key=lambda row: row[6] or 0, default=None)
    return Figure(
        key="money-by-scheme",
        section="subsidies",
        title=_("Subsidies granted against each scheme's budget"),
        meaning=(
            _("%(scheme)s has used the largest part of its budget: %(share)s.")
            % {"scheme": fullest[0], "share": _percent(fullest[6])}
            if fullest and fullest[6]
            else _("No subsidy has been granted yet.")
        ),
        columns=[
            Column(_("Scheme"), "text"),
            Column(_("Grants")),
            Column(_("Budget"), "money", suppressible=False),
            Column(_("Granted"), "money"),
            Column(_("Settled"), "money"),
            Column(_("Paid back"), "money"),
            Column(_("Budget used"), "percent"),
        ],
        rows=rows,
        chart=6,
        basis=1,
    )


def applications(scope: Scope) -> Figure:
    data = selectors.applications(scope)
    within = share(data["within_term"], data["decided"])
    rows = [
        [_("Applications decided"), data["decided"], "count"],
        [_("Of those, granted"), data["granted"], "count"],
        [_("Decided within the term"), within, "percent"],
        [_("Median days to a decision"), data["median_days"], "days"],
        [_("Asked in granted applications"), data["asked"], "money"],
        [_("Granted in those applications"), data["given"], "money"],
        [_("Granted of what was asked"), share(data["given"], data["asked"]), "percent"],
    ]
    meaning = (
        _("%(within)s of the applications were decided within the scheme's term.")
        % {"within": _percent(within)}
        if data["decided"]
        else _("No application has been decided yet.")
    )
    return _key_figures(
        "applications", "subsidies", _("Applications"), meaning, rows, basis=data["decided"]
    )


def reports(scope: Scope) -> Figure:
    data = selectors.reports(scope)
    on_time = share(data["on_time"], data["due"])
    rows = [
        [_("Reports due"), data["due"], "count"],
        [_("Sent on time"), data["on_time"], "count"],
        [_("Sent late"), data["late"], "count"],
        [_("Not sent yet"), data["missing"], "count"],
        [_("Share sent on time"), on_time, "percent"],
        [_("Reports with other outcomes than the goals"), data["other_outcomes"], "count"],
    ]
    meaning = (
        _("%(share)s of the reports that were due came in on time.") % {"share": _percent(on_time)}
        if data["due"]
        else _("No report is due yet.")
    )
    return _key_figures("reports", "subsidies", _("Reports"), meaning, rows, basis=data["due"])


def _choice_counts(key, title, columns, counts, choices, *, lead, sentence, empty) -> Figure:
    """Counts per choice of a model's TextChoices, every choice a row; the sentence
    gives the share of the `lead` choice."""
    total = sum(counts.values())
    return Figure(
        key=key,
        section="subsidies",
        title=title,
        meaning=sentence % {"share": _percent(share(counts.get(lead, 0), total))}
        if total
        else empty,
        columns=[Column(columns[0], "text"), Column(columns[1])],
        rows=[[label, counts.get(value, 0)] for value, label in choices],
        chart=1,
    )


def goal_outcomes(scope: Scope) -> Figure:
    return _choice_counts(
        "goal-outcomes",
        _("Goals in the reports"),
        (_("Result"), _("Goals")),
        selectors.goal_outcomes(scope),
        GoalOutcome.Result.choices,
        lead=GoalOutcome.Result.ACHIEVED,
        sentence=_("%(share)s of the goals reported on were achieved."),
        empty=_("No goal has been reported on yet."),
    )


def review_outcomes(scope: Scope) -> Figure:
    return _choice_counts(
        "review-outcomes",
        _("How reports were reviewed"),
        (_("Outcome"), _("Reviews")),
        selectors.review_outcomes(scope),
        ReportReview.Outcome.choices,
        lead=ReportReview.Outcome.ACCEPTED,
        sentence=_("%(share)s of the reviews accepted the report as it was."),
        empty=_("No report has been reviewed yet."),
    )


# Fairness ----------------------------------------------------------------------


def fairness_by_neighbourhood(scope: Scope, neighbourhoods) -> Figure:
    initiatives = selectors.initiatives_by_neighbourhood(scope)
    hours = selectors.advisory_hours_by_neighbourhood(scope)
    money = selectors.money_by_neighbourhood(scope)
    rows = []
    for place in neighbourhoods:
        if scope.neighbourhood_id is not None and place.pk != scope.neighbourhood_id:
            continue
        count = initiatives.get(place.pk, {}).get("initiatives", 0)
        place_hours = hours.get(place.pk, {}).get("hours") or 0
        place_money = money.get(place.pk, {}).get("money") or Decimal("0")
        rows.append(
            [
                place.name,
                place.population or None,
                count,
                per_thousand(count, place.population),
                per_thousand(place_hours, place.population),
                money_per_thousand(place_money, place.population),
            ]
        )
    return Figure(
        key="fairness-by-neighbourhood",
        section="fairness",
        title=_("Initiatives, advice and money per 1,000 residents"),
        meaning=_furthest_behind(rows),
        columns=[
            Column(_("Neighbourhood"), "text"),
            Column(_("Residents"), suppressible=False),
            Column(_("Initiatives")),
            Column(_("Initiatives per 1,000 residents"), "rate"),
            Column(_("Advisor hours a month per 1,000 residents"), "rate"),
            Column(_("Subsidy per 1,000 residents"), "money"),
        ],
        rows=rows,
        chart=3,
        basis=2,
    )


def _furthest_behind(rows) -> str:
    """Name the neighbourhoods with the fewest initiatives and the least money per
    1,000 residents."""
    known = [row for row in rows if row[3] is not None]
    if not known or not any(row[3] for row in known):
        return _("There are no initiatives to compare between neighbourhoods yet.")
    behind = min(known, key=lambda row: (row[3], row[0]))
    ahead = max(known, key=lambda row: (row[3], row[0]))
    sentence = _(
        "%(behind)s is furthest behind: %(rate)s initiatives per 1,000 residents, "
        "against %(most)s in %(ahead)s."
    ) % {
        "behind": behind[0],
        "rate": _number(behind[3]),
        "most": _number(ahead[3]),
        "ahead": ahead[0],
    }
    poorest = min(known, key=lambda row: (row[5], row[0]))
    if any(row[5] for row in known):
        sentence += " " + _(
            "%(place)s received the least subsidy: %(money)s per 1,000 residents."
        ) % {"place": poorest[0], "money": format_money(poorest[5])}
    return sentence


def money_spread(scope: Scope) -> Figure:
    data = selectors.money_spread(scope)
    per_recipient = selectors.money_per_recipient(scope)
    top = math.ceil(len(per_recipient) / 10)
    top_share = share(sum(per_recipient[:top], Decimal("0")), data["total"])
    first_share = share(data["first_time"], data["total"])
    rows = [
        [_("Subsidy given"), data["total"], "money"],
        [_("Initiatives that received money"), data["recipients"], "count"],
        [_("Share to initiatives receiving for the first time"), first_share, "percent"],
        [_("Share to the tenth of recipients that got most"), top_share, "percent"],
    ]
    meaning = (
        _(
            "%(first)s of the money went to initiatives that got a subsidy for the first "
            "time; the 10 %% that received most got %(top)s."
        )
        % {"first": _percent(first_share), "top": _percent(top_share)}
        if data["recipients"]
        else _("No subsidy has been granted yet.")
    )
    return _key_figures(
        "money-spread",
        "fairness",
        _("How the money is spread"),
        meaning,
        rows,
        basis=data["recipients"],
    )


# Budget ------------------------------------------------------------------------


def budget_split(scope: Scope) -> Figure:
    amounts = selectors.budget_split(scope)
    names = dict(BudgetLine.Kind.choices)
    rows = []
    years = sorted({year for year, _kind in amounts}, reverse=True)
    for year in years:
        total = sum(amount for (y, _kind), amount in amounts.items() if y == year)
        for kind in BudgetLine.Kind.values:
            amount = amounts.get((year, kind), Decimal("0"))
            rows.append([f"{year}: {names[kind]}", amount, share(amount, total)])
    if years:
        latest_total = sum(amount for (y, _kind), amount in amounts.items() if y == years[0])
        influenceable = amounts.get((years[0], BudgetLine.Kind.INFLUENCEABLE), Decimal("0"))
        meaning = _("In %(year)s, %(share)s of the budget is open to influence by society.") % {
            "year": years[0],
            "share": _percent(share(influenceable, latest_total)),
        }
    else:
        meaning = _("No budget lines have been entered yet.")
    return Figure(
        key="budget-split",
        section="budget",
        title=_("The budget in three parts"),
        meaning=meaning,
        columns=[
            Column(_("Year and part"), "text"),
            Column(_("Amount"), "money"),
            Column(_("Share of the year's budget"), "percent"),
        ],
        rows=rows,
        chart=2,
    )


# All of them -------------------------------------------------------------------


def _builders(scope: Scope) -> dict[str, Callable[[], Figure]]:
    """Every figure by its key, in the page's order; what several figures share is
    read once."""
    neighbourhoods = once(selectors.neighbourhoods)
    themes = once(selectors.themes)
    needs = once(lambda: selectors.needs(scope))
    return {
        "initiatives-by-status": lambda: initiatives_by_status(scope),
        "initiatives-by-stage": lambda: initiatives_by_stage(scope),
        "initiatives-by-theme": lambda: initiatives_by_theme(scope, themes()),
        "initiatives-per-month": lambda: initiatives_per_month(scope),
        "response-time": lambda: response_time(scope),
        "response-by-neighbourhood": lambda: response_by_neighbourhood(scope, neighbourhoods()),
        "advisory-coverage": lambda: advisory_coverage(scope, needs()["open_expertise"]),
        "needs-by-status": lambda: needs_by_status(needs()),
        "needs-met-by": lambda: needs_met_by(needs()),
        "money-by-scheme": lambda: money_by_scheme(scope),
        "applications": lambda: applications(scope),
        "reports": lambda: reports(scope),
        "goal-outcomes": lambda: goal_outcomes(scope),
        "review-outcomes": lambda: review_outcomes(scope),
        "fairness-by-neighbourhood": lambda: fairness_by_neighbourhood(scope, neighbourhoods()),
        "money-spread": lambda: money_spread(scope),
        "budget-split": lambda: budget_split(scope),
    }


FIGURE_KEYS = tuple(_builders(Scope()))


def _build_all(scope: Scope) -> list[Figure]:
    return [build() for build in _builders(scope).values()]


def _precomputed_key(language: str) -> str:
    return f"dashboard:figures:v1:{language}"


def figures_refresh() -> int:
    """Compute the unfiltered figures in every language and keep them in the cache, for
    the pages and the API to read (Celery beat runs this; ADR 10). At full scale the
    unfiltered figures take most of a second to compute; a page should not wait."""
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            figures = _build_all(Scope())
        cache.set(
            _precomputed_key(language),
            figures,
            timeout=settings.MARKTPLEIN_DASHBOARD_REFRESH_SECONDS * 3,
        )
    return len(settings.LANGUAGES)


def _unfiltered() -> list[Figure]:
    """The precomputed figures; computed now (and kept) when the cache has none."""
    key = _precomputed_key(translation.get_language() or settings.LANGUAGE_CODE)
    figures = cache.get(key)
    if figures is None:
        figures = _build_all(Scope())
        cache.set(key, figures, timeout=settings.MARKTPLEIN_DASHBOARD_REFRESH_SECONDS * 3)
    return figures


def is_precomputed(scope: Scope) -> bool:
    return scope == Scope() and settings.MARKTPLEIN_DASHBOARD_PRECOMPUTE


def figures_for(scope: Scope, *, public: bool) -> list[Figure]:
    """Every figure; the public version leaves out what is about too few. Without a
    filter they come precomputed; a filtered view is computed as it is asked for."""
    figures = _unfiltered() if is_precomputed(scope) else _build_all(scope)
    return [suppress_small(figure) for figure in figures] if public else figures


def figure_for(scope: Scope, key: str, *, public: bool) -> Figure:
    if is_precomputed(scope):
        figure = next(figure for figure in _unfiltered() if figure.key == key)
    else:
        figure = _builders(scope)[key]()
    return suppress_small(figure) if public else figure


def _few(value) -> bool:
    return isinstance(value, int) and 0 < value < SMALLEST_GROUP


def suppress_small(figure: Figure) -> Figure:
    """The public version: no number about fewer than SMALLEST_GROUP initiatives or
    people. Left out are: a count of 1 to 4; every number in a row whose basis column
    counts 1 to 4; every number of a table of key figures about 1 to 4 initiatives."""
    small_table = _few(figure.group_size)
    rows = []
    for number, row in enumerate(figure.rows):
        small_row = small_table or (figure.basis is not None and _few(row[figure.basis]))
        public_row = list(row)
        for index, value in enumerate(row):
            column = figure.columns[index]
            kind = figure.kind_of(number, index)
            if kind == "text" or not column.suppressible:
                continue
            if small_row or (kind in ("count", "people") and _few(value)):
                public_row[index] = SUPPRESSED
        rows.append(public_row)
    public = replace(figure, rows=rows)
    if any(SUPPRESSED in row for row in rows):
        # The sentence was written from every number, the left-out ones too: it goes.
        public.meaning = _(
            "Numbers about fewer than %(n)s initiatives or people are not shown."
        ) % {"n": SMALLEST_GROUP}
    return public


def format_cell(value, kind: str) -> str:
    """How a cell reads on the page."""
    if isinstance(value, Suppressed):
        return str(value)
    if value is None:
        return NOTHING
    if kind == "text":
        return str(value)
    if kind == "money":
        return format_money(value)
    if kind == "percent":
        return _percent(value)
    if kind in ("days", "rate"):
        return _number(value)
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def csv_cell(value, kind: str):
    """How a cell reads in the CSV: plain numbers with a point, "<5" when left out."""
    if isinstance(value, Suppressed):
        return f"<{SMALLEST_GROUP}"
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value
