from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AmbtenarenConfig(AppConfig):
    name = "ambtenaren"
    verbose_name = _("Civil servants")

    def ready(self) -> None:
        from accounts.links import register
        from audit.actions import register as register_audit_actions

        from .account_links import AdvisorAccountLinks
        from .audit_actions import ACTIONS

        register(AdvisorAccountLinks())
        register_audit_actions(ACTIONS)
