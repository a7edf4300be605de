from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HerinneringenConfig(AppConfig):
    name = "herinneringen"
    verbose_name = _("Reminders")

    def ready(self) -> None:
        from accounts.links import register

        from . import demo
        from .account_links import ReminderAccountLinks

        register(ReminderAccountLinks())
        demo.start_dispatcher_in_process()
