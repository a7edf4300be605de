from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from .services import civil_servant_verify_by_email


class AccountAdapter(DefaultAccountAdapter):
    def confirm_email(self, request, email_address):
        """After allauth verifies an address, a municipal domain makes a civil servant."""
        result = super().confirm_email(request, email_address)
        civil_servant_verify_by_email(user=email_address.user, email=email_address.email)
        return result

    def get_login_redirect_url(self, request):
        if request.user.is_municipal:
            return reverse("accounts:werkplek")
        return super().get_login_redirect_url(request)
