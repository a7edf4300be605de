"""Who may do what with accounts and roles, and the second-factor rule."""

import time
from functools import wraps

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
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


def session_used_second_factor(request: HttpRequest, *, within: float | None = None) -> bool:
    """Whether this session used the second factor (within the last `within` seconds)."""
    records = get_authentication_records(request, request.user)
    now = time.time()
    return any(
        record.get("method") == "mfa" and (within is None or now - record.get("at", 0) < within)
        for record in records
    )


def has_second_factor(user: User) -> bool:
    return user.is_authenticated and is_mfa_enabled(user, types=[Authenticator.Type.TOTP])


ENROLMENT_SESSION_KEY = "marktplein_second_factor_enrolment"
# After opening the enrolment link, this many seconds to finish setting up.
ENROLMENT_WINDOW = 30 * 60


def may_enrol_second_factor(request: HttpRequest) -> bool:
    """Only a session that opened the enrolment link mailed to the person sets up a factor."""
    grant = request.session.get(ENROLMENT_SESSION_KEY) or {}
    user = request.user
    return (
        isinstance(user, User)
        and grant.get("user") == user.pk
        and time.time() - grant.get("at", 0) < ENROLMENT_WINDOW
        and grant.get("stamp") == user.security_stamp
    )


def recent_second_factor_required(view=None, *, methods: tuple[str, ...] | None = None):
    """For removing or replacing a second factor, seeing recovery codes, and changing the
    password or address of an account that has one: the second factor (or a recovery
    code) used in the last few minutes, never the password alone.

    With `methods`, only requests with those methods are guarded (a page that only
    shows a form stays open).
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            guarded = methods is None or request.method in methods
            if (
                guarded
                and has_second_factor(request.user)
                and not session_used_second_factor(
                    request, within=settings.ACCOUNT_REAUTHENTICATION_TIMEOUT
                )
            ):
                messages.info(request, _("Use your authenticator app first. Then try again."))
                target = reverse("mfa_reauthenticate")
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator(view) if view is not None else decorator


def second_factor_redirect(request: HttpRequest):
    """None when the user may go on; otherwise where to set up or use the second factor."""
    user = request.user
    if not is_mfa_enabled(user, types=[Authenticator.Type.TOTP]):
        messages.info(
            request, _("Municipal pages need a second factor. Set up an authenticator app first.")
        )
        target = reverse("accounts:second_factor_start")
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


def second_factor_if_municipal(view):
    """For pages that residents and municipal people share (an advisorship): someone
    with a municipal role uses the second factor first, as on municipal pages."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_municipal:
            response = second_factor_redirect(request)
            if response is not None:
                return response
        return view(request, *args, **kwargs)

    return wrapped
