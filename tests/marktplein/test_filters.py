"""The filter set every list builds on: filters copied per request without deepcopy,
each copy its own."""

import django_filters
import pytest
from django.http import QueryDict
from django.test import RequestFactory

from basisgegevens.models import Neighbourhood
from initiatieven.filters import InitiativeFilter
from initiatieven.models import Initiative
from marktplein.filters import FilterSet
from tests.factories import InitiativeFactory, NeighbourhoodFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_request_shares_the_classes_choices_instead_of_copying_them():
    base = InitiativeFilter.base_filters
    filters = InitiativeFilter(None).filters
    assert list(filters) == list(base)
    for name, copied in filters.items():
        assert copied is not base[name]
    # What no request changes is shared, not deep-copied for every request.
    assert filters["status"].extra["choices"] is base["status"].extra["choices"]
    assert filters["neighbourhood"].queryset is base["neighbourhood"].queryset


def test_each_request_has_filters_of_its_own():
    base_field = InitiativeFilter.base_filters["q"].field  # made once on the class
    first, second = InitiativeFilter(None), InitiativeFilter(QueryDict("q=tuin"))
    for filterset in (first, second):
        for name, copied in filterset.filters.items():
            assert copied.parent is filterset
            assert copied.model is Initiative
            assert copied.extra is not InitiativeFilter.base_filters[name].extra
    assert first.filters["q"].field is not second.filters["q"].field
    assert first.filters["q"].field is not base_field
    assert not hasattr(InitiativeFilter.base_filters["q"], "parent")


def test_a_method_filter_calls_its_own_filter_set():
    InitiativeFactory(title="Moestuin aan de haven")
    InitiativeFactory(title="Buurtkast")
    filterset = InitiativeFilter(QueryDict("q=moestuin"), queryset=Initiative.objects.all())
    assert [i.title for i in filterset.qs] == ["Moestuin aan de haven"]


def test_a_query_set_made_for_one_request_stays_with_it():
    """A filter's query set may depend on the request (django-filter calls it with the
    request): the class keeps none of them, and each form gets its own."""
    own, other = NeighbourhoodFactory(name="Eigen"), NeighbourhoodFactory(name="Ander")
    first_user, second_user = UserFactory(), UserFactory()
    chosen = {first_user.pk: own.pk, second_user.pk: other.pk}

    def neighbourhoods(request):
        return Neighbourhood.objects.filter(pk=chosen[request.user.pk])

    class PerPerson(FilterSet):
        neighbourhood = django_filters.ModelChoiceFilter(queryset=neighbourhoods)

        class Meta:
            model = Initiative
            fields = ["neighbourhood"]

    def form_for(user):
        request = RequestFactory().get("/")
        request.user = user
        return PerPerson(None, request=request).form

    first, second = form_for(first_user), form_for(second_user)
    assert [n.name for n in first.fields["neighbourhood"].queryset] == ["Eigen"]
    assert [n.name for n in second.fields["neighbourhood"].queryset] == ["Ander"]
    assert PerPerson.base_filters["neighbourhood"].extra["queryset"] is neighbourhoods
