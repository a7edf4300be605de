"""Reference data every app may use: neighbourhoods, themes, expertise areas, and the
days the municipality is closed. This app imports no other app of the platform."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from marktplein.models import NamedInBothLanguages


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


class Theme(NamedInBothLanguages):
    """What an initiative is about: green, care, youth, energy, culture..."""

    class Meta(NamedInBothLanguages.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class ExpertiseArea(NamedInBothLanguages):
    """A field a civil servant can lend: permits, subsidies, legal, green space, care..."""

    class Meta(NamedInBothLanguages.Meta):
        verbose_name = _("expertise area")
        verbose_name_plural = _("expertise areas")


class ClosedDay(models.Model):
    """A day the municipality is closed, on top of weekends and public holidays."""

    date = models.DateField(_("date"), unique=True)
    description = models.CharField(_("why"), max_length=200)

    class Meta:
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date}: {self.description}"
