import django_filters
from django.utils.translation import gettext_lazy as _

from marktplein.filters import FilterSet

from .models import Grant, SubsidyScheme


def _years():
    years = SubsidyScheme.objects.order_by("-year").values_list("year", flat=True).distinct()
    return [(year, str(year)) for year in years]


class RegisterFilter(FilterSet):
    year = django_filters.ChoiceFilter(
        label=_("Year"), choices=_years, empty_label=_("All"), method="in_year"
    )
    scheme = django_filters.ModelChoiceFilter(
        label=_("Scheme"),
        queryset=SubsidyScheme.objects.order_by("-year", "name"),
        empty_label=_("All"),
    )

    class Meta:
        model = Grant
        fields = ["year", "scheme"]

    def in_year(self, queryset, name, value):
        # The schemes of that year, as a short list of ids: the grants need no join.
        return queryset.filter(scheme__in=SubsidyScheme.objects.filter(year=value))
