from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GesprekkenConfig(AppConfig):
    name = "gesprekken"
    verbose_name = _("Conversations")

    def ready(self) -> None:
        from accounts.links import register

        from .account_links import ConversationAccountLinks

        register(ConversationAccountLinks())
