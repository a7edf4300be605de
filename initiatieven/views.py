from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.permissions import municipal_view
from marktplein.forms import add_service_errors

from . import permissions, selectors, services
from .filters import InitiativeFilter
from .forms import (
    CloseForm,
    InitiativeForm,
    InviteForm,
    LinkOfferForm,
    ModerationForm,
    NeedForm,
    NeedStatusForm,
    OfferForm,
    OfferReviewForm,
    StageForm,
    UpdateForm,
)
from .models import Initiative, Invitation, Membership, Need, Offer


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


# Browsing ----------------------------------------------------------------------------


@login_not_required
def initiative_list_view(request):
    filterset = InitiativeFilter(
        request.GET or None, queryset=selectors.initiatives_for_list(request.user)
    )
    filterset.form.hide_optional = True  # every filter is optional; no need to say so
    page = Paginator(filterset.qs, 20).get_page(request.GET.get("page"))
    return render(
        request, "initiatieven/initiative_list.html", {"filter": filterset, "page": page}
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
        context["advisorships"] = initiative.advisorships.select_related("advisor__user")
        context["responses"] = initiative.responses.select_related("author")
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


# Registering -------------------------------------------------------------------------


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
    if request.method == "POST" and form.is_valid():
        try:
            services.need_add(
                initiative=initiative,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
                expertise_area=form.cleaned_data["expertise_area"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
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
    if request.method == "POST" and form.is_valid():
        try:
            services.need_set_status(
                need=need,
                actor=request.user,
                status=form.cleaned_data["status"],
                met_by=form.cleaned_data["met_by"],
                offer=form.cleaned_data.get("offer"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
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
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_link_to_need(
                offer=form.cleaned_data["offer"], need=need, actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
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
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_close(
                initiative=initiative,
                actor=request.user,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
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


# People ------------------------------------------------------------------------------


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


@require_POST
def member_action_view(request, pk: int, membership_pk: int):
    initiative = _initiative_for(request, pk)
    membership = get_object_or_404(
        Membership.objects.select_related("initiative"), pk=membership_pk, initiative=initiative
    )
    action = request.POST.get("action", "")
    leaving = action == "remove" and membership.user_id == request.user.pk
    _require(leaving or permissions.can_manage_members(request.user, initiative))
    actions = {
        "remove": services.membership_remove,
        "make_lead": lambda **kw: services.membership_set_role(role=Membership.Role.LEAD, **kw),
        "make_member": lambda **kw: services.membership_set_role(
            role=Membership.Role.MEMBER, **kw
        ),
        "hand_over": services.membership_hand_over_lead,
        "contact": services.membership_set_contact,
        "treasurer": services.membership_set_treasurer,
    }
    if action not in actions:
        raise Http404
    try:
        actions[action](membership=membership, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The change is saved."))
    if leaving:
        return redirect("initiatieven:mine")
    return redirect("initiatieven:members", pk=initiative.pk)


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


def invitation_view(request, token: str):
    try:
        invitation = services.invitation_from_token(token)
    except ValidationError as error:
        return render(
            request, "initiatieven/invitation_detail.html", {"errors": error.messages}, status=400
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


# Updates and support -----------------------------------------------------------------


def update_create_view(request, pk: int):
    initiative = _initiative_for(request, pk)
    _require(permissions.can_edit(request.user, initiative))
    form = UpdateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_post(
                initiative=initiative,
                author=request.user,
                body=form.cleaned_data["body"],
                photos=form.cleaned_data["photos"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your news is posted."))
            return redirect(initiative)
    return render(
        request,
        "initiatieven/update_form.html",
        {"initiative": initiative, "form": form},
        status=400 if form.errors else 200,
    )


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


@municipal_view(Role.COORDINATOR)
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


# Offers ------------------------------------------------------------------------------


@login_not_required
def offer_list_view(request):
    page = Paginator(selectors.offers_public().order_by("-vetted_at", "-pk"), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "initiatieven/offer_list.html",
        {"page": page, "can_publish_offers": permissions.can_publish_offers(request.user)},
    )


@login_not_required
def offer_detail_view(request, pk: int):
    offer = get_object_or_404(selectors.offers_visible_to(request.user), pk=pk)
    lead_needs = []
    if request.user.is_authenticated:
        lead_needs = (
            Need.objects.filter(
                initiative__memberships__user=request.user,
                initiative__memberships__role=Membership.Role.LEAD,
            )
            .exclude(status__in=[Need.Status.MET, Need.Status.WITHDRAWN])
            .select_related("initiative")
        )
    return render(
        request, "initiatieven/offer_detail.html", {"offer": offer, "lead_needs": lead_needs}
    )


def offer_create_view(request):
    _require(permissions.can_publish_offers(request.user))
    form = OfferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.offer_create(partner=request.user, **form.cleaned_data)
        messages.success(
            request, _("Thank you. A coordinator checks your offer before it is public.")
        )
        return redirect("initiatieven:offers_mine")
    return render(request, "initiatieven/offer_form.html", {"form": form})


def offer_mine_view(request):
    _require(permissions.can_publish_offers(request.user))
    return render(
        request,
        "initiatieven/offer_mine.html",
        {"offers": selectors.offers_of_partner(request.user)},
    )


@municipal_view(Role.COORDINATOR)
def offer_review_list_view(request):
    return render(
        request, "initiatieven/offer_review_list.html", {"offers": selectors.offers_pending()}
    )


@municipal_view(Role.COORDINATOR)
def offer_review_view(request, pk: int):
    offer = get_object_or_404(Offer.objects.select_related("partner"), pk=pk)
    form = OfferReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_review(
                offer=offer,
                actor=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your decision is saved."))
            return redirect("initiatieven:offer_review_list")
    return render(
        request,
        "initiatieven/offer_review.html",
        {"offer": offer, "form": form},
        status=400 if form.errors else 200,
    )
