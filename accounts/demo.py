"""Demo accounts: one per role, with a known password and a known second factor."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction

from .models import MUNICIPAL_ROLES, Role, User
from .services import role_grant

DEMO_PASSWORD = "marktplein-demo"
# Demo only: a fixed TOTP secret so a tester can add it to an authenticator app.
DEMO_TOTP_SECRET = "MARKTPLEINDEMO234567MARKTPLEIN23"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    roles: tuple[str, ...]


DEMO_ACCOUNTS = [
    DemoAccount("inwoner@marktplein.example", "Sanne", ()),
    DemoAccount("partner@marktplein.example", "Karim", (Role.PARTNER,)),
    DemoAccount("ambtenaar@gemeente.example", "Joost", (Role.CIVIL_SERVANT,)),
    DemoAccount("loket@gemeente.example", "Fatima", (Role.CIVIL_SERVANT, Role.COORDINATOR)),
    DemoAccount("subsidie@gemeente.example", "Pieter", (Role.CIVIL_SERVANT, Role.GRANT_OFFICER)),
    # A second grant officer: reclaiming money needs two (four eyes).
    DemoAccount("subsidie2@gemeente.example", "Noor", (Role.CIVIL_SERVANT, Role.GRANT_OFFICER)),
    DemoAccount("wethouder@gemeente.example", "Anouk", (Role.ALDERMAN,)),
    DemoAccount("beheer@gemeente.example", "Mira", (Role.ADMINISTRATOR,)),
]


@transaction.atomic
def seed_account(account: DemoAccount) -> User:
    user = User.objects.filter(email=account.email).first()
    if user is None:
        user = User.objects.create_user(
            email=account.email, password=DEMO_PASSWORD, first_name=account.first_name
        )
    EmailAddress.objects.get_or_create(
        user=user, email=account.email, defaults={"verified": True, "primary": True}
    )
    held = set(user.role_assignments.values_list("role", flat=True))
    for role in account.roles:
        if role not in held:
            role_grant(user=user, role=role, actor=None, reason="Demo account.")
    if set(account.roles) & MUNICIPAL_ROLES:
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
        if not Authenticator.objects.filter(
            user=user, type=Authenticator.Type.RECOVERY_CODES
        ).exists():
            RecoveryCodes.activate(user)
    return user


def seed_accounts() -> list[User]:
    return [seed_account(account) for account in DEMO_ACCOUNTS]
