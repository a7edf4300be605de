from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubsidiesConfig(AppConfig):
    name = "subsidies"
    verbose_name = _("Subsidies")

    def ready(self) -> None:
        from accounts.links import register
        from audit.actions import register as register_audit_actions

        from .account_links import SubsidyAccountLinks
        from .audit_actions import ACTIONS

        register(SubsidyAccountLinks())
        register_audit_actions(ACTIONS)
