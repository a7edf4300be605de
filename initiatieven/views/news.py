"""Pages for news and support."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import municipal_view
from marktplein.forms import add_service_errors, save_form

from .. import permissions, services
from ..forms import (
    ModerationForm,
    UpdateChangeForm,
    UpdateForm,
)
from .common import _initiative_for, _require


def update_create_view(request, pk: int):
    initiative = _initiative_for(request, pk)
    _require(permissions.can_edit(request.user, initiative))
    form = UpdateForm(request.POST or None, request.FILES or None)
    saved = save_form(
        request,
        form,
        lambda data: services.update_post(
            initiative=initiative,
            author=request.user,
            body=data["body"],
            photos=data["photos"],
        ),
    )
    if saved:
        messages.success(request, _("Your news is posted."))
        return redirect(initiative)
    return render(
        request,
        "initiatieven/update_form.html",
        {"initiative": initiative, "form": form},
        status=400 if form.errors else 200,
    )


def _update_of(request, pk: int, update_pk: int):
    initiative = _initiative_for(request, pk)
    _require(permissions.can_edit(request.user, initiative))
    return get_object_or_404(initiative.updates.select_related("initiative"), pk=update_pk)


def update_edit_view(request, pk: int, update_pk: int):
    update = _update_of(request, pk, update_pk)
    form = UpdateChangeForm(
        request.POST or None, initial={"body": services.text_for_editing(update.body)}
    )
    saved = save_form(
        request,
        form,
        lambda data: services.update_change(update=update, actor=request.user, body=data["body"]),
    )
    if saved:
        messages.success(request, _("Your news is changed."))
        return redirect(update.initiative)
    return render(
        request,
        "initiatieven/update_form.html",
        {"initiative": update.initiative, "form": form, "update": update},
        status=400 if form.errors else 200,
    )


@require_POST
def update_delete_view(request, pk: int, update_pk: int):
    update = _update_of(request, pk, update_pk)
    services.update_delete(update=update, actor=request.user)
    messages.success(request, _("Your news is deleted."))
    return redirect(update.initiative)


@require_POST
def support_view(request, pk: int):
    initiative = _initiative_for(request, pk)
    try:
        if request.POST.get("action") == "withdraw":
            services.support_withdraw(initiative=initiative, user=request.user)
            messages.success(request, _("You no longer support this initiative."))
        else:
            services.support_add(initiative=initiative, user=request.user)
            messages.success(request, _("Thank you for your support!"))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(initiative)


@municipal_view(*permissions.MODERATOR_ROLES)
def moderation_view(request, pk: int):
    initiative = _initiative_for(request, pk)
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        change = services.initiative_unhide if initiative.is_hidden else services.initiative_hide
        try:
            change(initiative=initiative, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The change is saved and kept in the audit log."))
            return redirect(initiative)
    return render(
        request,
        "initiatieven/initiative_moderation.html",
        {"initiative": initiative, "form": form},
        status=400 if form.errors else 200,
    )
