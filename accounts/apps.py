from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from allauth.mfa import signals

        from audit.actions import register

        from . import receivers
        from .audit_actions import ACTIONS

        register(ACTIONS)
        signals.authenticator_added.connect(
            receivers.second_factor_added, dispatch_uid="mfa-added"
        )
        signals.authenticator_removed.connect(
            receivers.second_factor_removed, dispatch_uid="mfa-removed"
        )
        signals.authenticator_reset.connect(
            receivers.second_factor_reset, dispatch_uid="mfa-reset"
        )
