from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("Dashboard")

    def ready(self) -> None:
        from audit.actions import register as register_audit_actions

        from . import aggregates
        from .audit_actions import ACTIONS

        register_audit_actions(ACTIONS)
        aggregates.teach_sqlite_the_median()
