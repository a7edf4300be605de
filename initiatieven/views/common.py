"""What the initiative views share: fetching through the scope, refusing."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .. import selectors
from ..models import Initiative


def _initiative_for(request, pk: int, *, detail: bool = False) -> Initiative:
    """Through the visibility scope: what you may not see is a 404."""
    queryset = (
        selectors.initiative_for_detail(request.user, pk)
        if detail
        else selectors.initiatives_visible_to(request.user).filter(pk=pk)
    )
    return get_object_or_404(queryset)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
