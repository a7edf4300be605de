"""Who takes part in which conversation. A conversation is private to the people in
it: the initiative's members, its active advisors and the coordinators (with the
municipality), or the partner and the initiative's members (about a request for an
offer). Views ask these predicates; the services ask them again."""

from accounts.models import Role, User
from ambtenaren.models import Advisorship
from initiatieven.models import Initiative, OfferRequest
from initiatieven.permissions import is_member

from .models import Message

OPEN_STATUSES = (Initiative.Status.SUBMITTED, Initiative.Status.ACTIVE)


def advises(user: User, initiative: Initiative) -> bool:
    """The person advises the initiative now (an accepted advisorship)."""
    return (
        user.is_authenticated
        and Advisorship.objects.filter(
            initiative=initiative, advisor__user=user, status=Advisorship.Status.ACTIVE
        ).exists()
    )


def role_with_municipality(user: User, initiative: Initiative) -> str | None:
    """What the person speaks as in the initiative's conversation with the
    municipality, or None when they are not in it. A draft has no such conversation:
    the municipality does not see drafts."""
    if not user.is_authenticated or initiative.status == Initiative.Status.DRAFT:
        return None
    if is_member(user, initiative):
        return Message.Role.MEMBER
    if advises(user, initiative):
        return Message.Role.ADVISOR
    if user.has_role(Role.COORDINATOR):
        return Message.Role.COORDINATOR
    return None


def can_read_with_municipality(user: User, initiative: Initiative) -> bool:
    return role_with_municipality(user, initiative) is not None


def can_write_with_municipality(user: User, initiative: Initiative) -> bool:
    """A closed initiative's conversation stays to read."""
    return can_read_with_municipality(user, initiative) and initiative.status in OPEN_STATUSES


def role_with_partner(user: User, offer_request: OfferRequest) -> str | None:
    if not user.is_authenticated:
        return None
    if offer_request.offer.partner_id == user.pk:
        return Message.Role.PARTNER
    if is_member(user, offer_request.need.initiative):
        return Message.Role.MEMBER
    return None


def can_read_with_partner(user: User, offer_request: OfferRequest) -> bool:
    return role_with_partner(user, offer_request) is not None


def can_write_with_partner(user: User, offer_request: OfferRequest) -> bool:
    initiative = offer_request.need.initiative
    return can_read_with_partner(user, offer_request) and initiative.status not in (
        Initiative.Status.COMPLETED,
        Initiative.Status.STOPPED,
    )
