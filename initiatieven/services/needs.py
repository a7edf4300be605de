"""Every write about what an initiative needs."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User

from ..models import (
    Initiative,
    Need,
    NeedKind,
    Offer,
    OfferRequest,
)


@transaction.atomic
def need_add(
    *, initiative: Initiative, actor: User, kind: str, description: str, expertise_area=None
) -> Need:
    description = description.strip()
    if not description:
        raise ValidationError(_("Say in a few words what you need."))
    if kind != NeedKind.EXPERTISE:
        expertise_area = None
    return Need.objects.create(
        initiative=initiative, kind=kind, description=description, expertise_area=expertise_area
    )


@transaction.atomic
def need_set_status(
    *, need: Need, actor: User, status: str, met_by: str = "", offer: Offer | None = None
) -> Need:
    """Record how far a need is met, and by whom."""
    need = Need.objects.select_for_update().get(pk=need.pk)
    if status in (Need.Status.MET, Need.Status.PARTLY_MET) and not met_by:
        raise ValidationError(_("Say who helped: the municipality, a resident or a partner."))
    if offer is not None:
        if offer.status != Offer.Status.VETTED:
            raise ValidationError(_("This offer has not been checked yet."))
        if not OfferRequest.objects.filter(offer=offer, need=need).exists():
            raise ValidationError(_("Link this offer to the need first."))
        met_by = Need.MetBy.PARTNER
    need.status = status
    need.met_by = met_by if status in (Need.Status.MET, Need.Status.PARTLY_MET) else ""
    need.offer = offer if need.met_by else None
    need.save(update_fields=["status", "met_by", "offer", "updated_at"])
    return need
