"""The public subsidy register and its CSV."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils import timezone

from marktplein.csv_export import csv_response

from .. import selectors
from ..filters import RegisterFilter


def _register_filter(request):
    return RegisterFilter(request.GET or None, queryset=selectors.register())


@login_not_required
def register_view(request):
    register = _register_filter(request)
    page, grants = selectors.register_page(register.qs, request.GET.get("page"))
    return render(
        request,
        "subsidies/register.html",
        {"filter": register, "page": page, "grants": grants},
    )


REGISTER_HEADER = (
    "initiative",
    "scheme",
    "year",
    "requested",
    "granted",
    "settled",
    "status",
    "granted_on",
)


@login_not_required
def register_csv_view(request):
    grants = selectors.register_rows(_register_filter(request).qs)
    rows = (
        (
            grant.initiative_title,
            grant.scheme.name,
            grant.scheme.year,
            grant.requested or "",
            grant.amount,
            "" if grant.settled_amount is None else grant.settled_amount,
            grant.status,
            timezone.localtime(grant.granted_at).date().isoformat(),
        )
        for grant in grants.iterator(chunk_size=2000)
    )
    return csv_response("subsidieregister.csv", REGISTER_HEADER, rows)
