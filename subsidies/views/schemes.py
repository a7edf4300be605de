"""Schemes: the list residents read, and the grant officer's schemes and budgets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.permissions import municipal_view
from marktplein.forms import save_form

from .. import selectors, services
from ..forms import (
    SchemeForm,
)
from ..models import SubsidyScheme


@login_not_required
def scheme_list_view(request):
    """For residents: the schemes open for applications, with their rules."""
    return render(
        request, "subsidies/subsidyscheme_list.html", {"schemes": selectors.open_schemes()}
    )


@municipal_view(Role.GRANT_OFFICER)
def grant_officer_view(request):
    """The grant officer's start: every scheme with its budget, and the work waiting."""
    return render(
        request,
        "subsidies/subsidyscheme_budget.html",
        {
            "schemes": selectors.schemes_with_budget().order_by("-year", "name"),
            "waiting_applications": selectors.application_queue().count(),
            "waiting_reports": selectors.review_queue().count(),
        },
    )


def _scheme_form_view(request, scheme: SubsidyScheme | None):
    form = SchemeForm.for_scheme(scheme, request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.scheme_save(
            data=services.SchemeData(**data), actor=request.user, scheme=scheme
        ),
    )
    if saved:
        messages.success(request, _("The scheme is saved."))
        return redirect("subsidies:grant_officer")
    return render(
        request,
        "subsidies/subsidyscheme_form.html",
        {"form": form, "scheme": scheme},
        status=400 if form.errors else 200,
    )


@municipal_view(Role.GRANT_OFFICER)
def scheme_create_view(request):
    return _scheme_form_view(request, None)


@municipal_view(Role.GRANT_OFFICER)
def scheme_edit_view(request, pk: int):
    return _scheme_form_view(request, get_object_or_404(SubsidyScheme, pk=pk))
