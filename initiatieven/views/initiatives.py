"""Pages to browse, register, change, submit and close initiatives and their needs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marktplein.forms import save_form

from .. import permissions, selectors, services
from ..filters import InitiativeFilter
from ..forms import (
    CloseForm,
    InitiativeForm,
    LinkOfferForm,
    NeedForm,
    NeedStatusForm,
    StageForm,
)
from ..models import Need
from ..timeline import municipality_steps
from .common import _initiative_for, _require


@login_not_required
def initiative_list_view(request):
    values = request.GET.copy()
    values.pop("page", None)  # not a filter: a page of the plain list makes no form
    filterset = InitiativeFilter(values or None, queryset=selectors.initiatives_for_list())
    search = filterset.form.cleaned_data.get("q", "") if filterset.is_valid() else ""
    page, initiatives = selectors.list_page(filterset.qs, request.GET.get("page"), search=search)
    return render(
        request,
        "initiatieven/initiative_list.html",
        {"filter": filterset, "page": page, "initiatives": initiatives},
    )


@login_not_required
def initiative_detail_view(request, pk: int):
    initiative = _initiative_for(request, pk, detail=True)
    user = request.user
    membership = permissions.membership_of(user, initiative)
    context = {
        "initiative": initiative,
        "membership": membership,
        "supported": initiative.is_supported,
        "can_edit": permissions.can_edit(user, initiative),
        "can_manage_members": permissions.can_manage_members(user, initiative),
        "can_submit": permissions.can_submit(user, initiative),
        "can_close": permissions.can_close(user, initiative),
        "can_support": permissions.can_support(user, initiative),
        "can_moderate": permissions.is_moderator(user),
        "can_see_hidden_reason": permissions.can_see_hidden_reason(user, initiative),
        "stage_form": StageForm(initial={"stage": initiative.stage}),
    }
    if membership is not None:
        # Only members see their advisors and the municipality's answers.
        advisorships = list(initiative.advisorships.select_related("advisor__user"))
        context["advisorships"] = advisorships
        context["municipality_steps"] = municipality_steps(
            initiative, advisorships, initiative.responses.select_related("author")
        )
        context["can_apply"] = permissions.can_apply_for_subsidy(user, initiative)
    context["can_record_grant"] = permissions.can_record_grant_for(user, initiative)
    return render(request, "initiatieven/initiative_detail.html", context)


def initiative_mine_view(request):
    return render(
        request,
        "initiatieven/initiative_mine.html",
        {"initiatives": selectors.initiatives_of(request.user)},
    )


@login_not_required
def photo_view(request, pk: int):
    """Photos are served through the initiative's visibility, not as open media files."""
    photo = get_object_or_404(selectors.photo_visible_to(request.user, pk))
    response = FileResponse(photo.image.open("rb"))
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def initiative_create_view(request):
    form = InitiativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        initiative = services.initiative_create(
            author=request.user,
            title=data["title"],
            summary=data["summary"],
            neighbourhood=data["neighbourhood"],
            themes=data["themes"],
            organisation=data["organisation"],
            organisation_name=data["organisation_name"],
            token=data["token"],
        )
        messages.success(request, _("Your draft is saved. Now say what you need."))
        return redirect("initiatieven:needs", pk=initiative.pk)
    return render(request, "initiatieven/initiative_form.html", {"form": form, "step": 1})


def initiative_edit_view(request, pk: int):
    initiative = _initiative_for(request, pk)
    _require(permissions.can_edit(request.user, initiative))
    form = InitiativeForm(request.POST or None, instance=initiative)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("token", None)
        services.initiative_change(initiative=initiative, actor=request.user, **data)
        messages.success(request, _("Your changes are saved."))
        return redirect(initiative)
    return render(
        request, "initiatieven/initiative_form.html", {"form": form, "initiative": initiative}
    )


