"""The alderman's dashboard, the public figures, their CSVs and the budget lines."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import municipal_view
from marktplein.csv_export import csv_response
from marktplein.forms import save_form

from . import services
from .charts import chart_for
from .figures import (
    FIGURE_KEYS,
    SECTIONS,
    csv_cell,
    figure_for,
    figures_for,
    is_precomputed,
)
from .filters import DashboardFilter
from .models import BudgetLine
from .permissions import DASHBOARD_ROLES, can_keep_budget


def _filter(request) -> DashboardFilter:
    return DashboardFilter(request.GET or None)


def _figures_page(request, *, public: bool):
    dashboard_filter = _filter(request)
    scope = dashboard_filter.scope()
    figures = figures_for(scope, public=public)
    sections = []
    for key, title in SECTIONS.items():
        shown = [(figure, chart_for(figure)) for figure in figures if figure.section == key]
        if shown:
            sections.append((key, title, shown))
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "filter": dashboard_filter,
            "sections": sections,
            "public": public,
            "can_keep_budget": not public and can_keep_budget(request.user),
            "computed_at": min(figure.computed_at for figure in figures),
            "precomputed": is_precomputed(scope),
            "refresh_minutes": settings.MARKTPLEIN_DASHBOARD_REFRESH_SECONDS // 60,
            "csv_url": "dashboard:public_csv" if public else "dashboard:figure_csv",
        },
        status=400 if dashboard_filter.form.errors else 200,
    )


def _figure_csv(request, key: str, *, public: bool):
    if key not in FIGURE_KEYS:
        raise Http404
    figure = figure_for(_filter(request).scope(), key, public=public)
    rows = (
        [csv_cell(value, figure.kind_of(number, index)) for index, value in enumerate(row)]
        for number, row in enumerate(figure.rows)
    )
    return csv_response(f"{key}.csv", [column.label for column in figure.columns], rows)


@municipal_view(*DASHBOARD_ROLES)
def dashboard_view(request):
    return _figures_page(request, public=False)


@municipal_view(*DASHBOARD_ROLES)
def figure_csv_view(request, key: str):
    return _figure_csv(request, key, public=False)


@login_not_required
def public_figures_view(request):
    return _figures_page(request, public=True)


@login_not_required
def public_figure_csv_view(request, key: str):
    return _figure_csv(request, key, public=True)


# Budget lines ------------------------------------------------------------------


def _budget_line_form_view(request, line: BudgetLine | None):
    from .forms import BudgetLineForm

    form = BudgetLineForm.for_line(line, request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.budget_line_save(
            data=services.BudgetLineData(**data), actor=request.user, line=line
        ),
    )
    if saved:
        messages.success(request, _("The budget line is saved."))
        return redirect("dashboard:budget_lines")
    lines = BudgetLine.objects.all() if line is None else None
    return render(
        request,
        "dashboard/budgetline_form.html",
        {"form": form, "line": line, "lines": lines},
        status=400 if form.errors else 200,
    )


@municipal_view(Role.ADMINISTRATOR)
def budget_lines_view(request):
    return _budget_line_form_view(request, None)


@municipal_view(Role.ADMINISTRATOR)
def budget_line_edit_view(request, pk: int):
    return _budget_line_form_view(request, get_object_or_404(BudgetLine, pk=pk))


@require_POST
@municipal_view(Role.ADMINISTRATOR)
def budget_line_delete_view(request, pk: int):
    line = get_object_or_404(BudgetLine, pk=pk)
    services.budget_line_delete(line=line, actor=request.user)
    messages.success(request, _("The budget line is deleted."))
    return redirect("dashboard:budget_lines")
