"""Pages for partners' offers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.permissions import municipal_view
from marktplein.forms import save_form

from .. import permissions, selectors, services
from ..forms import (
    OfferForm,
    OfferReviewForm,
)
from ..models import Membership, Need, Offer
from .common import _require


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
            .exclude(status__in=Need.CLOSED_STATUSES)
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
    saved = save_form(
        request,
        form,
        lambda data: services.offer_review(
            offer=offer,
            actor=request.user,
            approve=data["decision"] == "approve",
            reason=data["reason"],
        ),
    )
    if saved:
        messages.success(request, _("Your decision is saved."))
        return redirect("initiatieven:offer_review_list")
    return render(
        request,
        "initiatieven/offer_review.html",
        {"offer": offer, "form": form},
        status=400 if form.errors else 200,
    )
