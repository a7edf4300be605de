import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from basisgegevens.models import Neighbourhood, Theme
from marktplein.filters import FilterSet

from .models import Initiative, Need, NeedKind
from .selectors import initiatives_matching


class InitiativeFilterForm(forms.Form):
    hide_optional = True  # every filter is optional; no need to say so


class InitiativeFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            (s, label) for s, label in Initiative.Status.choices if s in Initiative.PUBLIC_STATUSES
        ],
        empty_label=_("All"),
    )
    stage = django_filters.ChoiceFilter(
        label=_("Stage"), choices=Initiative.Stage.choices, empty_label=_("All")
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        field_name="themes",
        queryset=Theme.objects.order_by("name_nl"),
        empty_label=_("All"),
    )
    neighbourhood = django_filters.ModelChoiceFilter(
        label=_("Neighbourhood"),
        queryset=Neighbourhood.objects.order_by("name"),
        empty_label=_("All"),
    )
    need = django_filters.ChoiceFilter(
        label=_("Needs"), choices=NeedKind.choices, method="with_need", empty_label=_("All")
    )

    class Meta:
        model = Initiative
        fields = ["q", "status", "stage", "theme", "neighbourhood", "need"]
        form = InitiativeFilterForm

    def search(self, queryset, name, value):
        return initiatives_matching(queryset, value)

    def with_need(self, queryset, name, value):
        open_need = Need.objects.filter(initiative=OuterRef("pk"), kind=value).exclude(
            status__in=Need.CLOSED_STATUSES
        )
        return queryset.filter(Exists(open_need))
