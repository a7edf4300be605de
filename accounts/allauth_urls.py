"""allauth's pages that guard credentials, with our stricter rules in front.

These patterns come before `include("allauth.urls")` (marktplein/urls.py), at
the same paths, so they are the ones that answer:
- a second factor is set up only from the link mailed to the person
  (`second_factor_enrolment_required`), never with the password alone;
- removing it, and seeing or making recovery codes, needs the second factor
  used in the last few minutes, never the password alone;
- changing the password or an address of an account with a second factor
  needs it too, and a municipal account without one cannot change its address
  (the enrolment link goes there).
"""

from functools import wraps

from allauth.account import views as account_views
from allauth.mfa.recovery_codes import views as recovery_code_views
from allauth.mfa.totp import views as totp_views
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _

from .permissions import has_second_factor, may_enrol_second_factor, recent_second_factor_required


def second_factor_enrolment_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        needs_link = user.is_authenticated and not has_second_factor(user)
        if needs_link and not may_enrol_second_factor(request):
            return redirect("accounts:second_factor_start")
        return view(request, *args, **kwargs)

    return wrapped


def municipal_address_kept_until_second_factor(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if request.method == "POST" and user.is_municipal and not has_second_factor(user):
            messages.error(request, _("Set up your second factor first. Then you can do this."))
            return redirect("accounts:second_factor_start")
        return view(request, *args, **kwargs)

    return wrapped


urlpatterns = [
    path("2fa/totp/activate/", second_factor_enrolment_required(totp_views.activate_totp)),
    path("2fa/totp/deactivate/", recent_second_factor_required(totp_views.deactivate_totp)),
    path(
        "2fa/recovery-codes/",
        recent_second_factor_required(recovery_code_views.view_recovery_codes),
    ),
    path(
        "2fa/recovery-codes/generate/",
        recent_second_factor_required(recovery_code_views.generate_recovery_codes),
    ),
    path(
        "2fa/recovery-codes/download/",
        recent_second_factor_required(recovery_code_views.download_recovery_codes),
    ),
    path(
        "email/",
        recent_second_factor_required(
            municipal_address_kept_until_second_factor(account_views.email), methods=("POST",)
        ),
    ),
    path(
        "password/change/",
        recent_second_factor_required(account_views.password_change, methods=("POST",)),
    ),
]
