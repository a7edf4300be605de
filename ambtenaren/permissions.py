"""Who may do what with advisor profiles, advisorships and contacts.

Views fetch through `selectors.advisorships_visible_to` first (404 for what you
may not see), then ask these predicates (403). Services ask the same predicates
again and raise PermissionDenied (ADR 7). Templates read the `can_*` values a
view hands them.
"""

from accounts.models import Role, User
from initiatieven import permissions as initiative_permissions
from initiatieven.models import Initiative

from .models import AdvisorProfile, Advisorship


def is_civil_servant(user: User) -> bool:
    return user.is_authenticated and user.has_role(Role.CIVIL_SERVANT)


def is_coordinator(user: User) -> bool:
    return user.is_authenticated and user.has_role(Role.COORDINATOR)


def is_advisor(user: User, advisorship: Advisorship) -> bool:
    return user.is_authenticated and advisorship.advisor.user_id == user.pk


def can_keep_profile(user: User) -> bool:
    return is_civil_servant(user)


def can_answer_initiative(user: User) -> bool:
    """Write the municipality's first answer to an initiative."""
    return is_civil_servant(user)


def can_claim(user: User, profile: AdvisorProfile) -> bool:
    """Offer to advise: a civil servant, for themselves."""
    return is_civil_servant(user) and profile.user_id == user.pk


def can_ask_advisor(user: User, initiative: Initiative) -> bool:
    """A lead asks a civil servant to advise their initiative."""
    return initiative_permissions.is_lead(user, initiative)


def can_propose_advisor(user: User) -> bool:
    """A coordinator proposes a civil servant for an initiative (the loket)."""
    return is_coordinator(user)


def waits_for_advisor(advisorship: Advisorship) -> bool:
    """A proposal by the initiative or a coordinator waits for the civil servant."""
    return advisorship.proposed_by != Advisorship.ProposedBy.ADVISOR


def can_accept(user: User, advisorship: Advisorship) -> bool:
    """The side that did not propose says yes: the civil servant, or a lead."""
    if advisorship.status != Advisorship.Status.PROPOSED:
        return False
    if waits_for_advisor(advisorship):
        return is_advisor(user, advisorship)
    return initiative_permissions.is_lead(user, advisorship.initiative)


def can_end(user: User, advisorship: Advisorship) -> bool:
    """Decline or end: the advisor, a lead, or a coordinator (who keeps the loket going)."""
    if advisorship.status not in Advisorship.OPEN_STATUSES:
        return False
    return (
        is_advisor(user, advisorship)
        or initiative_permissions.is_lead(user, advisorship.initiative)
        or is_coordinator(user)
    )


def can_log_contact(user: User, advisorship: Advisorship) -> bool:
    return is_advisor(user, advisorship) and advisorship.status == Advisorship.Status.ACTIVE
