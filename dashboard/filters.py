"""The dashboard's filters: period, neighbourhood and theme (django-filter)."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from basisgegevens.models import Neighbourhood, Theme
from initiatieven.models import Initiative
from marktplein.filters import FilterSet

from .selectors import Scope

FIRST_YEAR = 2015


def _years():
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year, FIRST_YEAR - 1, -1)]


class DashboardFilter(FilterSet):
    """Filters the initiatives; `scope()` hands the same choices to every figure."""

    year = django_filters.ChoiceFilter(
        label=_("Year"),
        choices=_years,
        empty_label=_("All years"),
        method="filter_year",
        error_messages={"invalid_choice": _("Choose a year from the list.")},
    )
    neighbourhood = django_filters.ModelChoiceFilter(
        label=_("Neighbourhood"),
        queryset=Neighbourhood.objects.order_by("name"),
        empty_label=_("All neighbourhoods"),
        error_messages={"invalid_choice": _("Choose a neighbourhood from the list.")},
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        field_name="themes",
        queryset=Theme.objects.order_by("name_nl"),
        empty_label=_("All themes"),
        error_messages={"invalid_choice": _("Choose a theme from the list.")},
    )

    class Meta:
        model = Initiative
        fields = ["year", "neighbourhood", "theme"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(submitted_at__year=value)

    def scope(self) -> Scope:
        """The chosen filters; what is invalid counts as not chosen (the form says so)."""
        form: forms.Form = self.form
        if not form.is_valid():
            return Scope()
        data = form.cleaned_data
        return Scope(
            year=int(data["year"]) if data.get("year") else None,
            neighbourhood_id=data["neighbourhood"].pk if data.get("neighbourhood") else None,
            theme_id=data["theme"].pk if data.get("theme") else None,
        )
