"""Hooks into allauth's own signals. They only record; the services decide."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.contrib.auth import update_session_auth_hash

from . import services

# allauth's "reset" is new recovery codes; "mfa.reset" is a role resetting the factor.
ACTIONS = {"added": "mfa.added", "removed": "mfa.removed", "reset": "mfa.recovery_codes_renewed"}


def _changed(request, user, authenticator, change: str) -> None:
    user = services.second_factor_changed(
        user=user, action=ACTIONS[change], kind=authenticator.type
    )
    if request is not None and request.user.is_authenticated and request.user.pk == user.pk:
        # This session stays signed in; every other session of the person ends.
        request.user.security_stamp = user.security_stamp
        update_session_auth_hash(request, request.user)


def second_factor_added(sender, request, user, authenticator, **kwargs) -> None:
    had_a_factor = (
        Authenticator.objects.filter(user=user)
        .exclude(pk=authenticator.pk)
        .exclude(type=Authenticator.Type.RECOVERY_CODES)
        .exists()
    )
    _changed(request, user, authenticator, "added")
    # Setting up the first factor proves it, for this session. Adding one next to
    # another factor proves nothing: that session must still use the one it had.
    if request is not None and authenticator.type == "totp" and not had_a_factor:
        record_authentication(request, user, "mfa", id=authenticator.pk, type="totp", setup=True)


def second_factor_removed(sender, request, user, authenticator, **kwargs) -> None:
    _changed(request, user, authenticator, "removed")


def second_factor_reset(sender, request, user, authenticator, **kwargs) -> None:
    _changed(request, user, authenticator, "reset")
