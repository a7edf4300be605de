"""Every write about initiatives, their people, needs, updates, support and offers."""

import uuid
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from marktplein.mail import send_mail_after_commit, single_line

from . import permissions
from .content import clean_photo, sanitise_html
from .models import (
    Initiative,
    Invitation,
    Membership,
    Need,
    NeedKind,
    Offer,
    OfferRequest,
    Photo,
    Support,
    Update,
)

INVITATION_SALT = "marktplein.invitation"


def _locked(initiative: Initiative) -> Initiative:
    return Initiative.objects.select_for_update().get(pk=initiative.pk)


# Initiatives -------------------------------------------------------------------------


@transaction.atomic
def initiative_create(
    *,
    author: User,
    title: str,
    summary: str,
    neighbourhood,
    themes,
    organisation: str = Initiative.Organisation.INFORMAL_GROUP,
    organisation_name: str = "",
    token: uuid.UUID | None = None,
) -> Initiative:
    """Start a draft with its author as lead and contact person.

    The same form token twice (a double click, a resent form) gives the same
    initiative back instead of a second one.
    """
    if token is not None:
        existing = Initiative.objects.filter(creation_token=token, created_by=author).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            initiative = Initiative.objects.create(
                title=single_line(title),
                summary=summary.strip(),
                neighbourhood=neighbourhood,
                organisation=organisation,
                organisation_name=single_line(organisation_name),
                created_by=author,
                creation_token=token,
            )
    except IntegrityError:
        existing = Initiative.objects.filter(creation_token=token, created_by=author).first()
        if existing is None:
            raise
        return existing
    initiative.themes.set(themes)
    Membership.objects.create(
        initiative=initiative, user=author, role=Membership.Role.LEAD, is_contact=True
    )
    return initiative


@transaction.atomic
def initiative_change(*, initiative: Initiative, actor: User, **fields) -> Initiative:
    initiative = _locked(initiative)
    themes = fields.pop("themes", None)
    for name in ("title", "organisation_name"):
        if name in fields:
            fields[name] = single_line(fields[name])
    for name, value in fields.items():
        setattr(initiative, name, value.strip() if isinstance(value, str) else value)
    initiative.save()
    if themes is not None:
        initiative.themes.set(themes)
    return initiative


@transaction.atomic
def initiative_submit(*, initiative: Initiative, actor: User) -> Initiative:
    initiative = _locked(initiative)
    if initiative.status != Initiative.Status.DRAFT:
        raise ValidationError(_("This initiative has already been submitted."))
    if not initiative.needs.exclude(status=Need.Status.WITHDRAWN).exists():
        raise ValidationError(_("Say what you need first. Add at least one need, then submit."))
    initiative.status = Initiative.Status.SUBMITTED
    initiative.submitted_at = timezone.now()
    initiative.save(update_fields=["status", "submitted_at", "updated_at"])
    audit_record(
        subject=initiative,
        action="initiative.submitted",
        actor=actor,
        before={"status": Initiative.Status.DRAFT},
        after={"status": initiative.status},
    )
    return initiative


@transaction.atomic
def initiative_close(
    *, initiative: Initiative, actor: User, status: str, reason: str = ""
) -> Initiative:
    """A lead marks the initiative completed or stopped. Open advice stays as it is."""
    if status not in (Initiative.Status.COMPLETED, Initiative.Status.STOPPED):
        raise ValidationError(_("Choose completed or stopped."))
    initiative = _locked(initiative)
    if initiative.status not in (Initiative.Status.SUBMITTED, Initiative.Status.ACTIVE):
        raise ValidationError(_("Only a submitted or active initiative can be closed."))
    before = {"status": initiative.status}
    initiative.status = status
    initiative.save(update_fields=["status", "updated_at"])
    audit_record(
        subject=initiative,
        action=f"initiative.{status}",
        actor=actor,
        reason=reason.strip(),
        before=before,
        after={"status": status},
    )
    return initiative


@transaction.atomic
def initiative_set_stage(*, initiative: Initiative, actor: User, stage: str) -> Initiative:
    if stage not in Initiative.Stage.values:
        raise ValidationError(_("This stage does not exist."))
    initiative = _locked(initiative)
    initiative.stage = stage
    initiative.save(update_fields=["stage", "updated_at"])
    return initiative


