"""The public list's cards, written in Python.

Twenty cards through the template engine took about 15 ms of a list request, more
than all its queries. Here a page of cards is one tag: the labels are translated and
escaped once per process and language (`_words`, `_supporters`), not once a card,
and every value is escaped as Django escapes it
(`django.utils.html.escape` is `html.escape` made safe; called directly it skips
Django's check for lazy text on each value). The markup is the one
`templates/initiatieven/` used to include; tests read it."""

from collections.abc import Iterable
from functools import lru_cache
from html import escape

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import add_truncation_text, capfirst
from django.utils.translation import get_language, gettext, ngettext

from initiatieven.models import Initiative, NeedKind
from initiatieven.selectors import InitiativeCard

register = template.Library()


class _Labels:
    """The labels of a field's choices in the active language, escaped; an unknown
    value shows as it is, as `get_FOO_display` shows it."""

    def __init__(self, choices, *, capital: bool = False) -> None:
        self.labels = {
            value: escape(capfirst(str(label)) if capital else str(label))
            for value, label in choices.choices
        }

    def __getitem__(self, value: str) -> str:
        return self.labels.get(value) or escape(value)


def _first_words(text: str, count: int) -> str:
    """What `Truncator(text).words(count)` gives, without its lazy object (about a
    tenth of a page of cards)."""
    words = text.split()
    shown = " ".join(words[:count])
    return add_truncation_text(shown) if len(words) > count else shown


@lru_cache(maxsize=16)
def _detail_url(urlconf: str, prefix: str):
    """The address of an initiative's page, made from one `reverse` per process (and
    URL configuration): twenty of them cost as much as the rest of the cards. The id
    is a path segment of its own (`initiatieven/<int:pk>/`); a test compares each
    card's link with `reverse`."""
    address = reverse("initiatieven:detail", args=[0], urlconf=urlconf)
    before, _zero, after = address.rpartition("/0/")
    return lambda pk: f"{before}/{pk}/{after}"


@lru_cache(maxsize=16)
def _words(language: str) -> tuple[_Labels, _Labels, _Labels, str]:
    """The labels of the cards in `language` (the active one): translations do not
    change while a process runs, and each lookup of the active language costs."""
    return (
        _Labels(Initiative.Stage, capital=True),
        _Labels(Initiative.Status, capital=True),
        _Labels(NeedKind),
        escape(gettext("Needs:")),
    )


@lru_cache(maxsize=1024)
def _supporters(language: str, count: int) -> str:
    text = ngettext("%(counter)s supporter", "%(counter)s supporters", count)
    return escape(text % {"counter": count})


@register.simple_tag
def initiative_cards(cards: Iterable[InitiativeCard]) -> SafeString:
    language = get_language()
    stages, statuses, kinds, needs_label = _words(language)
    detail_url = _detail_url(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    english = language == "en"
    html = []
    for card in cards:
        needs = (
            f'<p class="utrecht-paragraph"><strong>{needs_label}</strong> '
            f"{', '.join(kinds[kind] for kind in card.needs)}</p>"
            if card.needs
            else ""
        )
        themes = "".join(
            f'<span class="utrecht-badge-data marktplein-badge">{escape(en if english else nl)}'
            "</span> "
            for nl, en in card.themes
        )
        lang = escape(card.language)
        html.append(
            f'<article class="marktplein-card" aria-labelledby="initiative-{card.pk}">\n'
            f'  <h2 class="utrecht-heading-3" id="initiative-{card.pk}" lang="{lang}">'
            f'<a class="utrecht-link" href="{escape(detail_url(card.pk))}">'
            f"{escape(card.title)}</a></h2>\n"
            f'  <p class="utrecht-paragraph marktplein-meta">{escape(card.neighbourhood)} · '
            f"{stages[card.stage]} · {statuses[card.status]}</p>\n"
            f'  <p class="utrecht-paragraph" lang="{lang}">'
            f"{escape(_first_words(card.summary, 30))}</p>\n"
            f"  {needs}\n"
            f'  <p class="utrecht-paragraph marktplein-meta">{themes}'
            f"{_supporters(language, card.supporters)}</p>\n"
            "</article>"
        )
    return mark_safe("\n".join(html))  # every value above is escaped
