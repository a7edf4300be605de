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
from .common import _locked


@transaction.atomic
def need_add(
    *, initiative: Initiative, actor: User, kind: str, description: str, expertise_area=None
) -> Need:
    description = description.strip()
    if not description:
        raise ValidationError(_("Say in a few words what you need."))
    if kind != NeedKind.EXPERTISE:
        expertise_area = None
    initiative = _locked(initiative)
    need = Need.objects.create(
        initiative=initiative, kind=kind, description=description, expertise_area=expertise_area
    )
    initiative_note_open_expertise(initiative)
    return need


@transaction.atomic
def need_set_status(
    *, need: Need, actor: User, status: str, met_by: str = "", offer: Offer | None = None
) -> Need:
    """Record how far a need is met, and by whom."""
    # The initiative first, as every service that locks both does.
    initiative = _locked(need.initiative)
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
    initiative_note_open_expertise(initiative)
    return need


def initiative_note_open_expertise(initiative: Initiative) -> None:
    """Write down on the (locked) initiative which fields of expertise its open needs ask
    for: matching reads them there (`Initiative.open_expertise_areas`)."""
    initiative.open_expertise_areas = open_expertise_of([initiative.pk]).get(initiative.pk, {})
    Initiative.objects.filter(pk=initiative.pk).update(
        open_expertise_areas=initiative.open_expertise_areas
    )


def open_expertise_of(initiative_ids=None) -> dict[int, dict[str, bool]]:
    """The fields of expertise that open needs ask for, per initiative (all when None)."""
    needs = Need.objects.filter(kind=NeedKind.EXPERTISE, expertise_area__isnull=False).exclude(
        status__in=Need.CLOSED_STATUSES
    )
    if initiative_ids is not None:
        needs = needs.filter(initiative_id__in=initiative_ids)
    areas: dict[int, dict[str, bool]] = {}
    for initiative_id, area_id in needs.values_list("initiative_id", "expertise_area_id"):
        areas.setdefault(initiative_id, {})[str(area_id)] = True
    return areas


@transaction.atomic
def initiatives_note_open_expertise() -> int:
    """Write down every initiative's open fields of expertise at once: for data loaded
    without the services (the demo, the benchmarks). Returns how many ask for one."""
    areas = open_expertise_of()
    Initiative.objects.exclude(open_expertise_areas={}).update(open_expertise_areas={})
    Initiative.objects.bulk_update(
        [Initiative(pk=pk, open_expertise_areas=value) for pk, value in areas.items()],
        ["open_expertise_areas"],
        batch_size=2000,
    )
    return len(areas)
