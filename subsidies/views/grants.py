"""A grant's page, settling it, and deciding on a proposed reclaim."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import municipal_view, second_factor_if_municipal
from initiatieven import permissions as initiative_permissions

from .. import permissions, selectors, services
from ..forms import (
    ReclaimDecisionForm,
    SettleForm,
)
from ..models import Grant
from ..timeline import timeline_entries


def _grant_for(request, pk: int) -> Grant:
    return get_object_or_404(selectors.grant_for_page(request.user, pk))


@second_factor_if_municipal
def grant_view(request, pk: int):
    grant = _grant_for(request, pk)
    user = request.user
    can_settle = permissions.can_settle(user, grant)
    return render(
        request,
        "subsidies/grant_detail.html",
        {
            "grant": grant,
            "initiative": grant.initiative,
            "is_lead": initiative_permissions.is_lead(user, grant.initiative),
            "is_grant_officer": permissions.is_grant_officer(user),
            "can_settle": can_settle,
            "settle_form": SettleForm(initial={"amount": services.suggested_settlement(grant)})
            if can_settle
            else None,
            "final_accepted": services.final_report_accepted(grant) if can_settle else False,
            "can_decide_reclaim": permissions.can_decide_reclaim(user, grant),
            "reclaim_form": ReclaimDecisionForm(),
            "timeline": timeline_entries(selectors.grant_timeline(grant)),
            "today": timezone.localdate(),
        },
    )


@require_POST
@municipal_view(Role.GRANT_OFFICER)
def grant_settle_view(request, pk: int):
    grant = _grant_for(request, pk)
    if not permissions.can_settle(request.user, grant):
        raise PermissionDenied
    form = SettleForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(grant)
    try:
        services.grant_settle(grant=grant, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The grant is settled. The group is told."))
    return redirect(grant)


@require_POST
@municipal_view(Role.GRANT_OFFICER)
def grant_reclaim_view(request, pk: int):
    grant = _grant_for(request, pk)
    if not permissions.can_decide_reclaim(request.user, grant):
        raise PermissionDenied
    form = ReclaimDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether you approve."))
        return redirect(grant)
    try:
        services.grant_reclaim_decide(grant=grant, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your decision about the reclaim is saved."))
    return redirect(grant)
