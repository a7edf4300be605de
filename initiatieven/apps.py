from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiatievenConfig(AppConfig):
    name = "initiatieven"
    verbose_name = _("Initiatives")

    def ready(self) -> None:
        from accounts.links import register

        from .account_links import InitiativeAccountLinks

        register(InitiativeAccountLinks())
