"""Every write about accounts and roles. Role changes are audit events."""

from collections.abc import Callable

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_forget_person, audit_record
from marktplein.mail import send_mail_after_commit

from .links import registered
from .models import CIVIL_SERVANT_ROLES, MUNICIPAL_ROLES, Role, RoleAssignment, User
from .permissions import can_manage_roles


def _email_is_verified(user: User) -> bool:
    return EmailAddress.objects.filter(user=user).filter(verified=True).exists()


def _role_snapshot(user: User) -> dict:
    return {"roles": sorted(user.role_assignments.values_list("role", flat=True))}


def _check_actor(*, user: User, actor: User | None) -> None:
    """Only an administrator (or the system, actor None) changes roles, never their own."""
    if actor is None:
        return
    # Who may change roles is a permission, refused as such (ADR 7).
    if actor.pk == user.pk or not can_manage_roles(actor):
        raise PermissionDenied


def _sync_staff_flags(user: User) -> None:
    """Administrators use the Django admin; nobody else does."""
    is_admin = user.role_assignments.filter(role=Role.ADMINISTRATOR).exists()
    if user.is_staff != is_admin or user.is_superuser != is_admin:
        user.is_staff = is_admin
        user.is_superuser = is_admin
        user.save(update_fields=["is_staff", "is_superuser"])


@transaction.atomic
def role_grant(*, user: User, role: str, actor: User | None, reason: str) -> RoleAssignment:
    """Give `user` a role. `actor` None means the platform itself (a verified domain)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Write down why this person gets this role."))
    if role not in Role.values:
        raise ValidationError(_("This role does not exist."))
    _check_actor(user=user, actor=actor)
    user = User.objects.select_for_update().get(pk=user.pk)
    if not _email_is_verified(user):
        raise ValidationError(_("This person has not verified their e-mail address yet."))
    held = set(user.role_assignments.values_list("role", flat=True))
    if role in held:
        raise ValidationError(_("This person already has this role."))
    if role in CIVIL_SERVANT_ROLES and Role.CIVIL_SERVANT not in held:
        raise ValidationError(_("Only a verified civil servant can get this role."))
    before = {"roles": sorted(held)}
    if role in MUNICIPAL_ROLES and not held & MUNICIPAL_ROLES:
        # A factor set up before the person worked for the municipality was set up by
        # whoever had the password then: the first municipal role starts afresh from a
        # link sent to the person's address (ADR 0005).
        _second_factor_remove_all(user=user, actor=actor, reason=reason)
    assignment = RoleAssignment.objects.create(
        user=user, role=role, granted_by=actor, granted_at=timezone.now(), reason=reason
    )
    _sync_staff_flags(user)
    audit_record(
        subject=user,
        action="role.granted",
        actor=actor,
        reason=reason,
        before=before,
        after=_role_snapshot(user),
    )
    return assignment


@transaction.atomic
def role_revoke(*, user: User, role: str, actor: User | None, reason: str) -> None:
    """Take a role away. Taking 'civil servant' also ends the roles built on it."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Write down why this role is taken away."))
    _check_actor(user=user, actor=actor)
    user = User.objects.select_for_update().get(pk=user.pk)
    before = _role_snapshot(user)
    if role not in before["roles"]:
        raise ValidationError(_("This person does not have this role."))
    ending = {role}
    if role == Role.CIVIL_SERVANT:
        ending |= CIVIL_SERVANT_ROLES
    user.role_assignments.filter(role__in=ending).delete()
    _sync_staff_flags(user)
    audit_record(
        subject=user,
        action="role.revoked",
        actor=actor,
        reason=reason,
        before=before,
        after=_role_snapshot(user),
    )


def email_domain_is_municipal(email: str) -> bool:
    domain = email.rsplit("@", 1)[-1].lower()
    return domain in {d.lower() for d in settings.MUNICIPAL_EMAIL_DOMAINS}


