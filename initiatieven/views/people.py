"""Pages about the people of an initiative: members and invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.adapter import CONTINUE_AFTER_LOGIN
from marktplein.forms import add_service_errors

from .. import permissions, services
from ..forms import (
    InviteForm,
    MembershipRoleForm,
)
from ..models import Invitation, Membership
from .common import _initiative_for, _require


def member_list_view(request, pk: int):
    initiative = _initiative_for(request, pk, detail=True)
    _require(permissions.is_member(request.user, initiative))
    can_manage = permissions.can_manage_members(request.user, initiative)
    form = InviteForm(request.POST or None)
    if request.method == "POST":
        _require(can_manage)
        if form.is_valid():
            try:
                services.invitation_send(
                    initiative=initiative,
                    email=form.cleaned_data["email"],
                    actor=request.user,
                    link_for=lambda token: request.build_absolute_uri(
                        reverse("initiatieven:invitation", args=[token])
                    ),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The invitation is sent."))
                return redirect("initiatieven:members", pk=initiative.pk)
    return render(
        request,
        "initiatieven/membership_list.html",
        {
            "initiative": initiative,
            "form": form,
            "can_manage": can_manage,
            "open_invitations": initiative.invitations.filter(
                accepted_at__isnull=True, revoked_at__isnull=True
            ).order_by("-created_at"),
        },
        status=400 if form.errors else 200,
    )


def _membership_change(request, pk: int, membership_pk: int, change, *, leaving_allowed=False):
    """One membership change by a lead (or a member leaving): check, call, say, go back."""
    initiative = _initiative_for(request, pk)
    membership = get_object_or_404(
        Membership.objects.select_related("initiative"), pk=membership_pk, initiative=initiative
    )
    leaving = leaving_allowed and membership.user_id == request.user.pk
    _require(leaving or permissions.can_manage_members(request.user, initiative))
    try:
        change(membership=membership, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The change is saved."))
        if leaving:
            return redirect("initiatieven:mine")
    return redirect("initiatieven:members", pk=initiative.pk)


@require_POST
def membership_remove_view(request, pk: int, membership_pk: int):
    """A lead removes a member, or a member leaves."""
    return _membership_change(
        request, pk, membership_pk, services.membership_remove, leaving_allowed=True
    )


@require_POST
def membership_set_role_view(request, pk: int, membership_pk: int):
    form = MembershipRoleForm(request.POST)
    if not form.is_valid():
        raise Http404
    role = form.cleaned_data["role"]
    return _membership_change(
        request,
        pk,
        membership_pk,
        lambda **kwargs: services.membership_set_role(role=role, **kwargs),
    )


@require_POST
def membership_hand_over_lead_view(request, pk: int, membership_pk: int):
    return _membership_change(request, pk, membership_pk, services.membership_hand_over_lead)


@require_POST
def membership_set_contact_view(request, pk: int, membership_pk: int):
    return _membership_change(request, pk, membership_pk, services.membership_set_contact)


@require_POST
def membership_set_treasurer_view(request, pk: int, membership_pk: int):
    return _membership_change(request, pk, membership_pk, services.membership_set_treasurer)


@require_POST
def invitation_revoke_view(request, pk: int, invitation_pk: int):
    initiative = _initiative_for(request, pk)
    _require(permissions.can_manage_members(request.user, initiative))
    invitation = get_object_or_404(Invitation, pk=invitation_pk, initiative=initiative)
    try:
        services.invitation_revoke(invitation=invitation, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The invitation is withdrawn. Its link no longer works."))
    return redirect("initiatieven:members", pk=initiative.pk)


@login_not_required
def invitation_view(request, token: str):
    try:
        invitation = services.invitation_from_token(token)
    except ValidationError as error:
        return render(
            request, "initiatieven/invitation_detail.html", {"errors": error.messages}, status=400
        )
    if not request.user.is_authenticated:
        # Someone new: after signing up (and verifying their address) and signing in,
        # they come back here (accounts.adapter reads the session).
        request.session[CONTINUE_AFTER_LOGIN] = request.path
        if request.method == "POST":
            return redirect(f"{reverse('account_login')}?next={request.path}")
        return render(
            request,
            "initiatieven/invitation_detail.html",
            {"sign_in_first": True, "next": request.path},
        )
    if invitation.accepted_at is not None:
        if invitation.accepted_by_id == request.user.pk:
            messages.info(request, _("You accepted this invitation already. Welcome back!"))
            return redirect(invitation.initiative)
        return render(
            request,
            "initiatieven/invitation_detail.html",
            {
                "errors": [
                    _(
                        "This invitation has already been used. Ask the group for a new one if you want to join."
                    )
                ]
            },
            status=400,
        )
    errors = []
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Welcome! You are now a member."))
            return redirect(invitation.initiative)
    # A forwarded link shows nothing of the initiative or the address to someone else.
    is_for_you = services.invitation_is_for(invitation, request.user)
    if not is_for_you and not errors:
        errors = [
            _(
                "This invitation was sent to another e-mail address. Sign in with the address that received it."
            )
        ]
    return render(
        request,
        "initiatieven/invitation_detail.html",
        {"invitation": invitation if is_for_you else None, "errors": errors},
        status=400 if errors else 200,
    )
