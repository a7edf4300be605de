"""Pages that stay fast at any size: a count that stops at a cap."""

from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import QuerySet


class CappedPaginator(Paginator):
    """Counts at most `cap` rows (`SELECT COUNT(*) FROM (… LIMIT cap + 1)`), so a long
    list is not counted to its end on every page; past the cap the page says "more
    than". The pages beyond the cap are not offered."""

    def __init__(self, object_list: QuerySet, per_page, *, cap: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.queryset = object_list
        self.cap = cap

    @cached_property
    def counted(self) -> int:
        # The order does not change a count: without it, a search need not rank every
        # match just to count them.
        return self.queryset.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def is_capped(self) -> bool:
        return self.counted > self.cap
