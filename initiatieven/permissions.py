"""Who may do what with an initiative. Views fetch through
`selectors.initiatives_visible_to` first (404 for what you may not see), then
ask these predicates (403 for what you may not do)."""

from accounts.models import Role, User

from .models import Initiative, Membership


def membership_of(user: User, initiative: Initiative) -> Membership | None:
    """From the prefetched memberships where the page has them, else one query."""
    if not user.is_authenticated:
        return None
    cache = getattr(initiative, "_prefetched_objects_cache", {})
    if "memberships" in cache:
        return next((m for m in cache["memberships"] if m.user_id == user.pk), None)
    return initiative.memberships.filter(user=user).first()


def is_member(user: User, initiative: Initiative) -> bool:
    return membership_of(user, initiative) is not None


def is_lead(user: User, initiative: Initiative) -> bool:
    membership = membership_of(user, initiative)
    return membership is not None and membership.role == Membership.Role.LEAD


MODERATOR_ROLES = (Role.COORDINATOR, Role.ADMINISTRATOR)


def is_moderator(user: User) -> bool:
    """Coordinators moderate; an administrator can do what they do."""
    return user.is_authenticated and bool(user.roles & set(MODERATOR_ROLES))


def can_edit(user: User, initiative: Initiative) -> bool:
    """Members keep their initiative's text, needs and updates."""
    return is_member(user, initiative)


def can_manage_members(user: User, initiative: Initiative) -> bool:
    return is_lead(user, initiative)


def can_submit(user: User, initiative: Initiative) -> bool:
    return is_lead(user, initiative) and initiative.status == Initiative.Status.DRAFT


def can_support(user: User, initiative: Initiative) -> bool:
    """Support comes from outside the group: its own members do not count themselves."""
    return user.is_authenticated and initiative.is_public and not is_member(user, initiative)


def can_see_hidden_reason(user: User, initiative: Initiative) -> bool:
    return initiative.is_hidden and (is_member(user, initiative) or is_moderator(user))


def can_publish_offers(user: User) -> bool:
    return user.is_authenticated and user.has_role(Role.PARTNER)


def can_close(user: User, initiative: Initiative) -> bool:
    return is_lead(user, initiative) and initiative.status in (
        Initiative.Status.SUBMITTED,
        Initiative.Status.ACTIVE,
    )


def can_apply_for_subsidy(user: User, initiative: Initiative) -> bool:
    """A lead applies for a subsidy once the initiative is submitted (the subsidies app
    asks this too, so the initiative page and the application page agree)."""
    return is_lead(user, initiative) and initiative.status in (
        Initiative.Status.SUBMITTED,
        Initiative.Status.ACTIVE,
    )


def can_record_grant_for(user: User, initiative: Initiative) -> bool:
    """A grant officer records a grant from a paper application for a submitted initiative."""
    return (
        user.is_authenticated
        and user.has_role(Role.GRANT_OFFICER)
        and initiative.status != Initiative.Status.DRAFT
    )
