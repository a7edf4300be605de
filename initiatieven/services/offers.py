"""Every write about partners' offers: publish, check, ask for one."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from marktplein.mail import single_line

from .. import permissions
from ..models import (
    Need,
    Offer,
    OfferRequest,
)


@transaction.atomic
def offer_create(*, partner: User, title: str, description: str, kind: str) -> Offer:
    if not permissions.can_publish_offers(partner):
        raise PermissionDenied
    return Offer.objects.create(
        partner=partner,
        title=single_line(title),
        description=description.strip(),
        kind=kind,
        language=partner.language,
    )


@transaction.atomic
def offer_review(*, offer: Offer, actor: User, approve: bool, reason: str = "") -> Offer:
    """A coordinator checks a partner's offer before it is public."""
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if offer.status != Offer.Status.PENDING:
        raise ValidationError(_("This offer has already been checked."))
    if not approve and not reason.strip():
        raise ValidationError(
            _("Write down why you do not accept this offer. The partner sees it.")
        )
    before = {"status": offer.status}
    offer.status = Offer.Status.VETTED if approve else Offer.Status.REJECTED
    offer.vetted_by = actor
    offer.vetted_at = timezone.now()
    offer.review_reason = reason.strip()
    offer.save(update_fields=["status", "vetted_by", "vetted_at", "review_reason"])
    audit_record(
        subject=offer,
        action="offer.vetted" if approve else "offer.rejected",
        actor=actor,
        reason=offer.review_reason,
        before=before,
        after={"status": offer.status},
    )
    return offer


@transaction.atomic
def offer_link_to_need(*, offer: Offer, need: Need, actor: User) -> OfferRequest:
    if offer.status != Offer.Status.VETTED:
        raise ValidationError(_("This offer has not been checked yet."))
    if need.status in Need.CLOSED_STATUSES:
        raise ValidationError(_("This need is already closed."))
    request, created = OfferRequest.objects.get_or_create(
        offer=offer, need=need, defaults={"requested_by": actor}
    )
    if not created:
        raise ValidationError(_("You already asked for this offer for this need."))
    return request
