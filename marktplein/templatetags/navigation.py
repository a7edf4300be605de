"""The main menu says where you are: `aria-current="page"` on the page itself, and
`aria-current="true"` inside its section (an initiative under Initiatives)."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html

register = template.Library()


@lru_cache(maxsize=128)
def _address(name: str, urlconf: str, prefix: str) -> str:
    return reverse(name, urlconf=urlconf)


@register.simple_tag
def menu_url(name: str) -> str:
    """The address of a page without arguments, reversed once per process (and URL
    configuration): each `reverse` costs as much as rendering a menu link, and the
    menu has ten of them on every page."""
    return _address(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


@register.simple_tag(takes_context=True)
def nav_link(context, name: str, label, *elsewhere: str) -> str:
    """A menu link to the page named `name`; `elsewhere` names deeper menu links that
    own their own part."""
    url = menu_url(name)
    request = context.get("request")
    path = request.path if request is not None else ""
    if path == url:
        current = "page"
    elif (
        url != "/"
        and path.startswith(url)
        and not any(path.startswith(menu_url(other)) for other in elsewhere)
    ):
        current = "true"
    else:
        return format_html('<a class="utrecht-link" href="{}">{}</a>', url, label)
    return format_html(
        '<a class="utrecht-link" href="{}" aria-current="{}">{}</a>', url, current, label
    )