@transaction.atomic
def initiative_hide(*, initiative: Initiative, actor: User, reason: str) -> Initiative:
    """A moderator hides an initiative; its members see the reason."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Write down why you hide this initiative. The members see it."))
    initiative = _locked(initiative)
    if initiative.is_hidden:
        raise ValidationError(_("This initiative is already hidden."))
    initiative.is_hidden = True
    initiative.hidden_reason = reason
    initiative.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])
    audit_record(
        subject=initiative,
        action="initiative.hidden",
        actor=actor,
        reason=reason,
        before={"hidden": False},
        after={"hidden": True},
    )
    return initiative


@transaction.atomic
def initiative_unhide(*, initiative: Initiative, actor: User, reason: str) -> Initiative:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Write down why you show this initiative again."))
    initiative = _locked(initiative)
    if not initiative.is_hidden:
        raise ValidationError(_("This initiative is not hidden."))
    before_reason = initiative.hidden_reason
    initiative.is_hidden = False
    initiative.hidden_reason = ""
    initiative.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])
    audit_record(
        subject=initiative,
        action="initiative.unhidden",
        actor=actor,
        reason=reason,
        before={"hidden": True, "hidden_reason": before_reason},
        after={"hidden": False},
    )
    return initiative


# Needs -------------------------------------------------------------------------------


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


# People ------------------------------------------------------------------------------


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
    invitation = Invitation.objects.select_related("initiative").filter(pk=data["invitation"])
    if not invitation.exists():
        raise ValidationError(_("This invitation link is not valid."), code="invalid")
    invitation = invitation.get()
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
    context = {
        "initiative": initiative,
        "inviter": actor,
        "link": link_for(invitation_token(invitation)),
        "days": settings.MARKTPLEIN_INVITATION_DAYS,
    }
    send_mail_after_commit(
        subject=_("You are invited to join an initiative on Marktplein"),
        body=render_to_string("initiatieven/email/invitation.txt", context),
        recipients=[email],
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
    return user.emailaddress_set.filter(email__iexact=invitation.email, verified=True).exists()


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


# Updates and support ----------------------------------------------------------------


def update_post(*, initiative: Initiative, author: User, body: str, photos=()) -> Update:
    """Post news with up to a few photos. Every photo is checked before anything is saved."""
    photos = list(photos)
    if len(photos) > settings.MARKTPLEIN_MAX_PHOTOS_PER_UPDATE:
        raise ValidationError(
            _("You can add at most %(count)s photos.")
            % {"count": settings.MARKTPLEIN_MAX_PHOTOS_PER_UPDATE}
        )
    clean_body = sanitise_html(body)
    if not clean_body:
        raise ValidationError(_("Write something for your update."))
    cleaned = []
    for upload, description in photos:
        if not description.strip():
            raise ValidationError(
                _("Describe each photo in a few words, for people who cannot see it.")
            )
        # A photo the form already cleaned is not decoded a second time.
        cleaned.append((clean_photo(upload), description.strip()))
    with transaction.atomic():
        update = Update.objects.create(initiative=initiative, author=author, body=clean_body)
        for photo_content, description in cleaned:
            photo = Photo(update=update, description=description)
            photo.image.save(photo_content.content.name, photo_content.content, save=True)
    return update


@transaction.atomic
def support_add(*, initiative: Initiative, user: User) -> Support:
    if not initiative.is_public:
        raise ValidationError(_("You can only support a public initiative."))
    try:
        with transaction.atomic():
            return Support.objects.create(initiative=initiative, user=user)
    except IntegrityError as error:
        raise ValidationError(_("You already support this initiative.")) from error


@transaction.atomic
def support_withdraw(*, initiative: Initiative, user: User) -> None:
    deleted, _rows = Support.objects.filter(initiative=initiative, user=user).delete()
    if not deleted:
        raise ValidationError(_("You do not support this initiative."))


# Offers ------------------------------------------------------------------------------


@transaction.atomic
def offer_create(*, partner: User, title: str, description: str, kind: str) -> Offer:
    if not permissions.can_publish_offers(partner):
        raise PermissionDenied
    return Offer.objects.create(
        partner=partner, title=single_line(title), description=description.strip(), kind=kind
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
    if need.status in (Need.Status.MET, Need.Status.WITHDRAWN):
        raise ValidationError(_("This need is already closed."))
    request, created = OfferRequest.objects.get_or_create(
        offer=offer, need=need, defaults={"requested_by": actor}
    )
    if not created:
        raise ValidationError(_("You already asked for this offer for this need."))
    return request


# Called by the civil servants' app -------------------------------------------------------


def initiative_mark_first_response(*, initiative: Initiative, at=None) -> bool:
    """Set `first_response_at` once: the first answer of any civil servant counts."""
    updated = Initiative.objects.filter(pk=initiative.pk, first_response_at__isnull=True).update(
        first_response_at=at or timezone.now()
    )
    return bool(updated)


def initiative_activate(*, initiative: Initiative) -> None:
    """A submitted initiative with an active advisor is active."""
    Initiative.objects.filter(pk=initiative.pk, status=Initiative.Status.SUBMITTED).update(
        status=Initiative.Status.ACTIVE
    )
