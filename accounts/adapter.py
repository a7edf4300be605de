from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.httpkit import get_client_ip
from django.conf import settings
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .services import civil_servant_verify_by_email

# A page of this site to go on to after signing in, kept in the session (for instance
# an invitation opened before the person had an account): it survives signing up and
# verifying the address in the same browser, where a ?next= would be lost.
CONTINUE_AFTER_LOGIN = "marktplein_continue_after_login"


class AccountAdapter(DefaultAccountAdapter):
    def confirm_email(self, request, email_address):
        """After allauth verifies an address, a municipal domain makes a civil servant."""
        result = super().confirm_email(request, email_address)
        civil_servant_verify_by_email(user=email_address.user, email=email_address.email)
        return result

    def send_mail(self, template_prefix, email, context):
        """allauth's e-mails in Marktplein's voice: signed with the municipality's name
        (templates/account/email/base_message.txt), not the server's address."""
        context = {**context, "municipality_name": settings.MARKTPLEIN_MUNICIPALITY_NAME}
        return super().send_mail(template_prefix, email, context)

    def get_login_redirect_url(self, request):
        waiting = request.session.pop(CONTINUE_AFTER_LOGIN, None)
        if waiting and url_has_allowed_host_and_scheme(
            waiting, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return waiting
        if request.user.is_municipal:
            return reverse("accounts:werkplek")
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        """Signed in right after confirming a new address: on, as after any sign-in
        (the waiting invitation, or the workplace for a civil servant)."""
        return self.get_login_redirect_url(request)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Count failed sign-ins per account *and* client address.

        Counted per account alone, anyone could keep a known person out of
        their account by typing wrong passwords for them; now the failures of
        one address do not lock out another. The client address is the one
        behind the trusted proxies (ALLAUTH_TRUSTED_PROXY_COUNT), so people
        behind the municipality's proxy are not one address either.
        """
        key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{key}:{get_client_ip(request) or 'unknown'}"
