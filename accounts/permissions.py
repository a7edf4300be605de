"""Who may do what with accounts and roles, and the second-factor rule."""

from functools import wraps

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .models import Role, User


def can_manage_roles(user: User) -> bool:
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR)


def can_read_audit_log(user: User) -> bool:
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR)


def session_used_second_factor(request: HttpRequest) -> bool:
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def second_factor_redirect(request: HttpRequest):
    """None when the user may go on; otherwise where to set up or use the second factor."""
    user = request.user
    if not is_mfa_enabled(user, types=[Authenticator.Type.TOTP]):
        messages.info(
            request, _("Municipal pages need a second factor. Set up an authenticator app first.")
        )
        target = reverse("mfa_activate_totp")
    elif not session_used_second_factor(request):
        target = reverse("mfa_reauthenticate")
    else:
        return None
    return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


def municipal_view(*roles: str):
    """A page for municipal roles: the role on the user, then the second factor.

    With no roles given, any municipal role will do.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            allowed = user.is_municipal if not roles else bool(user.roles & set(roles))
            if not allowed:
                raise PermissionDenied
            response = second_factor_redirect(request)
            if response is not None:
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