def need_list_view(request, pk: int):
    initiative = _initiative_for(request, pk)
    _require(permissions.can_edit(request.user, initiative))
    form = NeedForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.need_add(
            initiative=initiative,
            actor=request.user,
            kind=data["kind"],
            description=data["description"],
            expertise_area=data["expertise_area"],
        ),
    )
    if saved:
        messages.success(request, _("The need is added."))
        return redirect("initiatieven:needs", pk=initiative.pk)
    return render(
        request,
        "initiatieven/need_list.html",
        {
            "initiative": initiative,
            "needs": initiative.needs.select_related("offer"),
            "form": form,
            "can_submit": permissions.can_submit(request.user, initiative),
        },
        status=400 if form.errors else 200,
    )


def need_status_view(request, pk: int, need_pk: int):
    initiative = _initiative_for(request, pk)
    _require(permissions.can_edit(request.user, initiative))
    need = get_object_or_404(Need, pk=need_pk, initiative=initiative)
    form = NeedStatusForm(
        request.POST or None,
        need=need,
        initial={"status": need.status, "met_by": need.met_by, "offer": need.offer_id},
    )
    saved = save_form(
        request,
        form,
        lambda data: services.need_set_status(
            need=need,
            actor=request.user,
            status=data["status"],
            met_by=data["met_by"],
            offer=data.get("offer"),
        ),
    )
    if saved:
        messages.success(request, _("The need is updated."))
        return redirect(initiative)
    return render(
        request,
        "initiatieven/need_form.html",
        {"initiative": initiative, "need": need, "form": form},
        status=400 if form.errors else 200,
    )


def need_link_offer_view(request, pk: int, need_pk: int):
    initiative = _initiative_for(request, pk)
    _require(permissions.is_lead(request.user, initiative))
    need = get_object_or_404(Need, pk=need_pk, initiative=initiative)
    form = LinkOfferForm(request.POST or None, initial={"offer": request.GET.get("offer")})
    saved = save_form(
        request,
        form,
        lambda data: services.offer_link_to_need(
            offer=data["offer"], need=need, actor=request.user
        ),
    )
    if saved:
        messages.success(request, _("The partner sees that you ask for this offer."))
        return redirect(initiative)
    return render(
        request,
        "initiatieven/need_link_offer.html",
        {"initiative": initiative, "need": need, "form": form},
        status=400 if form.errors else 200,
    )


def initiative_submit_view(request, pk: int):
    initiative = _initiative_for(request, pk, detail=True)
    _require(permissions.can_submit(request.user, initiative))
    errors = []
    if request.method == "POST":
        try:
            services.initiative_submit(initiative=initiative, actor=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _(
                    "Your initiative is submitted. You get a first answer from the municipality soon."
                ),
            )
            return redirect(initiative)
    return render(
        request,
        "initiatieven/initiative_submit.html",
        {"initiative": initiative, "errors": errors},
        status=400 if errors else 200,
    )


def initiative_close_view(request, pk: int):
    initiative = _initiative_for(request, pk)
    _require(permissions.is_lead(request.user, initiative))
    form = CloseForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: services.initiative_close(
            initiative=initiative,
            actor=request.user,
            status=data["status"],
            reason=data["reason"],
        ),
    )
    if saved:
        messages.success(request, _("Your initiative is closed. Thank you for what you did!"))
        return redirect(initiative)
    return render(
        request,
        "initiatieven/initiative_close.html",
        {"initiative": initiative, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def initiative_stage_view(request, pk: int):
    initiative = _initiative_for(request, pk)
    _require(permissions.can_edit(request.user, initiative))
    form = StageForm(request.POST)
    if form.is_valid():
        services.initiative_set_stage(
            initiative=initiative, actor=request.user, stage=form.cleaned_data["stage"]
        )
        messages.success(request, _("The stage is saved."))
    else:
        messages.error(request, _("Choose a stage."))
    return redirect(initiative)
