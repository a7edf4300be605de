from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added

        from .receivers import record_second_factor_setup

        authenticator_added.connect(record_second_factor_setup, dispatch_uid="mfa-setup-session")