def civil_servant_verify_by_email(*, user: User, email: str) -> RoleAssignment | None:
    """A verified address on a municipal domain makes someone a civil servant."""
    if not email_domain_is_municipal(email):
        return None
    if user.role_assignments.filter(role=Role.CIVIL_SERVANT).exists():
        return None
    return role_grant(
        user=user,
        role=Role.CIVIL_SERVANT,
        actor=None,
        reason=_("Verified e-mail address on the municipal domain %(domain)s.")
        % {"domain": email.rsplit("@", 1)[-1].lower()},
    )


@transaction.atomic
def unverified_accounts_purge(*, now=None) -> int:
    """Remove accounts that never verified their address: keep no data we do not need."""
    now = now or timezone.now()
    cutoff = now - settings.UNVERIFIED_ACCOUNT_RETENTION
    stale = (
        User.objects.filter(date_joined__lt=cutoff, is_staff=False, role_assignments=None)
        .exclude(emailaddress__verified=True)
        .distinct()
    )
    count = stale.count()
    User.objects.filter(pk__in=list(stale.values_list("pk", flat=True))).delete()
    return count


def _lock_for_leaving(user: User, *, own: bool) -> User:
    """Lock the person, then ask every domain app what stops them leaving (and lock it)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    refusals = [
        message for links in registered() for message in links.leaving_refusals(user, own=own)
    ]
    if refusals:
        raise ValidationError(refusals)
    return user


def _keeps_records(user: User) -> bool:
    return any(links.keeps_records(user) for links in registered())


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete a person's account at their own request.

    What the municipality must keep (audit events, later grants) stays, with
    the person's name replaced.
    """
    user = _lock_for_leaving(user, own=True)
    if _keeps_records(user):
        raise ValidationError(
            _(
                "The municipality must keep your advice records. Ask an administrator to close your account."
            )
        )
    audit_record(subject=user, action="account.deleted", actor=user, reason="")
    audit_forget_person(person=user)
    user.delete()


# What stays of a closed account whose advice records the municipality must keep.
CLOSED_ACCOUNT_NAME = "Verwijderd account"


