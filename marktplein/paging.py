"""Pages that stay fast at any size: a count that stops at a cap."""

from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import QuerySet


class CappedPaginator(Paginator):
    """Counts at most `cap` rows (`SELECT COUNT(*) FROM (… LIMIT cap + 1)`), so a long
    list is not counted to its end on every page; past the cap the page says "more
    than". The pages beyond the cap are not offered."""

    def __init__(self, object_list, per_page, *, cap: int, counted_from=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.queryset = object_list if counted_from is None else counted_from
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


def page_of_ids(
    queryset: QuerySet, number, *, per_page: int, load, cap: int | None = None, ordered_ids=None
):
    """One page and its rows, ids first: the page's ids come from the list's own order
    (a deep page skips index entries, not joined rows and annotations), or from
    `ordered_ids` (anything that slices into ids) when that order has a faster way;
    then `load(ids)` fetches only those rows, returned in the page's order."""
    ids_query = queryset.values_list("pk", flat=True) if ordered_ids is None else ordered_ids
    paginator = (
        CappedPaginator(ids_query, per_page, cap=cap, counted_from=queryset.values_list("pk"))
        if cap is not None
        else Paginator(ids_query, per_page)
    )
    page = paginator.get_page(number)
    ids = list(page.object_list)
    by_id = {row.pk: row for row in load(ids)}
    return page, [by_id[pk] for pk in ids if pk in by_id]
