from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BasisgegevensConfig(AppConfig):
    name = "basisgegevens"
    verbose_name = _("Reference data")
