from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class MarktpleinConfig(AppConfig):
    name = "marktplein"
    verbose_name = _("Marktplein")


class MarktpleinAdminConfig(AdminConfig):
    default_site = "marktplein.admin_site.MarktpleinAdminSite"