@transaction.atomic
def account_close(*, user: User, actor: User, reason: str) -> None:
    """An administrator closes someone else's account, with the rules of `account_delete`.

    Where the municipality must keep records that point at the person (advice),
    the account stays as an empty shell: no name, no address, no password, no
    roles, no second factor, and it cannot sign in. Otherwise it is deleted.
    The person hears about it at the address they had.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Write down why you close this account."))
    if actor.pk == user.pk:
        raise ValidationError(_("Close your own account on the page My account."))
    if not can_manage_roles(actor):
        raise PermissionDenied
    user = _lock_for_leaving(user, own=False)
    address = user.email
    keep_records = _keeps_records(user)
    audit_record(
        subject=user,
        action="account.closed",
        actor=actor,
        reason=reason,
        before={"roles": sorted(user.role_assignments.values_list("role", flat=True))},
        after={"advice_records_kept": keep_records},
    )
    audit_forget_person(person=user)
    if keep_records:
        _empty_account(user)
    else:
        user.delete()
    send_mail_after_commit(
        subject=_("Your Marktplein account is closed"),
        body=render_to_string(
            "accounts/email/account_closed.txt", {"reason": reason, "address": address}
        ),
        recipients=[address],
    )


def _empty_account(user: User) -> None:
    from allauth.mfa.models import Authenticator

    for links in registered():
        links.remove(user)
    Authenticator.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    user.role_assignments.all().delete()
    user.email = f"closed-{user.pk}@closed.invalid"
    user.first_name = CLOSED_ACCOUNT_NAME
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()


# Second factor -----------------------------------------------------------------------

ENROLMENT_SALT = "marktplein.accounts.second-factor-enrolment"


def _authenticators(user: User):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user)


def second_factor_changed(*, user: User, action: str, kind: str) -> User:
    """A second factor was added, removed or reset: end every session of the person.

    The caller keeps its own session with `update_session_auth_hash`; allauth
    mails the person about the change (ACCOUNT_EMAIL_NOTIFICATIONS).
    """
    User.objects.filter(pk=user.pk).update(security_stamp=F("security_stamp") + 1)
    user.refresh_from_db(fields=["security_stamp"])
    audit_record(subject=user, action=action, actor=user, after={"kind": kind})
    return user


def _second_factor_remove_all(*, user: User, actor: User | None, reason: str) -> None:
    kinds = sorted(_authenticators(user).values_list("type", flat=True))
    if not kinds:
        return
    _authenticators(user).delete()
    User.objects.filter(pk=user.pk).update(security_stamp=F("security_stamp") + 1)
    audit_record(
        subject=user,
        action="mfa.reset",
        actor=actor,
        reason=reason,
        before={"kinds": kinds},
        after={"kinds": []},
    )
    send_mail_after_commit(
        subject=_("Set up your second factor again"),
        body=render_to_string("accounts/email/second_factor_reset.txt", {"name": user.first_name}),
        recipients=[address for address in [enrolment_address(user)] if address],
    )


def enrolment_address(user: User) -> str | None:
    """Where an enrolment link goes: the verified address on the municipal domain,
    else the verified primary address."""
    verified = list(
        EmailAddress.objects.filter(user=user)
        .filter(verified=True)
        .order_by("-primary", "pk")
        .values_list("email", flat=True)
    )
    municipal = [email for email in verified if email_domain_is_municipal(email)]
    return (municipal or verified or [None])[0]


def second_factor_enrolment_token(user: User) -> str:
    return signing.dumps(
        {"user": user.pk, "stamp": user.security_stamp}, salt=ENROLMENT_SALT, compress=True
    )


def second_factor_enrolment_send(*, user: User, link_for: Callable[[str], str]) -> str:
    """Mail a link with which the person sets up their second factor. Returns the address.

    Knowing the password is not enough to set up a second factor: the link
    goes to the person's (municipal) address. It works once: setting up the
    factor raises the security stamp the link was signed with.
    """
    if _authenticators(user).filter(type="totp").exists():
        raise ValidationError(_("You already have a second factor."))
    address = enrolment_address(user)
    if address is None:
        raise ValidationError(_("Verify your e-mail address first."))
    context = {
        "link": link_for(second_factor_enrolment_token(user)),
        "hours": settings.MARKTPLEIN_MFA_ENROLMENT_LINK_HOURS,
        "name": user.first_name,
    }
    send_mail_after_commit(
        subject=_("Set up your second factor for Marktplein"),
        body=render_to_string("accounts/email/second_factor_enrolment.txt", context),
        recipients=[address],
    )
    return address


def second_factor_enrolment_check(*, user: User, token: str) -> None:
    """Refuse a link that is not this person's, expired, used, or changed."""
    max_age = settings.MARKTPLEIN_MFA_ENROLMENT_LINK_HOURS * 3600
    try:
        data = signing.loads(token, salt=ENROLMENT_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ValidationError(
            _("This link has expired. Ask for a new one."), code="expired"
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(_("This link is not valid."), code="invalid") from error
    if data.get("user") != user.pk:
        raise ValidationError(
            _("This link is for another account. Sign in with the account that received it."),
            code="other_user",
        )
    if (
        data.get("stamp") != user.security_stamp
        or _authenticators(user).filter(type="totp").exists()
    ):
        raise ValidationError(_("This link has already been used."), code="used")


def user_set_language(*, user: User, language: str) -> None:
    """The language a person's e-mails are written in: the one they last chose on the site."""
    if language in dict(settings.LANGUAGES) and user.language != language:
        User.objects.filter(pk=user.pk).update(language=language)
        user.language = language


def account_contact_change(
    *, user: User, phone: str, shows_phone: bool, shows_email: bool
) -> None:
    """What a person shows the people they work with (see `User.phone`)."""
    if shows_phone and not phone:
        raise ValidationError(_("Type the phone number you want to show."))
    User.objects.filter(pk=user.pk).update(
        phone=phone, shows_phone=shows_phone, shows_email=shows_email
    )
    user.phone, user.shows_phone, user.shows_email = phone, shows_phone, shows_email
