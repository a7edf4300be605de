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
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext, ngettext

from initiatieven.models import Initiative, NeedKind
from initiatieven.selectors import InitiativeCard

register = template.Library()


class _Labels:
    """The labels of a field's choices in the active language, looked up once a page;
    an unknown value shows as it is, as `get_FOO_display` shows it."""

    def __init__(self, choices) -> None:
        self.labels = {value: str(label) for value, label in choices.choices}

    def __getitem__(self, value: str) -> str:
        return self.labels.get(value, value)


@register.simple_tag
def initiative_cards(cards: Iterable[InitiativeCard]) -> SafeString:
    stages, statuses, kinds = (
        _Labels(Initiative.Stage),
        _Labels(Initiative.Status),
        _Labels(NeedKind),
    )
    needs_label = escape(gettext("Needs:"))
    html = []
    for card in cards:
        needs = (
            f'<p class="utrecht-paragraph"><strong>{needs_label}</strong> '
            f"{escape(', '.join(kinds[kind] for kind in card.needs))}</p>"
            if card.needs
            else ""
        )
        themes = "".join(
            f'<span class="utrecht-badge-data marktplein-badge">{escape(name)}</span> '
            for name in card.theme_names
        )
        supporters = ngettext(
            "%(counter)s supporter", "%(counter)s supporters", card.supporters
        ) % {"counter": card.supporters}
        lang = escape(card.language)
        html.append(
            f'<article class="marktplein-card" aria-labelledby="initiative-{card.pk}">\n'
            f'  <h2 class="utrecht-heading-3" id="initiative-{card.pk}" lang="{lang}">'
            f'<a class="utrecht-link" href="{escape(reverse("initiatieven:detail", args=[card.pk]))}">'
            f"{escape(card.title)}</a></h2>\n"
            f'  <p class="utrecht-paragraph marktplein-meta">{escape(card.neighbourhood)} · '
            f"{escape(capfirst(stages[card.stage]))} · "
            f"{escape(capfirst(statuses[card.status]))}</p>\n"
            f'  <p class="utrecht-paragraph" lang="{lang}">'
            f"{escape(Truncator(card.summary).words(30))}</p>\n"
            f"  {needs}\n"
            f'  <p class="utrecht-paragraph marktplein-meta">{themes}{escape(supporters)}</p>\n'
            "</article>"
        )
    return mark_safe("\n".join(html))  # every value above is escaped
