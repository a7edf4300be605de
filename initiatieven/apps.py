from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiatievenConfig(AppConfig):
    name = "initiatieven"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        from accounts.links import register
        from audit.actions import register as register_audit_actions

        from .account_links import InitiativeAccountLinks
        from .audit_actions import ACTIONS

        register(InitiativeAccountLinks())
        register_audit_actions(ACTIONS)
