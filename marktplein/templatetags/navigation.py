"""The main menu says where you are: `aria-current="page"` on the page itself, and
`aria-current="true"` inside its section (an initiative under Initiatives)."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_link(context, url: str, label, *elsewhere: str) -> str:
    """A menu link; `elsewhere` are deeper menu links that own their own part."""
    request = context.get("request")
    path = request.path if request is not None else ""
    if path == url:
        current = "page"
    elif (
        url != "/"
        and path.startswith(url)
        and not any(path.startswith(other) for other in elsewhere)
    ):
        current = "true"
    else:
        return format_html('<a class="utrecht-link" href="{}">{}</a>', url, label)
    return format_html(
        '<a class="utrecht-link" href="{}" aria-current="{}">{}</a>', url, current, label
    )
