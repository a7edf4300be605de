from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AmbtenarenConfig(AppConfig):
    name = "ambtenaren"
    verbose_name = _("Civil servants")

    def ready(self) -> None:
        from accounts.links import register

        from .account_links import AdvisorAccountLinks

        register(AdvisorAccountLinks())
