"""Every write about the people of an initiative: invitations and memberships."""

from collections.abc import Callable
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from herinneringen.services import reminder_schedule_to_address

from ..models import (
    Initiative,
    Invitation,
    Membership,
)
from .common import INVITATION_SALT, _locked


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"invitation": invitation.pk}, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation:
    """The invitation a link points at; refuses links that were changed, expired or withdrawn."""
    max_age = timedelta(days=settings.MARKTPLEIN_INVITATION_DAYS)
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ValidationError(
            _("This invitation has expired. Ask for a new one."), code="expired"
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(_("This invitation link is not valid."), code="invalid") from error
    invitation = (
        Invitation.objects.select_related("initiative").filter(pk=data["invitation"]).first()
    )
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid."), code="invalid")
    if invitation.revoked_at is not None:
        raise ValidationError(
            _("This invitation was withdrawn. Ask for a new one if you still want to join."),
            code="revoked",
        )
    return invitation


def _invitation_expired(invitation: Invitation, now) -> bool:
    return invitation.created_at < now - timedelta(days=settings.MARKTPLEIN_INVITATION_DAYS)


@transaction.atomic
def invitation_send(
    *, initiative: Initiative, email: str, actor: User, link_for: Callable[[str], str]
) -> Invitation:
    """Invite someone by e-mail. The mail goes out when the transaction commits.

    Limits per person and per initiative keep the platform from being used to
    send mail to strangers; the subject carries no text a resident typed.
    """
    email = email.strip().lower()
    now = timezone.now()
    # Lock the inviter first, then the initiative: the limits below count under both locks.
    User.objects.select_for_update().get(pk=actor.pk)
    initiative = _locked(initiative)
    if initiative.memberships.filter(user__emailaddress__email__iexact=email).exists():
        raise ValidationError(_("This person is already a member."))
    day_ago = now - timedelta(days=1)
    per_person = settings.MARKTPLEIN_INVITATIONS_PER_PERSON_PER_DAY
    if Invitation.objects.filter(invited_by=actor, created_at__gte=day_ago).count() >= per_person:
        raise ValidationError(
            _("You sent %(count)s invitations today. You can invite more people tomorrow.")
            % {"count": per_person},
            code="limit_person",
        )
    per_initiative = settings.MARKTPLEIN_INVITATIONS_PER_INITIATIVE_PER_DAY
    if initiative.invitations.filter(created_at__gte=day_ago).count() >= per_initiative:
        raise ValidationError(
            _(
                "This initiative sent %(count)s invitations today. You can invite more people tomorrow."
            )
            % {"count": per_initiative},
            code="limit_initiative",
        )
    for open_one in initiative.invitations.filter(
        email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ):
        if not _invitation_expired(open_one, now):
            raise ValidationError(_("You already invited this e-mail address."))
        # An expired invitation no longer counts: close it so a new one can go out.
        open_one.revoked_at = now
        open_one.save(update_fields=["revoked_at"])
    invitation = Invitation.objects.create(
        initiative=initiative, email=email, invited_by=actor, created_at=now
    )
    reminder_schedule_to_address(
        kind="invitation",
        email=email,
        key=f"invitation:{invitation.pk}",
        params={
            "inviter": actor.first_name,
            "initiative": initiative.title,
            "link": link_for(invitation_token(invitation)),
            "days": settings.MARKTPLEIN_INVITATION_DAYS,
            # A stranger has no language setting yet: the inviter's page language.
            "language": translation.get_language() or settings.LANGUAGE_CODE,
        },
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User) -> Invitation:
    """A lead withdraws an invitation that was not used; its link stops working."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."))
    if invitation.revoked_at is not None:
        raise ValidationError(_("This invitation was already withdrawn."))
    invitation.revoked_at = timezone.now()
    invitation.revoked_by = actor
    invitation.save(update_fields=["revoked_at", "revoked_by"])
    return invitation


def invitation_is_for(invitation: Invitation, user: User) -> bool:
    """Whether the signed-in person owns the address the invitation was sent to."""
    return (
        EmailAddress.objects.filter(user=user)
        .filter(email__iexact=invitation.email, verified=True)
        .exists()
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."))
    if invitation.revoked_at is not None:
        raise ValidationError(_("This invitation was withdrawn."))
    if not invitation_is_for(invitation, user):
        # Say nothing about the address or the initiative: the link may have been forwarded.
        raise ValidationError(
            _(
                "This invitation was sent to another e-mail address. Sign in with the address that received it."
            )
        )
    if invitation.initiative.memberships.filter(user=user).exists():
        raise ValidationError(_("You are already a member."))
    membership = Membership.objects.create(initiative=invitation.initiative, user=user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def _other_leads(membership: Membership) -> bool:
    return (
        Membership.objects.filter(initiative=membership.initiative_id, role=Membership.Role.LEAD)
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def membership_remove(*, membership: Membership, actor: User) -> None:
    """A lead removes a member, or a member leaves. An initiative always keeps a lead."""
    _locked(membership.initiative)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == Membership.Role.LEAD and not _other_leads(membership):
        raise ValidationError(
            _("An initiative always needs a lead. Make someone else lead first.")
        )
    membership.delete()


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, actor: User) -> Membership:
    _locked(membership.initiative)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if role not in Membership.Role.values:
        raise ValidationError(_("This role does not exist."))
    demoting = role == Membership.Role.MEMBER and membership.role == Membership.Role.LEAD
    if demoting and not _other_leads(membership):
        raise ValidationError(
            _("An initiative always needs a lead. Make someone else lead first.")
        )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_hand_over_lead(*, membership: Membership, actor: User) -> Membership:
    """The acting lead makes `membership` lead and becomes a member."""
    _locked(membership.initiative)
    actor_membership = Membership.objects.select_for_update().get(
        initiative=membership.initiative_id, user=actor
    )
    if actor_membership.role != Membership.Role.LEAD:
        raise PermissionDenied
    if actor_membership.pk == membership.pk:
        raise ValidationError(_("You are already the lead."))
    Membership.objects.filter(pk=membership.pk).update(role=Membership.Role.LEAD)
    actor_membership.role = Membership.Role.MEMBER
    actor_membership.save(update_fields=["role"])
    membership.refresh_from_db()
    return membership


@transaction.atomic
def membership_set_contact(*, membership: Membership, actor: User) -> Membership:
    _locked(membership.initiative)
    Membership.objects.filter(initiative=membership.initiative_id).update(is_contact=False)
    Membership.objects.filter(pk=membership.pk).update(is_contact=True)
    membership.refresh_from_db()
    return membership


@transaction.atomic
def membership_set_treasurer(*, membership: Membership, actor: User) -> Membership:
    """Name the penvoerder: the member who receives money for the group."""
    _locked(membership.initiative)
    Membership.objects.filter(initiative=membership.initiative_id).update(is_treasurer=False)
    Membership.objects.filter(pk=membership.pk).update(is_treasurer=True)
    membership.refresh_from_db()
    audit_record(
        subject=membership.initiative,
        action="initiative.treasurer_named",
        actor=actor,
        after={"treasurer_membership": membership.pk},
    )
    return membership
