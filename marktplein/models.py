from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class NamedInBothLanguages(models.Model):
    """A short list item (theme, expertise area) with a Dutch and an English name."""

    slug = models.SlugField(unique=True)
    name_nl = models.CharField(_("name in Dutch"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)

    class Meta:
        abstract = True
        ordering = ["name_nl"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_nl
