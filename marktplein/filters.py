"""The filter set every list filter builds on (django-filter)."""

import copy

import django_filters
from django.http import QueryDict


class FilterSet(django_filters.FilterSet):
    """django-filter's filter set, with its filters copied for a request without
    `copy.deepcopy`.

    django-filter deep-copies each filter of the class for every request, with its
    choices, query set and lazy labels: for the initiative list's six filters more
    Python than filtering the list itself. A filter keeps only this of a request:
    its filter set (`parent`), its model, the form field it makes (`_field`) and
    the query set it puts in `extra`. So a shallow copy with its own `extra`, no
    field yet, and its method bound to the copy is a copy of its own.

    `__init__` does what `BaseFilterSet.__init__` of django-filter 26.2 does, but
    for the copy; when django-filter is upgraded, compare the two
    (`tests/marktplein/test_filters.py` checks the behaviour).
    """

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {
            name: self._copy(base, queryset.model) for name, base in self.base_filters.items()
        }

    def _copy(self, base, model):
        copied = copy.copy(base)
        copied.__dict__.pop("_field", None)
        copied.extra = base.extra.copy()
        copied.method = base.method  # a method filter now calls this copy's parent
        copied.model = model
        copied.parent = self
        return copied
