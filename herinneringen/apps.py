from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HerinneringenConfig(AppConfig):
    name = "herinneringen"
    verbose_name = _("Reminders")

    def ready(self) -> None:
        from accounts.links import register

        from . import checks, demo  # noqa: F401  (checks register themselves)
        from .account_links import ReminderAccountLinks

        register(ReminderAccountLinks())
        demo.start_dispatcher_in_process()
