"""The public list's cards, written in Python.

Twenty cards through the template engine took about 15 ms of a list request, more
than all its queries. Here a page of cards is one tag: the labels are translated once
a page, not once a card, and every value is escaped as Django escapes it
(`django.utils.html.escape` is `html.escape` made safe; called directly it skips
Django's check for lazy text on each value). The markup is the one
`templates/initiatieven/` used to include; tests read it."""

from collections.abc import Iterable
from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import add_truncation_text, capfirst
from django.utils.translation import get_language, gettext, ngettext

from initiatieven.models import Initiative, NeedKind
from initiatieven.selectors import InitiativeCard

register = template.Library()


class _Labels:
    """The labels of a field's choices in the active language, looked up and escaped
    once a page; an unknown value shows as it is, as `get_FOO_display` shows it."""

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


def _detail_url():
    """The address of an initiative's page, made from one `reverse` a page: twenty
    of them cost as much as the rest of the cards. The id is a path segment of its
    own (`initiatieven/<int:pk>/`); a test compares each card's link with `reverse`."""
    before, _zero, after = reverse("initiatieven:detail", args=[0]).rpartition("/0/")
    return lambda pk: f"{before}/{pk}/{after}"


@register.simple_tag
def initiative_cards(cards: Iterable[InitiativeCard]) -> SafeString:
    stages = _Labels(Initiative.Stage, capital=True)
    statuses = _Labels(Initiative.Status, capital=True)
    kinds = _Labels(NeedKind)
    needs_label = escape(gettext("Needs:"))
    detail_url = _detail_url()
    english = get_language() == "en"
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
        supporters = ngettext(
            "%(counter)s supporter", "%(counter)s supporters", card.supporters
        ) % {"counter": card.supporters}
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
            f'  <p class="utrecht-paragraph marktplein-meta">{themes}{escape(supporters)}</p>\n'
            "</article>"
        )
    return mark_safe("\n".join(html))  # every value above is escaped
