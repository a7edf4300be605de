from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Neighbourhood(models.Model):
    """A wijk or buurt, with its CBS code and number of residents."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    cbs_code = models.CharField(_("CBS code"), max_length=10, blank=True)
    population = models.PositiveIntegerField(_("residents"))
    population_year = models.PositiveSmallIntegerField(_("residents counted in"))

    class Meta:
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cbs_code"],
                condition=~models.Q(cbs_code=""),
                name="neighbourhood_cbs_code_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    """What an initiative is about: green, care, youth, energy, culture..."""

    slug = models.SlugField(unique=True)
    name_nl = models.CharField(_("name in Dutch"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name_nl"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_nl
